"""The API's reads over a snapshot: pages of events, facets, map cells, one event, exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from ..store.db import arrow_reader
from ..store.schema import event_from_row
from .filters import SORTS, BadRequest, EventQuery, Sort, decode_cursor, encode_cursor
from .flat import DISPLAY_COLUMNS
from .snapshot import Snapshot

# The columns of an event in lists and exports (held by the snapshot as an Arrow table).
SUMMARY_COLUMNS = DISPLAY_COLUMNS

FACETS = ("plover_type", "country", "cameo_root", "acled_event_type", "day")
FACET_LIMIT = 100
INTERVALS = ("day", "week", "month", "year")
MAX_BUCKETS = 400
MAX_CELLS = 5000


def jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _rows(cur: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = cur.execute(sql, params)
    names = [d[0] for d in result.description]
    return [
        {name: jsonable(value) for name, value in zip(names, row, strict=True)}
        for row in result.fetchall()
    ]


@dataclass(frozen=True, slots=True)
class PageOfEvents:
    """A page of ``/api/events``: its events as JSON (a slice of the snapshot's texts, never
    decoded), the cursor of the next page, and the count of all matches when asked for."""

    events_json: bytes
    next_cursor: str | None
    total: int | None = None

    @property
    def events(self) -> list[dict[str, Any]]:
        return orjson.loads(self.events_json)

    def body(self, generation: int) -> dict[str, Any]:
        """The answer's object (``dumps`` writes the events' bytes as they are)."""
        out: dict[str, Any] = {
            "events": orjson.Fragment(self.events_json),
            "next_cursor": self.next_cursor,
        }
        if self.total is not None:
            out["total"] = self.total
        out["generation"] = generation
        return out


def list_events(
    snapshot: Snapshot,
    cur: Any,
    query: EventQuery,
    *,
    sort: str,
    limit: int,
    cursor: str | None = None,
    with_total: bool = False,
) -> PageOfEvents:
    """One page of events in ``sort`` order, and the cursor of the next page (or None).

    The snapshot's ``EventIndex`` finds the page's rows (no SQL); their display columns come
    from the snapshot's JSON texts."""
    order = SORTS[sort]
    after = decode_cursor(cursor, order) if cursor else None
    text = None
    if query.q is not None:  # lower-cased as the snapshot lower-cased the sentences
        if query.q.isascii():  # (where Python and DuckDB agree)
            text = query.q.lower()
        else:
            (text,) = cur.execute("SELECT lower(?)", [query.q]).fetchall()[0]
    index = snapshot.index
    rows = index.page(query, sort=sort, limit=limit + 1, after=after, text=text)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(*index.cursor_of(order, int(rows[-1])))
    return PageOfEvents(
        snapshot.display.json(index.event_rowids(rows)),
        next_cursor,
        index.count(query, text=text) if with_total else None,
    )


def iter_events(
    snapshot: Snapshot,
    cur: Any,
    query: EventQuery,
    *,
    sort: str,
    limit: int,
    located: bool = False,
) -> Iterator[dict[str, Any]]:
    """Up to ``limit`` filtered events in ``sort`` order, streamed in batches (for exports);
    ``located``: only those with coordinates."""
    order: Sort = SORTS[sort]
    where = query.where()
    if located:
        where = where.and_("lat IS NOT NULL AND lon IS NOT NULL")
    sql = f"SELECT rowid FROM ev{where.sql()} ORDER BY {order.order_by} LIMIT ?"
    for batch in arrow_reader(cur, sql, [*where.params, limit], 5000):
        yield from snapshot.display_rows(batch.column(0).to_pylist())


def pick_interval(first: date | None, last: date | None) -> str:
    """The finest bucket that keeps a timeline under ``MAX_BUCKETS`` bars."""
    if first is None or last is None:
        return "day"
    days = (last - first).days + 1
    if days <= MAX_BUCKETS:
        return "day"
    if days / 7 <= MAX_BUCKETS:
        return "week"
    if days / 30 <= MAX_BUCKETS:
        return "month"
    return "year"


def facets(
    cur: Any, query: EventQuery, *, names: tuple[str, ...], interval: str = "auto"
) -> dict[str, Any]:
    """Counts of the filtered events by each facet in ``names`` and a total, in one scan."""
    where = query.where()
    out: dict[str, Any] = {}
    (total, killed) = cur.execute(
        f"SELECT count(*), coalesce(sum(killed), 0) FROM ev{where.sql()}", where.params
    ).fetchall()[0]
    out["total"] = int(total)
    out["killed"] = int(killed)
    plain = [n for n in names if n != "day"]
    if plain:
        sets = ", ".join(f"({n})" for n in plain)
        flags = ", ".join(f"grouping({n})" for n in plain)
        sql = (
            f"SELECT {', '.join(plain)}, {flags}, count(*) AS n FROM ev{where.sql()} "
            f"GROUP BY GROUPING SETS ({sets})"
        )
        counts: dict[str, list[dict[str, Any]]] = {n: [] for n in plain}
        width = len(plain)
        for row in cur.execute(sql, where.params).fetchall():
            grouped = row[width : 2 * width].index(0)  # grouping() is 0 for the set's column
            counts[plain[grouped]].append({"value": row[grouped], "count": int(row[-1])})
        for name, items in counts.items():
            items.sort(key=lambda item: (-item["count"], str(item["value"])))
            out[name] = items[:FACET_LIMIT]
    if "day" in names:
        out["day"] = timeline(cur, query, interval=interval)
    return out


