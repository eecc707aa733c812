"""PLOVER JSON Lines (manual draft 0.8): one record per event with a PLOVER type.

Auxiliary modes (historical, future, hypothetical, negation) follow the event's main mode;
``event_scale`` holds the Size record (dead, injured, arrested, and crowd size when stated);
``event_text`` is the source sentence; ``text`` (the whole story) is left null to keep records
small: ``text_info.article_id`` joins the stored article; ``text_info.incident_id`` names the
incident the event belongs to (null when the database has no incidents).
"""

from __future__ import annotations

from typing import IO, Any

from ... import __version__
from ...model import Actor, Location
from ..db import Store
from ..query import EventFilter, EventRow, iter_rows
from .common import event_day, isoformat, json_line, site_of, text_stream
from .countries import country_name

MEDIA_TYPE = "application/x-ndjson"
AUXILIARY_MODES = (
    ("historical", "historical"),
    ("future", "future"),
    ("hypothetical", "hypothetical"),
    ("negated", "negation"),
)
FEATURES = {
    "place": ("P", "PPL"),
    "admin2": ("A", "ADM2"),
    "admin1": ("A", "ADM1"),
    "country": ("A", "PCLI"),
}


def entity(actor: Actor) -> dict[str, Any]:
    return {
        "code": actor.code,
        "sector": actor.sector,
        "entity_text": actor.text,
        "identifier_id": None,
        "identifier_text": actor.name,
        "religion": None,
        "ethnicity": None,
        "office": None,
        "gender": None,
        "age": None,
    }


def place_record(place: Location | None) -> dict[str, Any] | None:
    if place is None:
        return None
    feature_class, feature_code = FEATURES.get(place.precision, (None, None))
    return {
        "extracted_place": place.name,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "city": place.name if place.precision == "place" else None,
        "district": place.admin2,
        "province": place.admin1,
        "country": country_name(place.country) or None,
        "country_code": place.country,
        "feature_class": feature_class,
        "feature_code": feature_code,
        "resolution": place.precision,
    }


def record(row: EventRow, *, text: str | None = None) -> dict[str, Any] | None:
    event = row.event
    if not event.plover_type:
        return None
    day = event_day(row)
    modes = [event.plover_mode] if event.plover_mode else []
    modes += [mode for flag, mode in AUXILIARY_MODES if getattr(event, flag)]
    coded = row.coded_at
    return {
        "id": event.event_id,
        "has_event": True,
        "date": day.isoformat() if day else None,
        "time": None,
        "enddate": None,
        "endtime": None,
        "actor": [entity(a) for a in event.source_actors],
        "recipient": [entity(a) for a in event.target_actors],
        "event": [event.plover_type],
        "event_loc": place_record(event.location),
        "event_text": event.sentence,
        "quad_code": event.quad_class,
        "event_scale": {
            "dead": event.killed.best if event.killed else None,
            "injured": event.injured.best if event.injured else None,
            "arrested": event.arrested,
            "size": event.size,
        },
        "mode": modes,
        "context": list(event.plover_context),
        "link": row.url,
        "text": text,
        "text_info": {
            "article_id": event.article_id,
            "title": row.title,
            "source": site_of(row) or None,
            "published": isoformat(row.published),
            "sentence_index": event.sentence_index,
            "trigger": event.trigger,
            "trigger_start": event.trigger_start,
            "trigger_end": event.trigger_end,
            "incident_id": row.incident_id,
            "incident_num_articles": row.incident_num_articles,
        },
        "cite_info": row.url or site_of(row) or None,
        "coder": f"eventwire {__version__}",
        "coded_date": coded.date().isoformat() if coded else None,
        "coded_time": coded.strftime("%H:%M:%S") if coded else None,
        "comment": None,
    }


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as stream:
        for row in iter_rows(store, flt):
            data = record(row)
            if data is not None:
                stream.write(json_line(data))
                n += 1
    return n
