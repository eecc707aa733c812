"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per located event
(longitude, latitude in WGS 84), every Event field and the article's metadata as properties."""

from __future__ import annotations

from typing import IO

from ..db import Store
from ..query import EventFilter, iter_rows
from .common import json_line, text_stream
from .jsonl import record

MEDIA_TYPE = "application/geo+json"


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as text:
        text.write('{"type": "FeatureCollection", "features": [\n')
        for row in iter_rows(store, flt):
            place = row.event.location
            if place is None or place.lat is None or place.lon is None:
                continue
            if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
                continue
            feature = {
                "type": "Feature",
                "id": row.event.event_id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": record(row),
            }
            text.write(("" if n == 0 else ",") + json_line(feature))
            n += 1
        text.write("]}\n")
    return n
