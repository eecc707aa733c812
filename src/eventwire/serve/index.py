"""Pages of ``/api/events`` without SQL: the filter and sort columns of ``ev`` as numpy arrays.

Index rows are ordered newest day first (undated last, ``tie`` descending within a day), as
``ev`` is built, so the default order is row order and a date range is a slice of rows; every
other sort key has a permutation. A page walks its order from the cursor in growing chunks and
tests the filters on each chunk's rows, which stops early when the filters match often. When
they match rarely it starts from the smallest candidate set instead (the date slice, the rows
of the requested countries or types, an actor's rows), tests the other filters there and keeps
the first rows in sort order. Both select exactly what ``EventQuery.where()`` selects in SQL.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .filters import LAST_CHAR, MAX_WORDS, SORTS, WORD, EventQuery, Sort

EPOCH = date(1970, 1, 1)
FIRST_CHUNK = 1024  # rows of the first walk step (doubling after each step)
WALK_BUDGET = 65536  # rows walked in sort order before starting from candidates instead

# what a filter's test is given: a slice of index rows, or an array of them
Rows = slice | np.ndarray

KEY_COLUMNS = ("day", "killed", "injured", "confidence", "goldstein")
LABEL_COLUMNS = {  # query field -> the column of ``ev`` as the SQL compares it
    "country": "country",
    "admin1": "admin1",
    "plover_type": "plover_type",
    "cameo_root": "cameo_root",
    "acled_event_type": "upper(acled_event_type)",
}
FLAGS = ("negated", "hypothetical", "historical", "future")


def _numpy(column: pa.ChunkedArray | pa.Array, dtype: Any) -> np.ndarray:
    """A numeric or boolean Arrow column as numpy; nulls become NaN (or -1 for flags)."""
    if pa.types.is_boolean(column.type):
        filled = pc.fill_null(pc.cast(column, pa.int8()), -1)
    elif pa.types.is_date(column.type):
        filled = pc.cast(pc.cast(column, pa.date32()), pa.int32())
        filled = pc.cast(filled, pa.float64())
    else:
        filled = pc.cast(column, pa.float64())
    if isinstance(filled, pa.ChunkedArray):
        filled = filled.combine_chunks()
    if filled.null_count:
        filled = pc.fill_null(filled, np.nan if dtype == np.float64 else -1)
    return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=dtype)


class Labels:
    """A low-cardinality string column: a small code per row (0 = null) and each value's rows,
    ascending."""

    def __init__(self, column: pa.ChunkedArray | pa.Array) -> None:
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        encoded = pc.dictionary_encode(column)
        values = encoded.dictionary.to_pylist()
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False) + 1
        dtype = np.uint8 if len(values) < 255 else np.uint16 if len(values) < 65535 else np.int32
        self.codes = codes.astype(dtype)
        self.lookup = {v: i + 1 for i, v in enumerate(values)}
        self.rows = np.argsort(self.codes, kind="stable").astype(np.int32)
        counts = np.bincount(self.codes, minlength=len(values) + 1)
        self.starts = np.concatenate(([0], np.cumsum(counts)))

    def codes_of(self, values: Sequence[str]) -> list[int]:
        return sorted({self.lookup[v] for v in values if v in self.lookup})

    def size(self, codes: list[int]) -> int:
        return int(sum(self.starts[c + 1] - self.starts[c] for c in codes))

    def rows_of(self, codes: list[int]) -> np.ndarray:
        parts = [self.rows[self.starts[c] : self.starts[c + 1]] for c in codes]
        if len(parts) == 1:
            return parts[0]
        # sorted runs: the stable sort (timsort) merges them
        return np.sort(np.concatenate(parts), kind="stable") if parts else self.rows[:0]

    def test(self, codes: list[int]) -> Callable[[Rows], np.ndarray]:
        lut = np.zeros(len(self.lookup) + 1, dtype=bool)
        lut[codes] = True
        return lambda rows: lut[self.codes[rows]]


class ActorKeys:
    """Actor codes (upper case) and actor words (lower case) of each row, as sorted distinct
    keys with each key's rows per role, so a prefix is a range of keys."""

    def __init__(self, table: pa.Table, rowpos: np.ndarray | None) -> None:
        keys = table.column("key").combine_chunks()
        encoded = pc.dictionary_encode(keys)
        values = encoded.dictionary.to_pylist()
        order = sorted(range(len(values)), key=values.__getitem__)  # code point = byte order
        rank = np.empty(len(values), dtype=np.int64)
        rank[order] = np.arange(len(values))
        self.keys = [values[i] for i in order]
        key_rank = rank[encoded.indices.to_numpy(zero_copy_only=False)]
        rids = table.column("rid").to_numpy().astype(np.int64)
        if rowpos is not None:
            rids = rowpos[rids]
        roles = table.column("role").to_numpy(zero_copy_only=False)
        self.roles: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for role in ("source", "target"):
            mine = roles == role
            ranks = key_rank[mine]
            by_key = np.argsort(ranks, kind="stable")
            counts = np.bincount(ranks, minlength=len(values))
            starts = np.concatenate(([0], np.cumsum(counts)))
            self.roles[role] = (starts, rids[mine][by_key].astype(np.int32))

    def rows(self, prefix: str, role: str) -> np.ndarray:
        """Rows with a key starting with ``prefix`` (repeats possible, any order)."""
        lo = bisect.bisect_left(self.keys, prefix)
        hi = bisect.bisect_left(self.keys, prefix + LAST_CHAR)
        roles = ("source", "target") if role == "any" else (role,)
        parts = [self.roles[r][1][self.roles[r][0][lo] : self.roles[r][0][hi]] for r in roles]
        return np.concatenate(parts)


