"""JSON Lines: one Event record per line (``Event.from_dict`` reads it back), plus the article's
url, title, published, source and coded_at as ``article_*`` keys, and its incident as
``incident_*`` keys (null when the database has no incidents)."""

from __future__ import annotations

from typing import IO

from ..db import Store
from ..query import INCIDENT_FIELDS, EventFilter, EventRow, iter_rows
from ..schema import record_row
from .common import isoformat, json_line, text_stream

MEDIA_TYPE = "application/x-ndjson"


def record(row: EventRow) -> dict:
    return {
        **record_row(row.event),
        "article_url": row.url,
        "article_title": row.title,
        "article_published": isoformat(row.published),
        "article_source": row.source,
        "article_coded_at": isoformat(row.coded_at),
        **{f"incident_{n}": getattr(row, f"incident_{n}") for n, _, _ in INCIDENT_FIELDS},
    }


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as text:
        for row in iter_rows(store, flt):
            text.write(json_line(record(row)))
            n += 1
    return n
