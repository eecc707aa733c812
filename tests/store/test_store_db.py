"""The DuckDB store: schema, one-transaction batches, idempotence helpers, errors."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest
from store_helpers import coded

import eventwire.store.db as store_db
from eventwire.model import Event
from eventwire.readers import Skipped
from eventwire.store import Problem, Store, StoreError
from eventwire.store.schema import event_columns


def test_tables_and_event_columns(store):
    tables = {row[0] for row in store.con.execute("SHOW TABLES").fetchall()}
    assert {"articles", "events", "runs", "skipped"} <= tables
    have = [row[0] for row in store.con.execute("DESCRIBE events").fetchall()]
    assert have == [f.name for f in Event.__dataclass_fields__.values()]
    types = dict(
        store.con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'events'"
        ).fetchall()
    )
    assert types["source_actors"].startswith("STRUCT(") and types["source_actors"].endswith("[]")
    assert types["killed"].startswith("STRUCT(")
    assert types["plover_context"] == "VARCHAR[]"


def test_batch_round_trip(store):
    run_id = store.start_run(inputs=["x"], workers=1)
    items = [coded(1), coded(2, events_per_article=3)]
    store.write_batch(run_id, items)
    stored = list(store.events())
    expected = sorted((e for item in items for e in item.events), key=lambda e: e.event_id)
    assert sorted(stored, key=lambda e: e.event_id) == expected
    row = store.con.execute(
        "SELECT source_file, record, run_id, n_events, published FROM articles WHERE id = ?",
        [items[1].article.id],
    ).fetchone()
    assert row[0] == "input-2.txt" and row[1] is None and row[2] == run_id and row[3] == 3
    assert store.con.execute("SELECT processed, events FROM runs").fetchone() == (2, 5)


def test_batch_is_one_transaction(store, monkeypatch):
    """An error while writing events leaves neither the batch's articles nor its events."""
    run_id = store.start_run(inputs=["x"], workers=1)
    store.write_batch(run_id, [coded(1)])
    real_insert = store_db.insert_rows

    def failing(con, table, rows, columns, **kw):
        if table == "events":
            raise duckdb.IOException("disk on fire")
        return real_insert(con, table, rows, columns, **kw)

    monkeypatch.setattr(store_db, "insert_rows", failing)
    with pytest.raises(StoreError, match="E205"):
        store.write_batch(run_id, [coded(2), coded(3)])
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 2


def test_known_ids(store):
    run_id = store.start_run(inputs=["x"], workers=1)
    item = coded(1)
    store.write_batch(run_id, [item])
    assert store.known_ids([item.article.id, "nope", item.article.id]) == {item.article.id}
    assert store.known_ids([]) == set()


def test_skipped_rows_are_keyed_by_source_and_record(store):
    run_id = store.start_run(inputs=["x"], workers=1)
    problems = [
        Problem(Skipped("a.jsonl", 3, "invalid JSON")),
        Problem(Skipped("b.txt", None, "empty document")),
        Problem(Skipped("c.txt", None, "coding failed: ValueError"), "failed"),
    ]
    store.write_batch(run_id, [], problems)
    store.write_batch(run_id, [], problems[:1])  # seen again (a rerun): replaced, not added
    rows = store.con.execute(
        "SELECT source_file, record, kind, reason FROM skipped ORDER BY source_file"
    ).fetchall()
    assert rows == [
        ("a.jsonl", 3, "skipped", "invalid JSON"),
        ("b.txt", None, "skipped", "empty document"),
        ("c.txt", None, "failed", "coding failed: ValueError"),
    ]


def test_new_event_fields_are_added_as_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path) as old:
        old.con.execute("ALTER TABLE events DROP COLUMN deadline")
    with Store.open(path) as reopened:
        have = [row[0] for row in reopened.con.execute("DESCRIBE events").fetchall()]
    assert "deadline" in have
    assert len(have) == len(event_columns())


def test_records_that_gain_a_field_are_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    old_actor = 'STRUCT("text" VARCHAR, code VARCHAR)'
    with Store.open(path) as old:
        old.con.execute("DROP TABLE events")
        columns = f"event_id VARCHAR, article_id VARCHAR, source_actors {old_actor}[]"
        old.con.execute(f"CREATE TABLE events ({columns})")
        old.con.execute("INSERT INTO events VALUES ('e1', 'a1', [{'text': 'troops', 'code': 'X'}])")
    with Store.open(path) as reopened:
        (actors,) = reopened.con.execute("SELECT source_actors FROM events").fetchone()
        assert actors[0]["text"] == "troops" and actors[0]["country"] is None
        run_id = reopened.start_run(inputs=["x"], workers=1)
        reopened.write_batch(run_id, [coded(1)])
        assert reopened.counts()["events"] == 3


def test_read_only_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="E201"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    plain = tmp_path / "plain.duckdb"
    duckdb.connect(str(plain)).close()
    with pytest.raises(StoreError, match="E203"):
        Store.open(plain, read_only=True)


def test_locked_database_is_a_clear_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('open', flush=True); "
         "time.sleep(30)"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="E202"):
            Store.open(path)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    Store.open(path).close()
