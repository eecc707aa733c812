"""Read-only snapshots of a store that another process may be writing.

DuckDB lets one process hold a database file for writing, and while it does no other process
can open the file, not even read-only; a reader that holds the file keeps a writer out too.
So the server never opens the store itself: it copies the file (and its write-ahead log) into
a private folder, checks that neither changed while it copied, and attaches the copy read-only
to an in-memory database where it builds ``ev``, one flat row per event with the columns the
API filters and sorts on. A background thread takes a new snapshot when the store's files
change; requests keep using the snapshot they started with until they end.
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

from ..errors import EventwireError

log = logging.getLogger(__name__)

CATALOG = "ew"  # the in-memory database holding ``ev``; the copy is attached as ``src``
COPY_ATTEMPTS = 5  # copies tried per refresh while the writer keeps changing the files
POLL_SECONDS = 0.5  # how often the refresher looks at the store's files


class ServeError(EventwireError):
    """The server cannot read the database it was given."""


# The day an event happened: its own date (partial dates padded to their first day), else the
# day its article was published. Same rule as the store's exports (store.query.EVENT_DAY).
_EVENT_DAY = """TRY_CAST(CASE
    WHEN e.date IS NULL OR e.date = '' THEN strftime(a.published, '%Y-%m-%d')
    WHEN length(e.date) = 4 THEN e.date || '-01-01'
    WHEN length(e.date) = 7 THEN e.date || '-01'
    ELSE left(e.date, 10) END AS DATE)"""

# (list comprehensions, not lambdas: their syntax changed between DuckDB 1.x and 2.x)
_ACTOR_CODES = "'|' || array_to_string([coalesce(x.code, '') FOR x IN {0}], '|') || '|'"
_ACTOR_TEXT = "lower(array_to_string([coalesce(x.text, '') FOR x IN {0}], ' | '))"

# A unique id per row: the event id, with "~2", "~3"... on repeats. ``tie``, its 64-bit hash,
# breaks ties between equal sort keys (an integer compares faster than a string).
_UID = "(e.event_id || CASE WHEN n > 1 THEN '~' || n ELSE '' END)"

# One row per event, sorted newest first (row groups then carry tight day ranges).
BUILD_EV = f"""
CREATE TABLE ev AS
SELECT
    {_UID} AS uid,
    hash({_UID}) AS tie,
    * EXCLUDE (n),
    source_code_keys || target_code_keys AS actor_code_keys,
    source_text || ' | ' || target_text AS actor_text
FROM (
    SELECT
        e.event_id,
        row_number() OVER (PARTITION BY e.event_id
                           ORDER BY e.article_id, e.sentence_index, e.trigger_start) AS n,
        e.article_id,
        e.sentence_index,
        {_EVENT_DAY} AS day,
        e.date,
        e.date_precision,
        upper(e.plover_type) AS plover_type,
        e.plover_mode,
        e.cameo_code,
        e.cameo_root,
        e.goldstein,
        e.quad_class,
        e.acled_event_type,
        e.acled_sub_event_type,
        e.location.name AS place,
        upper(e.location.country) AS country,
        e.location.admin1 AS admin1,
        e.location.admin2 AS admin2,
        e.location.lat AS lat,
        e.location.lon AS lon,
        e.location.precision AS geo_precision,
        e.killed.best AS killed,
        e.injured.best AS injured,
        e.negated,
        e.hypothetical,
        e.historical,
        e.future,
        e.confidence,
        e.trigger,
        e.sentence,
        lower(e.sentence) AS sentence_lc,
        [x.code FOR x IN e.source_actors] AS source_codes,
        [x.code FOR x IN e.target_actors] AS target_codes,
        {_ACTOR_CODES.format("e.source_actors")} AS source_code_keys,
        {_ACTOR_CODES.format("e.target_actors")} AS target_code_keys,
        {_ACTOR_TEXT.format("e.source_actors")} AS source_text,
        {_ACTOR_TEXT.format("e.target_actors")} AS target_text,
        a.url,
        a.title,
        a.source AS article_source,
        a.published
    FROM src.events e LEFT JOIN src.articles a ON a.id = e.article_id
) e
ORDER BY day DESC NULLS LAST, tie DESC
"""


Signature = tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]


def file_signature(path: Path) -> Signature:
    """What changes when a writer commits or checkpoints: the db and WAL files' stats."""

    def one(p: Path) -> tuple[int, int, int] | None:
        try:
            st = p.stat()
        except FileNotFoundError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino)

    return one(path), one(Path(f"{path}.wal"))


