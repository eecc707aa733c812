"""What the API selects: filters, sort orders and cursors, turned into SQL with bound values.

Only fixed SQL text written here reaches the database; every value a client sends travels as a
parameter. Sort orders are looked up in ``SORTS`` by name, never formatted from the request.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MAX_VALUES = 50  # values per list filter
MAX_TEXT = 200  # characters of a text filter
MAX_WORDS = 8  # words of an actor filter

WORD = re.compile(r"[^\W_]+")  # letters and digits, as the snapshot splits actor texts
LAST_CHAR = "\U0010ffff"  # after every other character: prefix + it bounds a prefix range


class BadRequest(ValueError):
    """A filter, sort or cursor value the API cannot use; the message says which and why."""


# Sort orders other than by day get a precomputed rank in the snapshot, so an export in SQL is
# a top-N over one unique integer (pages use the snapshot's ``EventIndex``); the rank follows
# the (key NULLS LAST, tie) order cursors use.
RANKED = {
    "-killed": ("killed", "DESC"),
    "-injured": ("injured", "DESC"),
    "-confidence": ("confidence", "DESC"),
    "goldstein": ("goldstein", "ASC"),
}


def rank_column(sort: str) -> str | None:
    """The snapshot's rank column for a sort order, if it has one."""
    if sort not in RANKED:
        return None
    column, way = RANKED[sort]
    return f"rank_{column}_{way.lower()}"


@dataclass(frozen=True, slots=True)
class Sort:
    """A sort order: a column of ``ev`` (missing values last either way) and a direction."""

    column: str
    descending: bool
    kind: str  # "date" or "number": how a cursor's key value is read back
    rank: str | None = None  # a precomputed rank column giving the same order

    @property
    def order_by(self) -> str:
        if self.rank is not None:
            return f"{self.rank} ASC"
        way = "DESC" if self.descending else "ASC"
        return f"{self.column} {way} NULLS LAST, tie {way}"


def _sorts() -> dict[str, Sort]:
    out: dict[str, Sort] = {}
    for name, column, kind in (
        ("date", "day", "date"),
        ("killed", "killed", "number"),
        ("injured", "injured", "number"),
        ("confidence", "confidence", "number"),
        ("goldstein", "goldstein", "number"),
    ):
        out[name] = Sort(column, False, kind, rank_column(name))
        out[f"-{name}"] = Sort(column, True, kind, rank_column(f"-{name}"))
    return out


SORTS = _sorts()
DEFAULT_SORT = "-date"

ACTOR_ROLES = ("any", "source", "target")


def _values(raw: list[str] | None, *, name: str, upper: bool = False) -> tuple[str, ...]:
    """List filter values: repeated parameters and/or comma-separated, blanks dropped."""
    if not raw:
        return ()
    out: list[str] = []
    for item in raw:
        for part in item.split(","):
            part = part.strip()
            if part:
                if len(part) > MAX_TEXT:
                    raise BadRequest(f"{name}: a value longer than {MAX_TEXT} characters")
                out.append(part.upper() if upper else part)
    if len(out) > MAX_VALUES:
        raise BadRequest(f"{name}: at most {MAX_VALUES} values, not {len(out)}")
    return tuple(dict.fromkeys(out))


def _text(raw: str | None, *, name: str) -> str | None:
    if raw is None or not raw.strip():
        return None
    if len(raw) > MAX_TEXT:
        raise BadRequest(f"{name}: at most {MAX_TEXT} characters")
    return raw.strip()


