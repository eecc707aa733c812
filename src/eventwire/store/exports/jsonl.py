"""JSON Lines: one Event record per line (``Event.from_dict`` reads it back), plus the article's
url, title, published, source and coded_at as ``article_*`` keys."""

from __future__ import annotations

from typing import IO

from ..db import Store
from ..query import EventFilter, EventRow, iter_rows
from .common import isoformat, json_line, text_stream

MEDIA_TYPE = "application/x-ndjson"


def record(row: EventRow) -> dict:
    return {
        **row.event.to_dict(),
        "article_url": row.url,
        "article_title": row.title,
        "article_published": isoformat(row.published),
        "article_source": row.source,
        "article_coded_at": isoformat(row.coded_at),
    }


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as text:
        for row in iter_rows(store, flt):
            text.write(json_line(record(row)))
            n += 1
    return n
