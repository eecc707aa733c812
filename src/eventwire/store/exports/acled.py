"""ACLED-style CSV: ACLED's 31 columns and conventions.

- Only events with an ACLED event type that happened are written: negated, hypothetical and
  future events are left out, and so are events without a location (ACLED events are placed).
- ``event_id_cnty`` is the location's ISO alpha-3 code + the event id; ``iso`` the ISO numeric.
- ``time_precision``: 1 day, 2 week, 3 month or coarser (or a date taken from publication).
- ``geo_precision``: 1 town/place, 2 district (admin2), 3 province (admin1) or country.
- ``fatalities``: the most conservative figure (``low`` when given, else ``best``), 0 if none.
- ``inter1``/``inter2`` from actor sectors (1 state forces, 2 rebels, 3 political militias,
  5 rioters, 6 protesters, 7 civilians, 8 external/other, incl. state forces abroad; 0 unknown);
  ``interaction`` is the two codes, lower first (``10`` for state forces alone).
- ``region`` and ``source_scale`` are left blank (not derivable from the text).
- With incidents in the database, each incident is one row (ACLED records a happening once):
  its representative event, with all the incident's outlets in
  ``source`` (separated by "; ").
"""

from __future__ import annotations

import csv
from typing import IO

from ...model import Actor, Event
from ..db import Store
from ..query import EventFilter, EventRow, iter_rows
from .common import event_day, one_cell, site_of, text_stream
from .countries import country, country_name

MEDIA_TYPE = "text/csv"

COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
    "source_scale notes fatalities tags timestamp"
).split()
assert len(COLUMNS) == 31

TIME_PRECISION = {"day": 1, "week": 2}  # anything coarser: 3
GEO_PRECISION = {"place": 1, "admin2": 2}  # admin1, country: 3
STATE = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
INTER_BY_SECTOR = {
    "REB": 2, "INS": 2, "UAF": 3, "CRM": 3, "RAD": 3, "IGO": 8, "PKO": 8,
    "CVL": 7, "BUS": 7, "MED": 7, "HLH": 7, "EDU": 7, "AGR": 7, "REL": 7, "LAB": 7, "REF": 7,
    "ENV": 7, "ELI": 7, "HRI": 7, "PPL": 7, "JRN": 7, "NGO": 7, "OPP": 7, "PTY": 7,
}  # fmt: skip
STATE_NAMES = {
    "GOV": "Government of {}", "MIL": "Military Forces of {}", "COP": "Police Forces of {}",
    "SPY": "Intelligence Services of {}", "JUD": "Government of {}", "LEG": "Government of {}",
}  # fmt: skip
GROUP_NAMES = {2: "Rebel Group ({})", 3: "Unidentified Armed Group ({})", 5: "Rioters ({})",
               6: "Protesters ({})", 7: "Civilians ({})"}  # fmt: skip
POLITICAL_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def disorder_type(event_type: str, sub_event_type: str | None) -> str:
    if event_type in POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type == "Protests":
        if sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return "Demonstrations"
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    return "Strategic developments"


def inter_code(actor: Actor, event: Event, *, source: bool) -> int:
    sector = (actor.sector or "").upper()
    home = (event.location.country or "") if event.location else ""
    if sector in STATE:
        abroad = bool(actor.country and home and actor.country.upper() != home.upper())
        return 8 if abroad else 1
    if source and event.acled_event_type == "Protests":
        return 6
    if source and event.acled_event_type == "Riots":
        return 5
    return INTER_BY_SECTOR.get(sector, 0)


def actor_name(actor: Actor, inter: int, event: Event) -> str:
    sector = (actor.sector or "").upper()
    place = actor.country or (event.location.country if event.location else None)
    where = country_name(place) if place else ""
    if sector in STATE and where:
        return STATE_NAMES[sector].format(where)
    if actor.name:
        return actor.name
    if inter in GROUP_NAMES and where:
        return GROUP_NAMES[inter].format(where)
    return actor.text


def _side(actors: list[Actor], event: Event, *, source: bool) -> tuple[str, str, int]:
    if not actors:
        return "", "", 0
    inter = inter_code(actors[0], event, source=source)
    main = actor_name(actors[0], inter, event)
    others = [actor_name(a, inter_code(a, event, source=source), event) for a in actors[1:]]
    return one_cell(main), one_cell("; ".join(dict.fromkeys(o for o in others if o))), inter


def row_of(row: EventRow) -> list[object] | None:
    """The 31 cells of one event, or None when ACLED would not record it."""
    event = row.event
    place = event.location
    if not event.acled_event_type or event.negated or event.hypothetical or event.future:
        return None
    if place is None or place.lat is None or place.lon is None:
        return None
    day = event_day(row)
    if day is None:
        return None
    iso3 = (place.country or "").upper()
    actor1, assoc1, inter1 = _side(event.source_actors, event, source=True)
    actor2, assoc2, inter2 = _side(event.target_actors, event, source=False)
    pair = sorted((inter1, inter2)) if inter1 and inter2 else [inter1 or inter2, 0]
    interaction = f"{pair[0]}{pair[1]}" if pair[0] else ""
    civilians = any(a.sector and a.sector.upper() == "CVL" for a in event.target_actors)
    targeted = event.acled_event_type == "Violence against civilians" or (
        civilians and event.acled_event_type in POLITICAL_VIOLENCE
    )
    date_precision = "unknown" if event.date is None else event.date_precision
    fatalities = 0
    if event.killed is not None:
        low = event.killed.low if event.killed.low is not None else event.killed.best
        fatalities = max(0, low or 0)
    found = country(iso3)
    timestamp = int(row.coded_at.timestamp()) if row.coded_at else ""
    return [
        f"{iso3 or 'XXX'}{event.event_id}",
        day.isoformat(),
        day.year,
        TIME_PRECISION.get(date_precision, 3),
        disorder_type(event.acled_event_type, event.acled_sub_event_type),
        event.acled_event_type,
        event.acled_sub_event_type or "",
        actor1,
        assoc1,
        inter1 or "",
        actor2,
        assoc2,
        inter2 or "",
        interaction,
        "Civilian targeting" if targeted else "",
        (found.numeric or "") if found else "",
        "",
        country_name(iso3),
        one_cell(place.admin1),
        one_cell(place.admin2),
        "",
        one_cell(place.name),
        f"{place.lat:.4f}",
        f"{place.lon:.4f}",
        GEO_PRECISION.get(place.precision, 3),
        one_cell("; ".join(row.incident_sources or []) or site_of(row)),
        "",
        one_cell(event.sentence),
        fatalities,
        f"crowd size={event.size}" if event.size else "",
        timestamp,
    ]


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in iter_rows(store, flt):
            if not row.stands_for_incident:
                continue
            cells = row_of(row)
            if cells is not None:
                writer.writerow(cells)
                n += 1
    return n