def parse_bbox(raw: str | None, *, name: str = "bbox") -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees; west > east crosses the antimeridian."""
    if raw is None or not raw.strip():
        return None
    parts = raw.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise BadRequest(f"{name}: give west,south,east,north in degrees, not {raw!r}") from None
    if not all(-180 <= x <= 180 for x in (west, east)) or not all(
        -90 <= y <= 90 for y in (south, north)
    ):
        raise BadRequest(f"{name}: longitudes must be in [-180, 180] and latitudes in [-90, 90]")
    if south > north:
        raise BadRequest(f"{name}: south ({south}) is north of north ({north})")
    return west, south, east, north


def _cameo_root(value: str) -> str:
    if value.isdigit() and len(value) == 1:
        return "0" + value
    return value


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The filters of an events request (all optional; values are matched, never executed)."""

    since: date | None = None
    until: date | None = None
    country: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actor: str | None = None
    actor_role: str = "any"
    plover_type: tuple[str, ...] = ()
    cameo_root: tuple[str, ...] = ()
    acled_event_type: tuple[str, ...] = ()
    killed_min: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    historical: bool | None = None
    future: bool | None = None
    min_confidence: float | None = None

    @classmethod
    def parse(
        cls,
        *,
        since: date | None = None,
        until: date | None = None,
        country: list[str] | None = None,
        admin1: list[str] | None = None,
        actor: str | None = None,
        actor_role: str = "any",
        plover_type: list[str] | None = None,
        cameo_root: list[str] | None = None,
        acled_event_type: list[str] | None = None,
        killed_min: int | None = None,
        bbox: str | None = None,
        q: str | None = None,
        negated: bool | None = None,
        hypothetical: bool | None = None,
        historical: bool | None = None,
        future: bool | None = None,
        min_confidence: float | None = None,
    ) -> EventQuery:
        """Validate raw request values; raises ``BadRequest`` with what to fix."""
        if actor_role not in ACTOR_ROLES:
            raise BadRequest(f"actor_role must be one of {', '.join(ACTOR_ROLES)}")
        if killed_min is not None and killed_min < 0:
            raise BadRequest("killed_min must be 0 or more")
        if min_confidence is not None and not 0 <= min_confidence <= 1:
            raise BadRequest("min_confidence must be between 0 and 1")
        return cls(
            since=since,
            until=until,
            country=_values(country, name="country", upper=True),
            admin1=_values(admin1, name="admin1"),
            actor=_text(actor, name="actor"),
            actor_role=actor_role,
            plover_type=_values(plover_type, name="plover_type", upper=True),
            cameo_root=tuple(_cameo_root(v) for v in _values(cameo_root, name="cameo_root")),
            acled_event_type=_values(acled_event_type, name="acled_event_type", upper=True),
            killed_min=killed_min,
            bbox=parse_bbox(bbox),
            q=_text(q, name="q"),
            negated=negated,
            hypothetical=hypothetical,
            historical=historical,
            future=future,
            min_confidence=min_confidence,
        )

    def without_dates(self) -> EventQuery:
        from dataclasses import replace

        return replace(self, since=None, until=None)

    def where(self) -> Where:
        """The WHERE clause over ``ev`` and its parameters."""
        w = Where()
        if self.since is not None:
            w.add("day >= ?", self.since)
        if self.until is not None:
            w.add("day <= ?", self.until)
        w.any_of("country", self.country)
        w.any_of("admin1", self.admin1)
        w.any_of("plover_type", self.plover_type)
        w.any_of("cameo_root", self.cameo_root)
        w.any_of("upper(acled_event_type)", self.acled_event_type)
        if self.actor is not None:
            self._actor(w)
        if self.killed_min is not None and self.killed_min > 0:
            w.add("killed >= ?", self.killed_min)
        if self.bbox is not None:
            west, south, east, north = self.bbox
            w.add("lat BETWEEN ? AND ?", south, north)
            if west <= east:
                w.add("lon BETWEEN ? AND ?", west, east)
            else:
                w.add("(lon >= ? OR lon <= ?)", west, east)
        if self.q is not None:
            w.add("contains(sentence_lc, lower(?))", self.q)
        for flag in ("negated", "hypothetical", "historical", "future"):
            value = getattr(self, flag)
            if value is not None:
                w.add(f"{flag} = ?", value)
        if self.min_confidence is not None:
            w.add("confidence >= ?", self.min_confidence)
        return w

    def _actor(self, w: Where) -> None:
        """A code prefix ("TUR", "TURMIL") or every word of the value starting an actor word
        ("akar", "turkish sold"), through the sorted ``actor_keys`` table."""
        assert self.actor is not None
        role = "" if self.actor_role == "any" else " AND role = ?"
        role_params = [] if self.actor_role == "any" else [self.actor_role]

        def starting(prefix: str) -> tuple[str, list[Any]]:
            sql = f"rowid IN (SELECT rid FROM actor_keys WHERE key >= ? AND key < ?{role})"
            return sql, [prefix, prefix + LAST_CHAR, *role_params]

        code_sql, params = starting(self.actor.upper())
        words = WORD.findall(self.actor.lower())[:MAX_WORDS]
        if words:
            parts = [starting(word) for word in words]
            words_sql = " AND ".join(sql for sql, _ in parts)
            w.add(f"({code_sql} OR ({words_sql}))", *params, *(p for _, ps in parts for p in ps))
        else:
            w.add(code_sql, *params)


@dataclass(slots=True)
class Where:
    """A conjunction of SQL conditions with their parameters, in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def any_of(self, column: str, values: tuple[str, ...]) -> None:
        if values:
            self.add(f"{column} IN ({', '.join('?' * len(values))})", *values)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""

    def and_(self, clause: str, *params: Any) -> Where:
        return Where([*self.clauses, clause], [*self.params, *params])


def encode_cursor(key: Any, tie: int) -> str:
    if isinstance(key, date):
        key = key.isoformat()
    raw = json.dumps([key, tie], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: Sort) -> tuple[Any, int]:
    """The sort key and row tie-breaker a page ended on; ``BadRequest`` if not our cursor."""
    bad = BadRequest("cursor: not a cursor this API returned (use next_cursor as given)")
    if len(cursor) > 1000 or not re.fullmatch(r"[A-Za-z0-9_-]+", cursor):
        raise bad
    try:
        key, tie = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise bad from None
    if isinstance(tie, bool) or not isinstance(tie, int) or not 0 <= tie < 2**64:
        raise bad
    if key is None:
        return None, tie
    if sort.kind == "date":
        try:
            key = date.fromisoformat(key)
        except (TypeError, ValueError):
            raise bad from None
    elif isinstance(key, bool) or not isinstance(key, int | float) or not math.isfinite(key):
        raise bad
    return key, tie


def after_cursor(sort: Sort, key: Any, tie: int) -> tuple[str, list[Any]]:
    """Rows after (key, tie) in ``sort`` order (missing keys come last)."""
    op = "<" if sort.descending else ">"
    col = sort.column
    if key is None:
        return f"({col} IS NULL AND tie {op} CAST(? AS UBIGINT))", [tie]
    return (
        f"({col} {op} ? OR ({col} = ? AND tie {op} CAST(? AS UBIGINT)) OR {col} IS NULL)",
        [key, key, tie],
    )
