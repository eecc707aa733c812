"""The filtered events as streamed CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from . import queries
from .filters import EventQuery
from .responses import dumps
from .snapshot import Snapshots


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_lines(snaps: Snapshots, query: EventQuery, *, sort: str, limit: int) -> Iterator[bytes]:
    """A header and one row per event (lists joined with ';'), in chunks of 2,000 rows."""
    with snaps.use() as snapshot:
        cur = snapshot.cursor()
        try:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(queries.SUMMARY_COLUMNS)
            n = 0
            for row in queries.iter_events(snapshot, cur, query, sort=sort, limit=limit):
                writer.writerow([_cell(row[c]) for c in queries.SUMMARY_COLUMNS])
                n += 1
                if n % 2000 == 0:
                    yield buffer.getvalue().encode("utf-8")
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue().encode("utf-8")
        finally:
            cur.close()


def geojson_parts(snaps: Snapshots, query: EventQuery, *, sort: str, limit: int) -> Iterator[bytes]:
    """A FeatureCollection of the located events (Point geometries, the rest as properties)."""
    with snaps.use() as snapshot:
        cur = snapshot.cursor()
        try:
            yield b'{"type":"FeatureCollection","features":['
            first = True
            chunk: list[bytes] = []
            for row in queries.iter_events(
                snapshot, cur, query, sort=sort, limit=limit, located=True
            ):
                lon, lat = row["lon"], row["lat"]
                props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
                feature = {
                    "type": "Feature",
                    "id": row["event_id"],
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": props,
                }
                chunk.append((b"" if first else b",") + dumps(feature))
                first = False
                if len(chunk) >= 1000:
                    yield b"".join(chunk)
                    chunk.clear()
            chunk.append(b"]}")
            yield b"".join(chunk)
        finally:
            cur.close()
