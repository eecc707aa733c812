"""The DuckDB store: opening and migrating the file, batch writes in one transaction, reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import EventwireError
from ..model import Article, Event
from ..readers import Origin, Skipped
from .schema import (
    Column,
    article_columns,
    create_statements,
    event_columns,
    event_from_row,
    event_row,
    record_columns,
    to_table,
)

DEFAULT_DB = "eventwire.duckdb"
READ_BATCH_ROWS = 10_000


class StoreError(EventwireError):
    """The database could not be opened, read or written."""


@dataclass(slots=True)
class Coded:
    """An article coded in a run, with where it came from and its events."""

    origin: Origin
    article: Article
    events: list[Event]


@dataclass(slots=True)
class Problem:
    """A record that gave no stored article: ``kind`` is "skipped" (reader) or "failed" (coder)."""

    skipped: Skipped
    kind: str = "skipped"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def arrow_reader(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: list[Any] | None = None,
    batch_rows: int = READ_BATCH_ROWS,
) -> Any:
    """A query's rows as a stream of Arrow record batches (DuckDB 1.x and 2.x)."""
    if hasattr(con, "to_arrow_reader"):
        return con.sql(sql, params=params or None).to_arrow_reader(batch_rows)
    result = con.execute(sql, params or [])  # pragma: no cover - DuckDB 1.x
    return result.fetch_record_batch(batch_rows)  # type: ignore[attr-defined]


