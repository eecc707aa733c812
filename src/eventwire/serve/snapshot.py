"""Read-only snapshots of a store that another process may be writing.

DuckDB lets one process hold a database file for writing, and while it does no other process
can open the file, not even read-only; a reader that holds the file keeps a writer out too.
So the server never opens the store itself: it copies the file (and its write-ahead log) into
a work folder, checks that neither changed while it copied (``copies``, which also lets the
server's processes share one copy), and attaches the copy read-only to an in-memory database
where it builds ``ev``, one flat row per event with the columns the API filters and sorts on,
``DisplayRows`` of them as JSON and an ``EventIndex`` for pages of events. A background thread
takes a new snapshot when the store's files change; requests keep using the snapshot they
started with until they end.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from .copies import Copy, ServeError, Signature, file_signature, take_copy
from .display import ROW_SQL, DisplayRows
from .flat import BUILD_ACTOR_KEYS, BUILD_EV
from .index import INDEX_SQL, EventIndex

log = logging.getLogger(__name__)

CATALOG = "ew"  # the in-memory database holding ``ev``; the copy is attached as ``src``
POLL_SECONDS = 0.5  # how often the refresher looks at the store's files


def arrow_table(cur: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """A query's result as one Arrow table (DuckDB 1.x and 2.x)."""
    relation = cur.sql(sql)
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()


