"""GDELT 2.0 event table: tab-separated, no header, the 61 columns in GDELT's order.

Conventions: CAMEO codes are zero-padded strings; GLOBALEVENTID is the first 15 hex digits of
the event id as an integer (stable across exports); an event is a root event when it is in the
first three sentences (the lead). Geo fields use FIPS 10-4 country codes (from GeoNames); ADM1
codes are FIPS country + GeoNames admin1 code, which is the FIPS code for most countries.
Actor geography is not coded (type 0, blank fields); ActionGeo is the event location.
One row per incident when the database has incidents (``eventwire incidents``): the incident's
representative event stands for it, and NumMentions/NumSources/NumArticles are the
incident's mentions, distinct outlets and articles; without incidents every event is a row
and they are 1. AvgTone is blank (not computed). Events without a CAMEO code and negated
events are left out.
"""

from __future__ import annotations

import hashlib
import re
from typing import IO

from ...model import Actor, Event, Location
from ..db import Store
from ..query import EventFilter, EventRow, iter_rows
from .common import fallback_day, one_cell, text_stream
from .countries import country_name, fips_code

MEDIA_TYPE = "text/tab-separated-values"

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()
assert len(COLUMNS) == 61

ROOT_EVENT_SENTENCES = 3
# Goldstein score and QuadClass by CAMEO root, for events coded without them.
GOLDSTEIN_BY_ROOT = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}  # fmt: skip
_CODE = re.compile(r"^[A-Za-z0-9]{1,3}$")
_HEX16 = re.compile(r"^[0-9a-f]{15,}$")


def quad_class_of(root: str) -> int | None:
    if not root.isdigit():
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4 if n <= 20 else None


def global_event_id(event_id: str) -> int:
    hexed = event_id if _HEX16.match(event_id) else hashlib.sha1(event_id.encode()).hexdigest()
    return int(hexed[:15], 16)


def _actor(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * 10
    country = (actor.country or "").upper()
    code = (actor.code or country + (actor.sector or "")).upper()
    rest = code[len(country) :] if country and code.startswith(country) else code
    types = [rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3]
    if actor.sector and actor.sector.upper() not in types:
        types.insert(0, actor.sector.upper())
    types = (types + ["", "", ""])[:3]
    name = (actor.name or actor.text or "").upper()
    return [code, one_cell(name), country, "", "", "", "", *types]


def _geo(place: Location | None) -> list[str]:
    if place is None:
        return ["0", "", "", "", "", "", "", ""]
    country = (place.country or "").upper()
    fips = fips_code(country) if country else ""
    us = country == "USA"
    admin1_code = place.admin1 if place.admin1 and _CODE.match(place.admin1) else None
    adm1 = f"{fips}{admin1_code}" if fips and admin1_code else fips
    if place.precision == "country":
        kind, feature = "1", fips
    elif place.precision == "admin1":
        kind, feature = ("2" if us else "5"), adm1
    else:
        kind = "3" if us else "4"
        feature = str(place.geonameid) if place.geonameid is not None else ""
    parts = [place.name]
    if place.precision not in ("country", "admin1") and place.admin1 and not admin1_code:
        parts.append(place.admin1)
    if place.precision != "country" and country:
        parts.append(country_name(country))
    full_name = ", ".join(dict.fromkeys(p for p in parts if p))
    lat = f"{place.lat:.4f}" if place.lat is not None else ""
    lon = f"{place.lon:.4f}" if place.lon is not None else ""
    return [kind, one_cell(full_name), fips, adm1, "", lat, lon, feature]


def row_of(row: EventRow) -> list[str] | None:
    """The 61 cells of one event, or None when GDELT cannot hold it."""
    event: Event = row.event
    code = (event.cameo_code or "").strip()
    if not code or event.negated:
        return None
    root = (event.cameo_root or code[:2]).zfill(2)
    day = fallback_day(row)
    if day is not None:
        fraction = day.year + (day.timetuple().tm_yday - 1) / 365
        dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]
    else:
        dates = ["", "", "", ""]
    quad = event.quad_class if event.quad_class is not None else quad_class_of(root)
    goldstein = event.goldstein if event.goldstein is not None else GOLDSTEIN_BY_ROOT.get(root)
    source = event.source_actors[0] if event.source_actors else None
    target = event.target_actors[0] if event.target_actors else None
    added = row.coded_at.strftime("%Y%m%d%H%M%S") if row.coded_at else ""
    return [
        str(global_event_id(event.event_id)),
        *dates,
        *_actor(source),
        *_actor(target),
        "1" if event.sentence_index < ROOT_EVENT_SENTENCES else "0",
        code,
        code[:3],
        root,
        "" if quad is None else str(quad),
        "" if goldstein is None else f"{goldstein:g}",
        str(row.incident_num_mentions or 1),
        str(row.incident_num_sources or 1),
        str(row.incident_num_articles or 1),
        "",
        *_geo(None),
        *_geo(None),
        *_geo(event.location),
        added,
        one_cell(row.url or row.source),
    ]


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as text:
        for row in iter_rows(store, flt):
            if not row.stands_for_incident:
                continue
            cells = row_of(row)
            if cells is not None:
                text.write("\t".join(cells) + "\n")
                n += 1
    return n
