"""Helpers the export formats share."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import urlparse

from ...model import Event
from ..query import EventRow

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def event_day(row: EventRow) -> date | None:
    """The day of an event: its own date (partial dates padded to the first day), else the
    article's publication date."""
    match = _PARTIAL.match(row.event.date or "")
    if match:
        year, month, day = match.groups()
        try:
            return date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            pass
    return row.published


def fallback_day(row: EventRow) -> date | None:
    """``event_day``, else the day the article was coded."""
    day = event_day(row)
    if day is None and row.coded_at is not None:
        return row.coded_at.date()
    return day


def site_of(row: EventRow) -> str:
    """The outlet: the article's source, else the host of its URL."""
    if row.source:
        return row.source
    return urlparse(row.url).hostname or "" if row.url else ""


def one_cell(value: Any) -> str:
    """A value as one tab- and newline-free cell."""
    if value is None:
        return ""
    return " ".join(str(value).split())


# Characters JSON leaves raw that str.splitlines() (and some JSON Lines readers) break lines at.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(data: Any) -> str:
    """One JSON value on one line, whatever line-break characters its strings hold."""
    return json.dumps(data, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def flags(event: Event) -> list[str]:
    return [
        name
        for name, on in (
            ("negated", event.negated),
            ("hypothetical", event.hypothetical),
            ("historical", event.historical),
            ("future", event.future),
        )
        if on
    ]


def isoformat(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@contextmanager
def text_stream(out: IO[bytes]) -> Iterator[io.TextIOWrapper]:
    """UTF-8 text over a binary stream, detached (not closed) afterwards."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()
