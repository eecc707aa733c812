"""Dates of office as written in the data files: ISO dates, year-month or year."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..errors import ConfigError

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_bound(value: object, *, end: bool, where: str) -> date | None:
    """A role's start (``end=False``) or end date. Year-month and year values widen to the
    first (start) or last (end) day they cover; None stays open."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())  # "2010-01-09" (a CSV cell, quoted YAML)
    except ValueError:
        pass
    match = _PARTIAL.match(str(value).strip())
    if not match:
        raise ConfigError(f"[E110] {where}: date '{value}' is not YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(match.group(1))
    if match.group(2) is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise ConfigError(f"[E110] {where}: month {month} out of range in '{value}'")
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last) if end else date(year, month, 1)
