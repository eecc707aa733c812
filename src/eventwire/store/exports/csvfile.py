"""CSV: one row per event with every Event field; records and lists as JSON text; then the
article's url, title, published, source and coded_at as ``article_*`` columns, then the
event's incident (id, counts, membership confidence, sources) as ``incident_*`` columns."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from ..db import Store
from ..query import ARTICLE_FIELDS, INCIDENT_FIELDS, EventFilter, iter_rows
from ..schema import event_columns, record_row
from .common import isoformat, text_stream

MEDIA_TYPE = "text/csv"


def header() -> list[str]:
    return (
        [c.name for c in event_columns()]
        + [f"article_{name}" for name in ARTICLE_FIELDS]
        + [f"incident_{name}" for name, _, _ in INCIDENT_FIELDS]
    )


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    n = 0
    with text_stream(out) as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header())
        for row in iter_rows(store, flt):
            data = record_row(row.event)
            values = [cell(data.get(c.name)) for c in event_columns()]
            values += [cell(row.url), cell(row.title), cell(isoformat(row.published))]
            values += [cell(row.source), cell(isoformat(row.coded_at))]
            values += [cell(getattr(row, f"incident_{name}")) for name, _, _ in INCIDENT_FIELDS]
            writer.writerow(values)
            n += 1
    return n