@dataclass(eq=False)
class Snapshot:
    """One consistent copy of the store, queried through cursors of ``con``."""

    generation: int
    con: duckdb.DuckDBPyConnection
    copy: Copy  # the files ``con`` attached as ``src``
    taken_at: datetime
    build_seconds: float
    n_events: int
    tables: frozenset[str]
    display: DisplayRows  # DISPLAY_COLUMNS of ``ev`` as JSON, row i = rowid i
    index: EventIndex  # what pages of events are found with
    _users: int = 0
    _retired: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _local: threading.local = field(default_factory=threading.local)
    _cursors: list[duckdb.DuckDBPyConnection] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.copy.folder

    @property
    def signature(self) -> Signature:
        return self.copy.signature

    @property
    def has_incidents(self) -> bool:
        return "incidents" in self.tables

    def display_rows(self, rowids: list[int]) -> list[dict[str, Any]]:
        """The display columns of these rows of ``ev``, in the order given."""
        return self.display.dicts(rowids)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to this snapshot (one per thread; close it after use)."""
        cur = self.con.cursor()
        cur.execute(f"USE {CATALOG}")
        return cur

    def thread_cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's own cursor, kept for the snapshot's life (for work that ends within
        one call; a streamed answer, resumed on other threads, takes a ``cursor()``)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self.cursor()
            self._local.cursor = cur
            with self._lock:
                self._cursors.append(cur)
        return cur

    def acquire(self) -> None:
        with self._lock:
            self._users += 1

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            done = self._retired and self._users == 0
        if done:
            self._close()

    def retire(self) -> None:
        with self._lock:
            self._retired = True
            done = self._users == 0
        if done:
            self._close()

    def _close(self) -> None:
        try:
            for cur in self._cursors:
                cur.close()
            self.con.close()
        finally:
            self.copy.release()


def _display(con: duckdb.DuckDBPyConnection, n_rows: int) -> DisplayRows:
    """The ``DisplayRows`` of ``ev``, row i holding rowid i."""
    # 64-bit offsets straight from DuckDB: the texts of 10M events pass 2 GB
    con.execute("SET arrow_large_buffer_size = true")
    try:
        # a plain scan keeps insertion (= rowid) order; checked rather than paying a sort
        table = arrow_table(con, f"SELECT {ROW_SQL} AS v, rowid AS r FROM ev")
    finally:
        con.execute("RESET arrow_large_buffer_size")
    rowids = table.column("r").to_numpy()
    if not np.array_equal(rowids, np.arange(n_rows)):
        table = table.take(pa.array(np.argsort(rowids), pa.int64()))
    return DisplayRows(table.column("v"))


def build_snapshot(source: Path, *, generation: int, workdir: Path) -> Snapshot:
    """Copy the store at ``source`` and build the flat event table of a new snapshot."""
    started = time.monotonic()
    copy = take_copy(source, workdir)
    con: duckdb.DuckDBPyConnection | None = None
    try:
        con = duckdb.connect(":memory:")
        con.execute("SET enable_progress_bar = false")
        try:  # compressed in-memory tables: a third of the memory, faster scans (DuckDB >= 1.2)
            con.execute(f"ATTACH ':memory:' AS {CATALOG} (COMPRESS)")
        except duckdb.Error:
            con.execute(f"ATTACH ':memory:' AS {CATALOG}")
        con.execute(f"USE {CATALOG}")
        quoted = str(copy.path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS src (READ_ONLY)")
        tables = frozenset(
            name
            for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'src'"
            ).fetchall()
        )
        missing = {"events", "articles"} - tables
        if missing:
            raise ServeError(
                f"[E503] {source} has no {', '.join(sorted(missing))} table; "
                "is it an eventwire database?"
            )
        con.execute(BUILD_EV)
        con.execute(BUILD_ACTOR_KEYS)
        con.execute(f"CHECKPOINT {CATALOG}")  # compresses the in-memory tables
        (n_events,) = con.execute("SELECT count(*) FROM ev").fetchall()[0]
        display = _display(con, int(n_events))
        index = EventIndex(
            arrow_table(con, INDEX_SQL), arrow_table(con, "SELECT key, rid, role FROM actor_keys")
        )
        pa.default_memory_pool().release_unused()  # the build's Arrow tables: ≈ 130 MB at 1M
    except duckdb.Error as e:
        if con is not None:
            con.close()
        copy.release()
        raise ServeError(f"[E504] cannot read a snapshot of {source}: {e}") from e
    except BaseException:
        if con is not None:
            con.close()
        copy.release()
        raise
    return Snapshot(
        generation=generation,
        con=con,
        copy=copy,
        taken_at=datetime.now(UTC),
        build_seconds=time.monotonic() - started,
        n_events=int(n_events),
        tables=tables,
        display=display,
        index=index,
    )


class Snapshots:
    """The current snapshot of a store, refreshed in the background when the store changes.

    ``refresh_seconds`` is the shortest time between two snapshots (the longer of it and twice
    the last build time is used, so a big store being written is not copied back to back).
    ``workdir`` holds the copies; processes given the same one share them, and it is left in
    place at ``stop`` (a new temporary folder, removed at ``stop``, when none is given).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        refresh_seconds: float = 2.0,
        workdir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.path = Path(path)
        self.refresh_seconds = refresh_seconds
        self._own_workdir = workdir is None
        self._workdir = Path(workdir) if workdir is not None else None
        self._current: Snapshot | None = None
        self._lock = threading.Lock()  # guards _current
        self._building = threading.Lock()  # one snapshot build at a time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = 0
        self._last_build = 0.0
        self.last_error: str | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def workdir(self) -> Path:
        """Where snapshot copies go (a new temporary folder unless one was given)."""
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix="eventwire-serve-"))
        self._workdir.mkdir(parents=True, exist_ok=True)
        return self._workdir

    def start(self, *, background: bool = True) -> None:
        """Take the first snapshot (errors raise) and start the refresher thread."""
        try:
            self.refresh(force=True)
        except BaseException:
            self.stop()
            raise
        if background and self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="eventwire-snapshots", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        with self._lock:
            current, self._current = self._current, None
        if current is not None:
            current.retire()
        if self._own_workdir and self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def _due(self) -> bool:
        """Whether the background refresher may take a snapshot now."""
        current = self._current
        if current is None:
            return True
        wait = max(self.refresh_seconds, 2 * current.build_seconds)
        return time.monotonic() - self._last_build >= wait

    def _run(self) -> None:
        while not self._stop.wait(min(POLL_SECONDS, max(self.refresh_seconds, 0.05))):
            if not self._due():
                continue
            try:
                self.refresh()
            except ServeError as e:
                self.last_error = str(e)
                log.warning("%s", e)
            except Exception as e:  # noqa: BLE001 - the refresher must outlive one bad copy
                self.last_error = f"{type(e).__name__}: {e}"
                log.exception("snapshot refresh failed")

    # -- snapshots ----------------------------------------------------------------------------

    @property
    def generation(self) -> int | None:
        """The current snapshot's generation (None before the first)."""
        current = self._current
        return None if current is None else current.generation

    @property
    def current(self) -> Snapshot:
        if self._current is None:
            raise ServeError("[E505] the server has no snapshot yet; call start() first")
        return self._current

    def refresh(self, *, force: bool = False) -> bool:
        """Take a new snapshot if the store changed (or ``force``); True when one was taken."""
        with self._building:
            current = self._current
            if not force and current is not None:
                if file_signature(self.path) == current.signature:
                    return False
            self._generation += 1
            snapshot = build_snapshot(self.path, generation=self._generation, workdir=self.workdir)
            self._last_build = time.monotonic()
            with self._lock:
                old, self._current = self._current, snapshot
        if old is not None:
            old.retire()
        self.last_error = None
        log.info(
            "snapshot %d of %s: %d events in %.2fs",
            snapshot.generation,
            self.path,
            snapshot.n_events,
            snapshot.build_seconds,
        )
        return True

    @contextmanager
    def use(self) -> Iterator[Snapshot]:
        """The current snapshot, kept open until the block ends even if a newer one arrives."""
        with self._lock:
            snapshot = self.current
            snapshot.acquire()
        try:
            yield snapshot
        finally:
            snapshot.release()

    @contextmanager
    def cursor(self) -> Iterator[tuple[Snapshot, Any]]:
        """A cursor (its own connection, safe in this thread) on the current snapshot."""
        with self.use() as snapshot:
            cur = snapshot.cursor()
            try:
                yield snapshot, cur
            finally:
                cur.close()