@dataclass(frozen=True, slots=True)
class Order:
    """A sort order over index rows: by ``key`` (NaN = missing, always last), then ``tie``.
    ``perm`` lists rows by (key descending, tie descending), missing keys last by tie
    descending (None: row order); an ascending order reads each part of it backwards."""

    key: np.ndarray
    tie: np.ndarray
    perm: np.ndarray | None
    inverse: np.ndarray | None  # position of each row in ``perm``
    known: int  # rows with a key: the first ``known`` of ``perm``
    descending: bool

    @property
    def n(self) -> int:
        return len(self.key)

    def _desc(self, a: int, b: int) -> np.ndarray:
        """Rows at positions [a, b) of the descending order."""
        return np.arange(a, b) if self.perm is None else self.perm[a:b]

    def rows(self, a: int, b: int) -> np.ndarray:
        """Rows at positions [a, b) of this order, in order."""
        if self.descending:
            return self._desc(a, b)
        parts = []
        k, n = self.known, self.n
        if a < k:  # known keys, ascending: descending positions k-1-p
            parts.append(self._desc(k - min(b, k), k - a)[::-1])
        if b > k:  # missing keys, tie ascending: descending positions n-1+k-p
            parts.append(self._desc(n + k - b, n + k - max(a, k))[::-1])
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def positions(self, rows: np.ndarray) -> np.ndarray:
        """The position in this order of each row."""
        d = rows.astype(np.int64) if self.inverse is None else self.inverse[rows].astype(np.int64)
        if self.descending:
            return d
        k, n = self.known, self.n
        return np.where(d < k, k - 1 - d, n - 1 + k - d)

    def _rank_key(self, key: float | None, tie: int) -> tuple[Any, ...]:
        """A tuple that grows along this order."""
        if key is None or key != key:
            return (1, -tie if self.descending else tie)
        return (0, -key, -tie) if self.descending else (0, key, tie)

    def _at(self, p: int) -> tuple[Any, ...]:
        row = int(self.rows(p, p + 1)[0])
        return self._rank_key(float(self.key[row]), int(self.tie[row]))

    def after(self, key: float | None, tie: int) -> int:
        """The first position after a cursor's (key, tie)."""
        target = self._rank_key(key, tie)
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self._at(mid) <= target:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _literal(text: str) -> str:
    """An RE2 pattern matching ``text`` literally (RE2 finds a literal about twice as fast as
    ``match_substring``)."""
    return "\\Q" + text.replace("\\E", "\\E\\\\E\\Q") + "\\E"