def timeline(cur: Any, query: EventQuery, *, interval: str = "auto") -> dict[str, Any]:
    """Event and fatality counts per day, week, month or year (``auto``: fits the range)."""
    where = query.where()
    if interval == "auto":
        first, last = cur.execute(
            f"SELECT min(day), max(day) FROM ev{where.sql()}", where.params
        ).fetchall()[0]
        interval = pick_interval(first, last)
    if interval not in INTERVALS:
        raise BadRequest(f"interval must be auto or one of {', '.join(INTERVALS)}")
    dated = where.and_("day IS NOT NULL")
    sql = (
        f"SELECT CAST(date_trunc('{interval}', day) AS DATE) AS start, count(*) AS count, "
        f"coalesce(sum(killed), 0) AS killed FROM ev{dated.sql()} GROUP BY 1 ORDER BY 1"
    )
    return {"interval": interval, "buckets": _rows(cur, sql, dated.params)}


def grid(
    cur: Any,
    query: EventQuery,
    *,
    cell: float,
    view: tuple[float, float, float, float] | None = None,
    limit: int = MAX_CELLS,
) -> dict[str, Any]:
    """Located events aggregated into ``cell``-degree squares: count, deaths, main type."""
    where = query.where().and_("lat IS NOT NULL AND lon IS NOT NULL")
    if view is not None:
        west, south, east, north = view
        where = where.and_("lat BETWEEN ? AND ?", south, north)
        if west <= east:
            where = where.and_("lon BETWEEN ? AND ?", west, east)
        else:
            where = where.and_("(lon >= ? OR lon <= ?)", west, east)
    # per cell and type first, then per cell: the type with most events wins the colour
    sql = (
        "SELECT sum(lat_sum) / sum(n) AS lat, sum(lon_sum) / sum(n) AS lon, "
        "sum(n)::BIGINT AS count, coalesce(sum(k), 0)::BIGINT AS killed, "
        "arg_max(plover_type, n) AS plover_type, "
        "CASE WHEN sum(n) = 1 THEN min(one) END AS event_id "
        "FROM (SELECT floor(lat / ?) AS gy, floor(lon / ?) AS gx, plover_type, count(*) AS n, "
        "sum(lat) AS lat_sum, sum(lon) AS lon_sum, sum(killed) AS k, min(event_id) AS one "
        f"FROM ev{where.sql()} GROUP BY ALL) GROUP BY gy, gx ORDER BY count DESC LIMIT ?"
    )
    rows = _rows(cur, sql, [cell, cell, *where.params, limit + 1])
    truncated = len(rows) > limit
    return {"cell": cell, "cells": rows[:limit], "truncated": truncated}


def event_detail(cur: Any, event_id: str) -> dict[str, Any] | None:
    """The full stored record of one event with its article's metadata and highlight spans."""
    result = cur.execute(
        "SELECT e.*, a.url AS _url, a.title AS _title, a.published AS _published, "
        "a.source AS _source, a.text AS _text "
        "FROM src.events e LEFT JOIN src.articles a ON a.id = e.article_id "
        "WHERE e.event_id = ? ORDER BY e.article_id, e.sentence_index, e.trigger_start LIMIT 1",
        [event_id],
    )
    names = [d[0] for d in result.description]
    found = result.fetchall()  # (fetch to the end: DuckDB 2 refuses new work otherwise)
    if not found:
        return None
    row = found[0]
    values = dict(zip(names, row, strict=True))
    article = {k[1:]: values.pop(k) for k in ("_url", "_title", "_published", "_source")}
    text = values.pop("_text")
    event = event_from_row(values).to_dict()
    start = sentence_start(text, event["sentence"], event["trigger"], event["trigger_start"])
    out = {k: jsonable(v) for k, v in event.items()}
    out["article"] = {k: jsonable(v) for k, v in article.items()}
    out["sentence_start"] = start
    out["highlights"] = highlights(event, start) if start is not None else []
    return out


def sentence_start(
    text: str | None, sentence: str, trigger: str, trigger_start: int | None
) -> int | None:
    """Where the sentence starts in the article: the occurrence holding the trigger, else
    the trigger's article offset minus its index in the sentence."""
    if not sentence:
        return None
    if text and trigger_start is not None:
        at = text.find(sentence)
        while at != -1:
            if at <= trigger_start < at + len(sentence):
                return at
            at = text.find(sentence, at + 1)
    if trigger_start is not None and trigger:
        index = sentence.find(trigger)
        if index != -1:
            return trigger_start - index
    return None


def highlights(event: dict[str, Any], start: int) -> list[dict[str, Any]]:
    """Spans to mark in the sentence (sentence offsets): trigger, actors, place."""
    length = len(event["sentence"])
    spans: list[tuple[str, int | None, int | None]] = [
        ("trigger", event.get("trigger_start"), event.get("trigger_end"))
    ]
    for role in ("source", "target"):
        for actor in event.get(f"{role}_actors") or []:
            spans.append((role, actor.get("start"), actor.get("end")))
    location = event.get("location")
    if location:
        spans.append(("location", location.get("start"), location.get("end")))
    out = []
    for role, s, e in spans:
        if s is None or e is None:
            continue
        s, e = s - start, e - start
        if 0 <= s < e <= length:
            out.append({"role": role, "start": s, "end": e, "text": event["sentence"][s:e]})
    out.sort(key=lambda h: (h["start"], -h["end"]))
    return out


def incidents(cur: Any, *, limit: int, offset: int) -> dict[str, Any]:
    """A page of the incidents table, whatever its columns, in its stored order."""
    result = cur.execute("SELECT * FROM src.incidents LIMIT ? OFFSET ?", [limit + 1, offset])
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    more = len(rows) > limit
    (total,) = cur.execute("SELECT count(*) FROM src.incidents").fetchall()[0]
    return {
        "incidents": rows[:limit],
        "total": int(total),
        "next_offset": offset + limit if more else None,
    }
