"""The store adapter: ``incidents`` and ``incident_members`` tables in the DuckDB store.

- ``incidents``: one row per incident (the ``Incident`` record without its members, plus
  ``updated_at``); ``incident_members``: one row per event (``event_id`` is the key) with its
  incident and confidence. Every stored event belongs to exactly one incident.
- ``update_incidents(store)`` merges the events that are in no incident yet (``eventwire
  run`` calls it every couple of thousand committed articles, more often near the end, and at
  its end, handing over the events it holds, so they are not read back). An ``IncidentMerger``
  keeps the incidents in memory from one chunk (and, in a run, one merge) to the next, up to
  ``HELD_INCIDENTS`` of those reaching the latest days, so they are not read back; of the
  stored incidents it does not hold, only those whose blocks (family, status, country, days)
  the new events reach come back: packed in memory as they were (``PARKED_BYTES`` of them,
  the latest let go), else read back and rebuilt from their member events (each article's
  events as one report). When the tables were empty as it began,
  it holds them all and reads nothing back. Each chunk of articles is written in one
  transaction; a crash leaves its events pending, and the next update merges them.
- ``rebuild_incidents(store)`` empties both tables and merges every event again, articles in
  publication order (the same incidents as ``merge_incidents`` over all events).

The tables hold derived data: when their columns differ from the records' (a new eventwire
version), they are dropped and rebuilt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..model import Event
from ..store.db import Store, StoreError, arrow_reader, insert_rows
from ..store.schema import Column, event_columns, record_columns, record_row
from .cluster import ANYWHERE, Clusterer, article_order
from .records import ArticleMeta, Incident, Member

CHUNK_ARTICLES = 500  # articles merged (and committed) together
HELD_INCIDENTS = 4000  # incidents an IncidentMerger keeps in memory between chunks, at most
INCIDENTS = "incidents"
MEMBERS = "incident_members"


def incident_columns() -> tuple[Column, ...]:
    fields = tuple(c for c in record_columns(Incident) if c.name != "members")
    return fields + (Column("updated_at", "TIMESTAMP", pa.timestamp("us")),)


def member_columns() -> tuple[Column, ...]:
    return (Column("incident_id", "VARCHAR", pa.string()),) + record_columns(Member)


def create_statements() -> list[str]:
    incidents = ",\n  ".join(f'"{c.name}" {c.sql}' for c in incident_columns())
    members = ",\n  ".join(f'"{c.name}" {c.sql}' for c in member_columns())
    return [
        f"CREATE TABLE IF NOT EXISTS {INCIDENTS} (\n  {incidents},\n  PRIMARY KEY (incident_id)\n)",
        f"CREATE TABLE IF NOT EXISTS {MEMBERS} (\n  {members},\n  PRIMARY KEY (event_id)\n)",
        f"CREATE INDEX IF NOT EXISTS {MEMBERS}_incident ON {MEMBERS} (incident_id)",
    ]


@dataclass(frozen=True, slots=True)
class IncidentUpdate:
    """What an update did."""

    articles: int = 0
    events: int = 0
    created: int = 0  # incidents founded
    changed: int = 0  # incidents that took new members
    restored: int = 0  # stored incidents read back as candidates

    def __add__(self, other: IncidentUpdate) -> IncidentUpdate:
        pairs = zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)
        return IncidentUpdate(*(a + b for a, b in pairs))


def has_incidents(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has both incident tables."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN (?, ?)",
        [INCIDENTS, MEMBERS],
    ).fetchall()
    return found[0][0] == 2


def ensure_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the incident tables, or recreate them when their columns are out of date;
    returns True when they were (re)created empty."""
    wanted = {
        INCIDENTS: [c.name for c in incident_columns()],
        MEMBERS: [c.name for c in member_columns()],
    }
    have = {
        table: [
            row[0]
            for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
        for table in wanted
    }
    if have == wanted:
        return False
    for table in (MEMBERS, INCIDENTS):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in create_statements():
        con.execute(statement)
    return True


class IncidentMerger:
    """The incidents of one store, kept in memory from one update to the next (``eventwire
    run`` keeps one for the whole run), so later updates neither read their member events back
    nor rebuild them; while it holds them all (up to ``HELD_INCIDENTS``, and none stored
    before), the incidents come out as if every article had been added to one ``Clusterer``.
    It trusts that only it writes the incident tables while it is used; after a
    failed update it forgets everything and starts again from what is stored."""

    def __init__(self) -> None:
        self.clusterer = Clusterer()
        self.complete = False  # holds (or has released) every stored incident
        self._checked = False  # whether ``complete`` was found from the tables

    def reset(self, *, empty: bool | None = None) -> None:
        """Forget the incidents held; ``empty`` says the tables are known empty (None: look)."""
        self.clusterer = Clusterer()
        self.complete = bool(empty)
        self._checked = empty is not None

    def prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create (or recreate) the tables; on first use, see whether anything is stored."""
        if ensure_tables(con):
            self.reset(empty=True)
        elif not self._checked:
            found = con.execute(f"SELECT 1 FROM {INCIDENTS} LIMIT 1").fetchall()
            self.reset(empty=not found)


def update_incidents(
    store: Store,
    *,
    article_ids: Sequence[str] | None = None,
    articles: Sequence[tuple[ArticleMeta, Sequence[Event]]] | None = None,
    chunk_articles: int = CHUNK_ARTICLES,
    progress: Callable[[IncidentUpdate], None] | None = None,
    merger: IncidentMerger | None = None,
    sweep: bool = True,
    stop: Callable[[], bool] | None = None,
) -> IncidentUpdate:
    """Merge every stored event that is in no incident yet, articles in publication order.

    With ``article_ids`` (the batch just committed) only those articles are looked at, so the
    cost follows the batch; ``articles`` does the same for articles just committed with their
    events as the caller holds them (none of them in an incident yet), which are then not
    read back. When events are still pending afterwards (a merge interrupted earlier: the
    tables count fewer members than events), every article is looked at, unless ``sweep`` is
    False (a run merging while it still commits). Pass the same ``merger`` to successive
    updates of one store to keep its incidents in memory. ``stop`` is asked between chunks;
    when it says True, the rest is left pending."""
    if article_ids is not None and articles is not None:
        raise ValueError("pass article_ids or articles, not both")
    con = store.con
    merger = merger or IncidentMerger()
    try:
        merger.prepare(con)
        if articles is not None:
            total = _merge_given(store, articles, chunk_articles, progress, merger, stop)
        else:
            total = _merge_pending(store, article_ids, chunk_articles, progress, merger, stop)
        if sweep and (article_ids, articles) != (None, None) and _some_pending(con):
            total = total + _merge_pending(store, None, chunk_articles, progress, merger, stop)
        return total
    except duckdb.Error as e:
        merger.reset()
        raise StoreError(f"[E420] merging incidents in {store.path} failed: {e}") from e
    except BaseException:
        merger.reset()
        raise


def _merge_pending(
    store: Store,
    article_ids: Sequence[str] | None,
    chunk_articles: int,
    progress: Callable[[IncidentUpdate], None] | None,
    merger: IncidentMerger,
    stop: Callable[[], bool] | None = None,
) -> IncidentUpdate:
    sql = f"""SELECT e.article_id FROM events e
              {"JOIN _eventwire_ids w ON w.id = e.article_id" if article_ids is not None else ""}
              LEFT JOIN {MEMBERS} m ON m.event_id = e.event_id
              LEFT JOIN articles a ON a.id = e.article_id
              WHERE m.event_id IS NULL
              GROUP BY e.article_id
              ORDER BY min(a.published) NULLS FIRST, e.article_id"""
    if article_ids is None:
        pending = [row[0] for row in store.con.execute(sql).fetchall()]
    else:
        pending = [row["article_id"] for row in _with_ids_rows(store.con, article_ids, sql)]
    total = IncidentUpdate()
    for start in range(0, len(pending), chunk_articles):
        if stop is not None and stop():
            break
        articles = _articles_with_events(store.con, pending[start : start + chunk_articles])
        total = total + _merge_chunk(store, articles, merger)
        if progress is not None:
            progress(total)
    return total


def _merge_given(
    store: Store,
    articles: Sequence[tuple[ArticleMeta, Sequence[Event]]],
    chunk_articles: int,
    progress: Callable[[IncidentUpdate], None] | None,
    merger: IncidentMerger,
    stop: Callable[[], bool] | None = None,
) -> IncidentUpdate:
    """``_merge_pending`` over articles in memory: the same order, the same chunks. Each
    chunk's events are taken (iterated) only when it is merged."""
    pending = sorted((item for item in articles if len(item[1])), key=lambda a: article_order(a[0]))
    total = IncidentUpdate()
    for start in range(0, len(pending), chunk_articles):
        if stop is not None and stop():
            break
        chunk = _distinct_events(pending[start : start + chunk_articles])
        total = total + _merge_chunk(store, chunk, merger)
        if progress is not None:
            progress(total)
    return total


def _distinct_events(
    articles: Sequence[tuple[ArticleMeta, Sequence[Event]]],
) -> list[tuple[ArticleMeta, list[Event]]]:
    """The first event of each id (an event is a member of one incident, by its id)."""
    seen: set[str] = set()
    out = []
    for meta, events in articles:
        kept = []
        for event in events:
            if event.event_id not in seen:
                seen.add(event.event_id)
                kept.append(event)
        if kept:
            out.append((meta, kept))
    return out


def _some_pending(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether some event is in no incident: cheap when the counts agree (every event is in
    exactly one incident), a lookup when they do not (events may share an id)."""
    ((events, members),) = con.execute(
        f"SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM {MEMBERS})"
    ).fetchall()
    if events <= members:
        return False
    found = con.execute(
        f"""SELECT 1 FROM events e LEFT JOIN {MEMBERS} m ON m.event_id = e.event_id
            WHERE m.event_id IS NULL LIMIT 1"""
    ).fetchall()
    return bool(found)


def rebuild_incidents(
    store: Store,
    *,
    chunk_articles: int = CHUNK_ARTICLES,
    progress: Callable[[IncidentUpdate], None] | None = None,
) -> IncidentUpdate:
    """Forget all incidents and merge every stored event again."""
    try:
        if not ensure_tables(store.con):
            store.con.begin()
            store.con.execute(f"DELETE FROM {MEMBERS}")
            store.con.execute(f"DELETE FROM {INCIDENTS}")
            store.con.commit()
    except duckdb.Error as e:
        raise StoreError(f"[E421] clearing the incidents of {store.path} failed: {e}") from e
    return update_incidents(store, chunk_articles=chunk_articles, progress=progress)


def _merge_chunk(
    store: Store, articles: list[tuple[ArticleMeta, list[Event]]], merger: IncidentMerger
) -> IncidentUpdate:
    """Merge these articles' pending events (in publication order): restore the stored
    incidents they may join that the merger does not hold, add the articles, write the
    incidents that changed and the new members in one transaction."""
    con = store.con
    clusterer = merger.clusterer
    restored = 0
    if not merger.complete:
        wanted: set[tuple[str, str, str, int, int]] = set()
        for meta, events in articles:
            wanted |= clusterer.lookups(meta, events)
        stored = []  # not parked: read back from the store
        for incident_id in _candidate_ids(con, wanted):
            if clusterer.holds(incident_id):
                continue
            restored += 1
            if not clusterer.unpark(incident_id):
                stored.append(incident_id)
        for incident_id, members in _stored_members(con, stored):
            clusterer.restore(incident_id, members)
    new_members: list[dict[str, Any]] = []
    n_events = 0
    for meta, events in articles:
        n_events += len(events)
        for incident_id, member in clusterer.add(meta, events):
            new_members.append({"incident_id": incident_id, **record_row(member)})
    touched, founded = clusterer.touched, clusterer.founded
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {**_incident_row(incident), "updated_at": now}
        for incident in clusterer.incidents(sorted(touched), members=False)
    ]
    con.begin()
    try:
        changed = sorted(touched - founded)
        if changed:
            _with_ids(con, changed, f"DELETE FROM {INCIDENTS} WHERE incident_id IN "
                                     "(SELECT id FROM _eventwire_ids)")  # fmt: skip
        insert_rows(con, INCIDENTS, rows, incident_columns())
        insert_rows(con, MEMBERS, new_members, member_columns(), replace=True)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    update = IncidentUpdate(
        articles=len(articles),
        events=n_events,
        created=len(founded),
        changed=len(touched - founded),
        restored=restored,
    )
    clusterer.clear_touched()
    clusterer.release_unreachable()
    if clusterer.evict(HELD_INCIDENTS):
        merger.complete = False  # what went is read back when new events reach it
    return update


def _incident_row(incident: Incident) -> dict[str, Any]:
    row = record_row(incident)
    del row["members"]
    return row


def _articles_with_events(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]
) -> list[tuple[ArticleMeta, list[Event]]]:
    """The pending events of these articles with their metadata, in publication order."""
    sql = f"""SELECT e.*, a.source AS _source, a.published AS _published, a.url AS _url,
                     a.title AS _title
              FROM events e JOIN _eventwire_ids w ON w.id = e.article_id
              LEFT JOIN articles a ON a.id = e.article_id
              LEFT JOIN {MEMBERS} m ON m.event_id = e.event_id
              WHERE m.event_id IS NULL
              ORDER BY a.published NULLS FIRST, e.article_id, e.sentence_index, e.trigger_start,
                       e.event_id"""
    grouped: dict[str, tuple[ArticleMeta, list[Event]]] = {}
    for _, event, meta in _event_rows(con, article_ids, sql):
        grouped.setdefault(meta.article_id, (meta, []))[1].append(event)
    return list(grouped.values())


def _stored_members(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str]
) -> Iterator[tuple[str, list[tuple[Event, ArticleMeta, float]]]]:
    """These stored incidents with their member events."""
    if not ids:
        return
    sql = f"""
        SELECT m.incident_id AS _incident_id, m.confidence AS _confidence, e.*,
               a.source AS _source, a.published AS _published, a.url AS _url,
               a.title AS _title
        FROM _eventwire_ids w
        JOIN {MEMBERS} m ON m.incident_id = w.id
        JOIN events e ON e.event_id = m.event_id
        LEFT JOIN articles a ON a.id = e.article_id
        ORDER BY m.incident_id, a.published NULLS FIRST, e.article_id, e.sentence_index,
                 e.trigger_start"""
    current: str | None = None
    members: list[tuple[Event, ArticleMeta, float]] = []
    for (incident_id, share), event, meta in _event_rows(
        con, ids, sql, "_incident_id", "_confidence"
    ):
        if incident_id != current:
            if current is not None:
                yield current, members
            current, members = incident_id, []
        members.append((event, meta, share if share is not None else 1.0))
    if current is not None:
        yield current, members


def _candidate_ids(
    con: duckdb.DuckDBPyConnection, wanted: set[tuple[str, str, str, int, int]]
) -> list[str]:
    """The ids of the stored incidents registered in the wanted blocks."""
    if not wanted:
        return []
    keys = pa.table(
        {
            "family": pa.array([w[0] for w in wanted], pa.string()),
            "status": pa.array([w[1] for w in wanted], pa.string()),
            "country": pa.array([w[2] for w in wanted], pa.string()),
            "lo": pa.array([date.fromordinal(w[3]).isoformat() for w in wanted], pa.string()),
            "hi": pa.array([date.fromordinal(w[4]).isoformat() for w in wanted], pa.string()),
        }
    )
    con.register("_eventwire_keys", keys)
    try:
        # one row per incident and country ('' for none), so the country is part of the join
        # key: joining on family and status alone compares every key with every incident of
        # its family (seconds per chunk at 100,000 incidents)
        sql = f"""
            WITH by_country AS (
                SELECT incident_id, family, status, first_date, last_date,
                       unnest(CASE WHEN len(countries) = 0 THEN [''] ELSE countries END)
                           AS country
                FROM {INCIDENTS})
            SELECT i.incident_id
            FROM by_country i
            JOIN _eventwire_keys k
              ON k.family = i.family AND k.status = i.status AND k.country = i.country
             AND i.first_date <= k.hi AND i.last_date >= k.lo
            UNION
            SELECT i.incident_id
            FROM {INCIDENTS} i
            JOIN (SELECT * FROM _eventwire_keys WHERE country = '{ANYWHERE}') k
              ON k.family = i.family AND k.status = i.status
             AND i.first_date <= k.hi AND i.last_date >= k.lo
            ORDER BY 1"""
        return [row[0] for row in con.execute(sql).fetchall()]
    finally:
        con.unregister("_eventwire_keys")


def _event_rows(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], sql: str, *extra: str
) -> Iterator[tuple[list[Any], Event, ArticleMeta]]:
    """The rows of ``sql`` over these ids (events with their article's ``_source``,
    ``_published``, ``_url`` and ``_title``): the values of the ``extra`` columns, the event,
    its article. Read a column at a time (about a third less time than row dicts): restores
    read many."""
    fields = [c.name for c in event_columns()]
    parsed = [c for c in event_columns() if c.json]
    con.register("_eventwire_ids", pa.table({"id": pa.array(list(ids), pa.string())}))
    try:
        for batch in arrow_reader(con, sql):
            columns = batch.to_pydict()
            for column in parsed:
                columns[column.name] = [column.from_store(v) for v in columns[column.name]]
            events = zip(*(columns[name] for name in fields), strict=True)
            metas: dict[str, ArticleMeta] = {}
            for i, values in enumerate(events):
                article_id = columns["article_id"][i]
                meta = metas.get(article_id)
                if meta is None:
                    meta = ArticleMeta(
                        article_id=article_id,
                        source=columns["_source"][i],
                        published=columns["_published"][i],
                        url=columns["_url"][i],
                        title=columns["_title"][i],
                    )
                    metas[article_id] = meta
                event = Event.from_dict(dict(zip(fields, values, strict=True)))
                yield [columns[name][i] for name in extra], event, meta
    finally:
        con.unregister("_eventwire_ids")


def _with_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str], sql: str) -> None:
    con.register("_eventwire_ids", pa.table({"id": pa.array(list(ids), pa.string())}))
    try:
        con.execute(sql)
    finally:
        con.unregister("_eventwire_ids")


def _with_ids_rows(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], sql: str
) -> Iterator[dict[str, Any]]:
    con.register("_eventwire_ids", pa.table({"id": pa.array(list(ids), pa.string())}))
    try:
        for batch in arrow_reader(con, sql):
            yield from batch.to_pylist()
    finally:
        con.unregister("_eventwire_ids")


# -- reading -----------------------------------------------------------------------------------


def iter_incidents(
    store: Store, *, min_articles: int = 1, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Stored incidents (as rows), the most reported first, then the latest."""
    if not has_incidents(store.con):
        return
    sql = (
        f"SELECT * FROM {INCIDENTS} WHERE num_articles >= ? "
        "ORDER BY num_articles DESC, num_mentions DESC, date DESC NULLS LAST, incident_id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    for batch in arrow_reader(store.con, sql, [min_articles]):
        yield from batch.to_pylist()


def members_of(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """The member events of one incident with their sentences (on a cursor of its own, so it
    can run while ``iter_incidents`` streams)."""
    result = store.con.cursor().execute(
        f"""SELECT m.*, e.sentence, e.trigger, a.title, a.url
            FROM {MEMBERS} m JOIN events e ON e.event_id = m.event_id
            LEFT JOIN articles a ON a.id = m.article_id
            WHERE m.incident_id = ?
            ORDER BY m.published NULLS FIRST, m.article_id, m.sentence_index""",
        [incident_id],
    )
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