def _order_of(key: np.ndarray, tie: np.ndarray) -> tuple[np.ndarray, int]:
    """Rows by (key descending, tie descending), missing keys last by tie descending."""
    known = np.flatnonzero(~np.isnan(key))
    missing = np.flatnonzero(np.isnan(key))
    up = known[np.lexsort((tie[known], key[known]))]
    missing_up = missing[np.argsort(tie[missing], kind="stable")]
    return np.concatenate((up[::-1], missing_up[::-1])).astype(np.int32), len(known)


@dataclass(slots=True)
class _Filter:
    """One condition: a test on rows and, when it has one, its ascending candidate rows."""

    test: Callable[[Rows], np.ndarray]
    size: int  # rows that pass (exact or an upper bound)
    candidates: Callable[[], np.ndarray] | None = None
    late: bool = False  # costly per row: test it last


class EventIndex:
    """The filter and sort columns of a snapshot's ``ev`` for paging (see the module doc)."""

    def __init__(self, table: pa.Table, actor_keys: pa.Table) -> None:
        """``table``: the columns of ``INDEX_SQL``; ``actor_keys``: that table of ``ev``."""
        n = self.n = table.num_rows
        rowid = table.column("rowid").to_numpy()
        if not np.array_equal(rowid, np.arange(n)):
            table = table.take(pa.array(np.argsort(rowid), pa.int64()))
        tie = table.column("tie").to_numpy().astype(np.uint64)
        base, known_days = _order_of(_numpy(table.column("day"), np.float64), tie)
        # index row i is rowid i as ``ev`` is built; otherwise rows are put in that order
        self.rowids: np.ndarray | None = None
        rowpos: np.ndarray | None = None  # index row of each rowid
        if not np.array_equal(base, np.arange(n)):
            table = table.take(pa.array(base, pa.int64()))
            self.rowids = base.astype(np.int64)
            rowpos = np.empty(n, dtype=np.int64)
            rowpos[self.rowids] = np.arange(n)
            tie = tie[base]
        self.tie = tie
        self.keys = {name: _numpy(table.column(name), np.float64) for name in KEY_COLUMNS}
        self.known_days = known_days
        self.neg_days = -self.keys["day"][:known_days]  # ascending, for date ranges
        self.lat = _numpy(table.column("lat"), np.float64)
        self.lon = _numpy(table.column("lon"), np.float64)
        self.flags = {name: _numpy(table.column(name), np.int8) for name in FLAGS}
        self.flag_counts = {
            name: np.bincount(v.astype(np.int64) + 1, minlength=3) for name, v in self.flags.items()
        }
        self.labels = {name: Labels(table.column(name)) for name in LABEL_COLUMNS}
        self.text = table.column("sentence_lc").combine_chunks()
        self.actors = ActorKeys(actor_keys, rowpos)
        self._orders: dict[str, tuple[np.ndarray | None, np.ndarray | None, int]] = {
            "day": (None, None, known_days)
        }
        self._neg_sorted: dict[str, np.ndarray] = {}  # known keys, descending, negated
        for name in KEY_COLUMNS[1:]:
            perm, known = _order_of(self.keys[name], self.tie)
            inverse = np.empty(n, dtype=np.int32)
            inverse[perm] = np.arange(n, dtype=np.int32)
            self._orders[name] = (perm, inverse, known)
            self._neg_sorted[name] = -self.keys[name][perm[:known]]

    # -- orders and cursors -------------------------------------------------------------------

    def order(self, sort: Sort) -> Order:
        perm, inverse, known = self._orders[sort.column]
        return Order(self.keys[sort.column], self.tie, perm, inverse, known, sort.descending)

    def cursor_of(self, sort: Sort, row: int) -> tuple[Any, int]:
        """The (key, tie) a page ending on ``row`` hands on, as ``encode_cursor`` takes it."""
        value = float(self.keys[sort.column][row])
        key: Any
        if value != value:
            key = None
        elif sort.kind == "date":
            key = EPOCH + timedelta(days=int(value))
        elif sort.column in ("killed", "injured"):
            key = int(value)
        else:
            key = value
        return key, int(self.tie[row])

    def event_rowids(self, rows: np.ndarray) -> list[int]:
        """The ``ev`` rowids of index rows."""
        return (rows if self.rowids is None else self.rowids[rows]).tolist()

    # -- filters ------------------------------------------------------------------------------

    def _days(self, query: EventQuery) -> tuple[int, int] | None:
        """The rows [lo, hi) of the date range, or None without one."""
        if query.since is None and query.until is None:
            return None
        lo, hi = 0, self.known_days
        if query.until is not None:  # rows before lo are later than ``until``
            lo = int(np.searchsorted(self.neg_days, -float((query.until - EPOCH).days), "left"))
        if query.since is not None:
            hi = int(np.searchsorted(self.neg_days, -float((query.since - EPOCH).days), "right"))
        return lo, max(lo, hi)

    def _count_at_least(self, column: str, value: float) -> int:
        """Rows whose ``column`` is >= value (through its descending order)."""
        return int(np.searchsorted(self._neg_sorted[column], -value, "right"))

    def filters(self, query: EventQuery, text: str | None) -> list[_Filter]:
        """The conditions of ``query`` except its date range (``text``: ``q`` lower-cased as
        the snapshot lower-cased the sentences)."""
        out: list[_Filter] = []
        for field_name in LABEL_COLUMNS:
            values = getattr(query, field_name)
            if not values:
                continue
            labels = self.labels[field_name]
            codes = labels.codes_of(values)
            out.append(
                _Filter(
                    labels.test(codes),
                    labels.size(codes),
                    lambda labels=labels, codes=codes: labels.rows_of(codes),
                )
            )
        if query.actor is not None:
            mask = self._actor_mask(query.actor, query.actor_role)
            count = int(np.count_nonzero(mask))
            out.append(
                _Filter(lambda rows, m=mask: m[rows], count, lambda m=mask: np.flatnonzero(m))
            )
        if query.killed_min is not None and query.killed_min > 0:
            k = float(query.killed_min)
            killed = self.keys["killed"]
            out.append(_Filter(lambda rows: killed[rows] >= k, self._count_at_least("killed", k)))
        if query.bbox is not None:
            out.append(_Filter(self._bbox_test(query.bbox), self.n))
        for flag in FLAGS:
            value = getattr(query, flag)
            if value is not None:
                want = 1 if value else 0
                values = self.flags[flag]
                size = int(self.flag_counts[flag][want + 1])
                out.append(_Filter(lambda rows, v=values, w=want: v[rows] == w, size))
        if query.min_confidence is not None:
            c = float(query.min_confidence)
            conf = self.keys["confidence"]
            out.append(_Filter(lambda rows: conf[rows] >= c, self._count_at_least("confidence", c)))
        if text is not None:
            out.append(_Filter(self._text_test(text), self.n, late=True))
        out.sort(key=lambda f: (f.late, f.size))
        return out

    def _actor_mask(self, actor: str, role: str) -> np.ndarray:
        """``EventQuery._actor``: a code prefix, or every word starting an actor word."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self.actors.rows(actor.upper(), role)] = True
        words = WORD.findall(actor.lower())[:MAX_WORDS]
        if words:
            every = np.ones(self.n, dtype=bool)
            for word in words:
                one = np.zeros(self.n, dtype=bool)
                one[self.actors.rows(word, role)] = True
                every &= one
            mask |= every
        return mask

    def _bbox_test(self, bbox: tuple[float, float, float, float]) -> Callable[[Rows], np.ndarray]:
        west, south, east, north = bbox
        lat, lon = self.lat, self.lon

        def test(rows: Rows) -> np.ndarray:
            y, x = lat[rows], lon[rows]
            ok = (y >= south) & (y <= north)
            if west <= east:
                return ok & (x >= west) & (x <= east)
            return ok & ((x >= west) | (x <= east))

        return test

    def _text_test(self, text: str) -> Callable[[Rows], np.ndarray]:
        sentences = self.text
        literal = _literal(text)

        def test(rows: Rows) -> np.ndarray:
            if isinstance(rows, slice):
                part = sentences.slice(rows.start, rows.stop - rows.start)
            else:
                part = sentences.take(pa.array(rows, pa.int64()))
            found = pc.fill_null(pc.match_substring_regex(part, literal), False)
            return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)

        return test

    # -- pages and counts ---------------------------------------------------------------------

    def _matching(self, query: EventQuery, filters: list[_Filter]) -> np.ndarray:
        """Every matching row, ascending."""
        days = self._days(query)
        lo, hi = days if days is not None else (0, self.n)
        indexed = [f for f in filters if f.candidates is not None]
        rows: Rows
        rest = filters
        if indexed and indexed[0].size < hi - lo:
            first = indexed[0]
            rest = [f for f in filters if f is not first]
            rows = first.candidates()  # type: ignore[misc]
            if days is not None:
                rows = rows[np.searchsorted(rows, lo) : np.searchsorted(rows, hi)]
        else:
            rows = slice(lo, hi)
        for f in rest:
            ok = f.test(rows)
            rows = rows.start + np.flatnonzero(ok) if isinstance(rows, slice) else rows[ok]
        if isinstance(rows, slice):
            return np.arange(rows.start, rows.stop)
        return rows

    def count(self, query: EventQuery, *, text: str | None = None) -> int:
        """How many events match ``query``."""
        return len(self._matching(query, self.filters(query, text)))

    def page(
        self,
        query: EventQuery,
        *,
        sort: str,
        limit: int,
        after: tuple[Any, int] | None = None,
        text: str | None = None,
    ) -> np.ndarray:
        """Up to ``limit`` matching rows in ``sort`` order, after the cursor's (key, tie)."""
        order = self.order(SORTS[sort])
        filters = self.filters(query, text)
        if any(f.size == 0 for f in filters):  # sizes are exact or upper bounds
            return np.empty(0, dtype=np.int64)
        start, end = 0, self.n
        if after is not None:
            key, tie = after
            if isinstance(key, date):
                key = float((key - EPOCH).days)
            start = order.after(None if key is None else float(key), tie)
        days = self._days(query)
        walk_filters = list(filters)
        if days is not None:
            lo, hi = days
            if order.perm is None:  # a day order: the range is a range of positions
                first, last = (lo, hi) if order.descending else (order.known - hi, order.known - lo)
                start, end = max(start, first), min(end, last)
            else:
                walk_filters.insert(0, _Filter(lambda rows: (rows >= lo) & (rows < hi), hi - lo))
        if start >= end:
            return np.empty(0, dtype=np.int64)
        # walk the order when the filters (if independent) would fill a page soon enough
        share = 1.0
        for f in walk_filters:
            if not f.late:
                share *= f.size / self.n
        smallest = min([f.size for f in walk_filters if not f.late] + [end - start])
        walk = (limit / max(share, 1e-12)) < min(WALK_BUDGET, 4 * smallest)
        found: list[np.ndarray] = []
        got = 0
        a = start
        if walk:
            step = max(FIRST_CHUNK, 2 * limit)
            contiguous = order.perm is None and order.descending  # positions are rows
            while a < end and got < limit and a - start < WALK_BUDGET:
                b = min(end, a + step)
                rows: Rows = slice(a, b) if contiguous else order.rows(a, b)
                for f in walk_filters:
                    ok = f.test(rows)
                    rows = rows.start + np.flatnonzero(ok) if isinstance(rows, slice) else rows[ok]
                    if not len(rows):
                        break
                if isinstance(rows, slice):  # no filters
                    rows = np.arange(rows.start, rows.stop)
                found.append(rows)
                got += len(rows)
                a, step = b, step * 2
            if got >= limit or a >= end:
                return np.concatenate(found)[:limit] if found else np.empty(0, dtype=np.int64)
        # start from the candidates: every match, then the first ones from position a on
        rows = self._matching(query, filters)
        if len(rows):
            positions = order.positions(rows)
            keep = (positions >= a) & (positions < end)
            rows, positions = rows[keep], positions[keep]
            want = limit - got
            if len(rows) > want:
                part = np.argpartition(positions, want - 1)[:want]
                rows, positions = rows[part], positions[part]
            found.append(rows[np.argsort(positions, kind="stable")])
        return np.concatenate(found)[:limit] if found else np.empty(0, dtype=np.int64)


# What the index reads of ``ev`` (the label columns as the SQL filters compare them).
INDEX_SQL = (
    "SELECT rowid, tie, "
    + ", ".join((*KEY_COLUMNS, "lat", "lon", *FLAGS))
    + ", "
    + ", ".join(f"{sql} AS {name}" for name, sql in LABEL_COLUMNS.items())
    + ", sentence_lc FROM ev"
)