class Store:
    """One DuckDB file holding articles, events, runs and skipped records."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
        """Open (creating and migrating unless ``read_only``) the database at ``path``."""
        name = str(path)
        if read_only and name != ":memory:" and not Path(name).exists():
            raise StoreError(f"[E201] no database at {name}; create one with `eventwire run`")
        if not read_only and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(name, read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(
                f"[E202] cannot open database {name}: {e} (is another eventwire process using it?)"
            ) from e
        store = cls(con, name)
        if read_only:
            store._check_tables()
        else:
            store._migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------

    def _columns(self, table: str) -> dict[str, str]:
        rows = self.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        return {name: kind for name, kind in rows}

    def _check_tables(self) -> None:
        for table in ("articles", "events", "runs", "skipped"):
            if not self._columns(table):
                raise StoreError(
                    f"[E203] {self.path} has no '{table}' table; is it an eventwire database?"
                )

    def _migrate(self) -> None:
        """Create missing tables; add columns for fields the records gained since."""
        try:
            for statement in create_statements():
                self.con.execute(statement)
            for table, columns in (("articles", article_columns()), ("events", event_columns())):
                have = self._columns(table)
                for column in columns:
                    if column.name not in have:
                        self.con.execute(
                            f'ALTER TABLE {table} ADD COLUMN "{column.name}" {column.sql}'
                        )
                    elif _type_key(have[column.name]) != _type_key(column.sql):
                        # e.g. a record gained a field: structs are cast by field name
                        self.con.execute(
                            f'ALTER TABLE {table} ALTER COLUMN "{column.name}" TYPE {column.sql}'
                        )
        except duckdb.Error as e:
            raise StoreError(f"[E204] cannot prepare database {self.path}: {e}") from e

    # -- writes -------------------------------------------------------------------------------

    def start_run(
        self, *, inputs: Sequence[str], workers: int, dictionaries: Sequence[str] = ()
    ) -> int:
        from .. import __version__

        (run_id,) = self.con.execute("SELECT nextval('run_ids')").fetchone()  # type: ignore[misc]
        self.con.execute(
            "INSERT INTO runs (run_id, started, status, inputs, workers, dictionaries, version) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?)",
            [run_id, _now(), list(inputs), workers, list(dictionaries), __version__],
        )
        return int(run_id)

    def finish_run(self, run_id: int, *, status: str, already: int = 0) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, already = ? WHERE run_id = ?",
            [_now(), status, already, run_id],
        )

    def write_batch(
        self, run_id: int, coded: Sequence[Coded], problems: Sequence[Problem] = ()
    ) -> None:
        """Store articles with their events, and problem records, in ONE transaction."""
        if not coded and not problems:
            return
        now = _now()
        articles = [
            {
                **_article_row(item.article),
                "source_file": item.origin.source,
                "record": item.origin.record,
                "run_id": run_id,
                "coded_at": now,
                "n_events": len(item.events),
            }
            for item in coded
        ]
        events = [event_row(event) for item in coded for event in item.events]
        skipped = [
            {
                "key": _skip_key(p.skipped),
                "source_file": p.skipped.source,
                "record": p.skipped.record,
                "kind": p.kind,
                "reason": p.skipped.reason,
                "run_id": run_id,
                "skipped_at": now,
            }
            for p in problems
        ]
        n_failed = sum(p.kind == "failed" for p in problems)
        con = self.con
        try:
            con.begin()
            try:
                insert_rows(con, "articles", articles, article_columns())
                insert_rows(con, "events", events, event_columns())
                insert_rows(con, "skipped", _dedupe(skipped), _SKIPPED_COLUMNS, replace=True)
                con.execute(
                    "UPDATE runs SET processed = processed + ?, events = events + ?, "
                    "skipped = skipped + ?, failed = failed + ? WHERE run_id = ?",
                    [len(articles), len(events), len(problems) - n_failed, n_failed, run_id],
                )
                con.commit()
            except BaseException:
                con.rollback()
                raise
        except duckdb.Error as e:
            raise StoreError(f"[E205] writing to {self.path} failed: {e}") from e

    # -- reads --------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids the store already holds."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        table = pa.table({"id": pa.array(wanted, pa.string())})
        self.con.register("_eventwire_ids", table)
        try:
            rows = self.con.execute(
                "SELECT a.id FROM articles a JOIN _eventwire_ids w ON a.id = w.id"
            ).fetchall()
        finally:
            self.con.unregister("_eventwire_ids")
        return {row[0] for row in rows}

    def events(self, *, article_id: str | None = None) -> Iterator[Event]:
        """Stored events (all, or of one article) in a stable order."""
        where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
        sql = (
            f"SELECT * FROM events {where} "
            "ORDER BY article_id, sentence_index, trigger_start, event_id"
        )
        for batch in arrow_reader(self.con, sql, params):
            for row in batch.to_pylist():
                yield event_from_row(row)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        out = {}
        for table in ("articles", "events", "runs", "skipped"):
            (n,) = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()  # type: ignore[misc]
            out[table] = int(n)
        return out


_SKIPPED_COLUMNS = (
    Column("key", "VARCHAR", pa.string()),
    Column("source_file", "VARCHAR", pa.string()),
    Column("record", "BIGINT", pa.int64()),
    Column("kind", "VARCHAR", pa.string()),
    Column("reason", "VARCHAR", pa.string()),
    Column("run_id", "BIGINT", pa.int64()),
    Column("skipped_at", "TIMESTAMP", pa.timestamp("us")),
)


def _type_key(sql: str) -> str:
    return sql.replace('"', "").replace(" ", "").upper()


def _article_row(article: Article) -> dict[str, Any]:
    return {c.name: getattr(article, c.name) for c in record_columns(Article)}


def _skip_key(skipped: Skipped) -> str:
    return f"{skipped.source}#{'' if skipped.record is None else skipped.record}"


def _dedupe(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Last row per key (INSERT OR REPLACE refuses duplicate keys within one statement)."""
    return list({row["key"]: row for row in rows}.values())


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[dict[str, Any]],
    columns: tuple[Column, ...],
    *,
    replace: bool = False,
) -> None:
    """Insert ``rows`` into ``table`` in one statement over an Arrow table, matching columns
    by name; ``replace`` turns it into INSERT OR REPLACE (by primary key)."""
    if not rows:
        return
    view = f"_eventwire_new_{table}"
    con.register(view, to_table(rows, columns))
    try:
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)