@dataclass(eq=False)
class Snapshot:
    """One consistent copy of the store, queried through cursors of ``con``."""

    generation: int
    con: duckdb.DuckDBPyConnection
    folder: Path
    signature: Signature
    taken_at: datetime
    build_seconds: float
    n_events: int
    tables: frozenset[str]
    _users: int = 0
    _retired: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def has_incidents(self) -> bool:
        return "incidents" in self.tables

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to this snapshot (one per thread; close it after use)."""
        cur = self.con.cursor()
        cur.execute(f"USE {CATALOG}")
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
            self.con.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _copy_consistent(source: Path, folder: Path) -> tuple[Path, Signature]:
    """Copy the store's files into ``folder``; retry while a writer changes them mid-copy."""
    target = folder / "store.duckdb"
    for attempt in range(COPY_ATTEMPTS):
        before = file_signature(source)
        if before[0] is None:
            raise ServeError(f"[E501] no database at {source}; create one with `eventwire run`")
        for suffix in ("", ".wal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        try:
            shutil.copyfile(source, target)
            if before[1] is not None:
                shutil.copyfile(f"{source}.wal", f"{target}.wal")
        except FileNotFoundError:
            pass  # the WAL vanished in a checkpoint: the signatures differ, copy again
        if file_signature(source) == before:
            return target, before
        time.sleep(0.05 * (attempt + 1))
    raise ServeError(f"[E502] {source} kept changing while it was copied; will try again")


def build_snapshot(source: Path, *, generation: int, workdir: Path) -> Snapshot:
    """Copy the store at ``source`` and build the flat event table of a new snapshot."""
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix=f"gen{generation}-", dir=workdir))
    con: duckdb.DuckDBPyConnection | None = None
    try:
        copy, signature = _copy_consistent(source, folder)
        con = duckdb.connect(":memory:")
        con.execute("SET enable_progress_bar = false")
        try:  # compressed in-memory tables: a third of the memory, faster scans (DuckDB >= 1.2)
            con.execute(f"ATTACH ':memory:' AS {CATALOG} (COMPRESS)")
        except duckdb.Error:
            con.execute(f"ATTACH ':memory:' AS {CATALOG}")
        con.execute(f"USE {CATALOG}")
        quoted = str(copy).replace("'", "''")
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
        con.execute(f"CHECKPOINT {CATALOG}")  # compresses the in-memory table
        (n_events,) = con.execute("SELECT count(*) FROM ev").fetchone()  # type: ignore[misc]
    except duckdb.Error as e:
        if con is not None:
            con.close()
        shutil.rmtree(folder, ignore_errors=True)
        raise ServeError(f"[E504] cannot read a snapshot of {source}: {e}") from e
    except BaseException:
        if con is not None:
            con.close()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Snapshot(
        generation=generation,
        con=con,
        folder=folder,
        signature=signature,
        taken_at=datetime.now(UTC),
        build_seconds=time.monotonic() - started,
        n_events=int(n_events),
        tables=tables,
    )


class Snapshots:
    """The current snapshot of a store, refreshed in the background when the store changes.

    ``refresh_seconds`` is the shortest time between two snapshots (the longer of it and twice
    the last build time is used, so a big store being written is not copied back to back).
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
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="eventwire-serve-"))
        self._current: Snapshot | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = 0
        self._last_build = 0.0
        self.last_error: str | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self, *, background: bool = True) -> None:
        """Take the first snapshot (errors raise) and start the refresher thread."""
        self.refresh(force=True)
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
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
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
    def current(self) -> Snapshot:
        if self._current is None:
            raise ServeError("[E505] the server has no snapshot yet; call start() first")
        return self._current

    def refresh(self, *, force: bool = False) -> bool:
        """Take a new snapshot if the store changed (or ``force``); True when one was taken."""
        current = self._current
        if not force and current is not None:
            if file_signature(self.path) == current.signature:
                return False
            wait = max(self.refresh_seconds, 2 * current.build_seconds)
            if time.monotonic() - self._last_build < wait:
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
