"""Reading while `eventwire run` writes: the server serves snapshots and never locks the store."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_helpers import CASES, build, fill

from eventwire.cli import EXIT_FAILED, main
from eventwire.model import Event
from eventwire.readers import Origin
from eventwire.serve import ServeError, Snapshots, create_app
from eventwire.store import Coded, Store

WRITER = Path(__file__).with_name("writer_proc.py")
N_ARTICLES = 40


def add_events(path: Path, first: int, n: int) -> list[Event]:
    """Write ``n`` more cases (numbered from ``first``) with the store's writer."""
    items, events = [], []
    for k in range(first, first + n):
        article, event = build(CASES[k % len(CASES)], 1000 + k)
        items.append(Coded(Origin(f"more-{k}.txt", None), article, [event]))
        events.append(event)
    with Store.open(path) as store:
        run_id = store.start_run(inputs=["more"], workers=1)
        store.write_batch(run_id, items)
        store.finish_run(run_id, status="finished")
    return events


def test_a_writer_can_open_the_store_while_the_server_runs(tmp_path):
    path = tmp_path / "store.duckdb"
    fill(path)
    with TestClient(create_app(path, refresh_seconds=0)) as client:
        assert client.get("/api/status").json()["events"] == len(CASES)
        add_events(path, 0, 3)  # would raise if the server held the file
        client.app.state.snapshots.refresh()
        assert client.get("/api/status").json()["events"] == len(CASES) + 3
        assert client.get("/api/events", params={"total": "true"}).json()["total"] == len(CASES) + 3


def test_a_snapshot_in_use_outlives_its_replacement(tmp_path):
    path = tmp_path / "store.duckdb"
    fill(path)
    snaps = Snapshots(path, refresh_seconds=0, workdir=tmp_path / "work")
    snaps.start(background=False)
    try:
        with snaps.cursor() as (old, cur):
            add_events(path, 0, 2)
            assert snaps.refresh() is True
            assert snaps.current.generation == old.generation + 1
            # the request that started on the old snapshot still reads it
            assert cur.execute("SELECT count(*) FROM ev").fetchone()[0] == len(CASES)
            assert old.folder.exists()
        assert not old.folder.exists()  # retired once its last user left
        with snaps.cursor() as (new, cur):
            assert cur.execute("SELECT count(*) FROM ev").fetchone()[0] == len(CASES) + 2
        assert snaps.refresh() is False  # nothing changed since
    finally:
        snaps.stop()


def test_processes_share_one_copy_of_the_store_removed_by_its_last_reader(tmp_path):
    """Two ``Snapshots`` on one work folder stand for two server processes (``flock`` locks
    belong to open files, so one process holds them as two would)."""
    path = tmp_path / "store.duckdb"
    fill(path)
    work = tmp_path / "work"
    first = Snapshots(path, refresh_seconds=0, workdir=work)
    second = Snapshots(path, refresh_seconds=0, workdir=work)
    first.start(background=False)
    second.start(background=False)
    try:
        old = first.current.folder
        assert second.current.folder == old  # copied once
        add_events(path, 0, 1)
        assert first.refresh() is True
        new = first.current.folder
        assert new != old and old.exists()  # the second process still reads the old copy
        assert second.refresh() is True
        assert second.current.folder == new
        assert not old.exists()  # its last reader moved on
        with second.cursor() as (_, cur):
            assert cur.execute("SELECT count(*) FROM src.events").fetchone()[0] == len(CASES) + 1
        first.stop()
        assert new.exists()
    finally:
        first.stop()
        second.stop()
    assert work.exists() and not any(work.glob("copy-*"))  # given folders are left in place


def test_the_server_answers_throughout_a_concurrent_run(tmp_path):
    """A real writer process (run_corpus, a commit per article) against a live server."""
    path = tmp_path / "live.duckdb"
    fill(path)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for k in range(N_ARTICLES):
        (inputs / f"a{k:03d}.txt").write_text(
            f"Gunmen attacked a convoy near Gao on Tuesday, officials in northern Mali said, "
            f"in the {k + 1}th such ambush reported by the regional governor this year.\n",
            encoding="utf-8",
        )
    with TestClient(create_app(path, refresh_seconds=0.2)) as client:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(inputs), "0.05"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        codes: list[int] = []
        totals: list[int] = []
        generations: set[int] = set()
        deadline = time.monotonic() + 90
        try:
            while writer.poll() is None and time.monotonic() < deadline:
                r = client.get("/api/events", params={"limit": 3, "total": "true"})
                codes.append(r.status_code)
                if r.status_code == 200:
                    totals.append(r.json()["total"])
                    generations.add(r.json()["generation"])
                codes.append(client.get("/api/facets").status_code)
                time.sleep(0.02)
            out, err = writer.communicate(timeout=60)
        finally:
            if writer.poll() is None:
                writer.kill()
        assert writer.returncode == 0, err
        assert f"wrote {N_ARTICLES} articles" in out
        assert codes and set(codes) == {200}
        assert len(generations) >= 2, "no new snapshot was taken while the run wrote"
        assert totals == sorted(totals)  # snapshots only move forward
        assert totals[0] >= len(CASES)
        # once the writer is done, the server catches up with everything it committed
        want = len(CASES) + N_ARTICLES
        for _ in range(100):
            if client.get("/api/status").json()["events"] == want:
                break
            time.sleep(0.1)
        assert client.get("/api/status").json()["events"] == want
        gao = client.get("/api/events", params={"country": "MLI", "q": "gunmen", "total": "true"})
        assert gao.json()["total"] == N_ARTICLES


def test_a_missing_store_is_an_error_with_advice(tmp_path):
    with pytest.raises(ServeError, match=r"\[E501\].*eventwire run"):
        Snapshots(tmp_path / "missing.duckdb").start(background=False)


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t (x INT)")
    with pytest.raises(ServeError, match=r"\[E503\]"):
        Snapshots(path).start(background=False)


def test_cli_serve_reports_a_missing_store(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb"), "--port", "0"]) == EXIT_FAILED
    assert "E501" in capsys.readouterr().err
