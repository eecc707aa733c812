"""Copies of the store's files for snapshots to read, shared by the server's processes.

A snapshot reads a copy of the store, never the store (see ``snapshot``). The processes of one
server (``serve(workers=N)``) share a work folder, so the first one to see new files copies
them and the others open the same copy read-only: a copy is a subfolder named after the store's
file signature. Taking a copy holds the folder's ``copying`` lock, so two processes never copy
the same files at once. Every snapshot reading a copy holds a shared ``flock`` on its ``users``
file; when a snapshot ends, an exclusive lock that succeeds at once means it was the last
reader, and it removes the copy. Without ``fcntl`` (Windows) every copy is private.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

from ..errors import EventwireError

COPY_ATTEMPTS = 5  # copies tried while the writer keeps changing the files
STORE = "store.duckdb"  # the copied database in a copy's folder (its WAL next to it)
USERS = "users"  # shared-locked by each snapshot reading the copy
READY = "ready"  # present while the copy is complete and not being removed
COPYING = "copying"  # the work folder's lock around finding or making a copy


class ServeError(EventwireError):
    """The server cannot read the database it was given."""


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


def _name(signature: Signature) -> str:
    """The folder name of a copy of files with this signature."""
    return "copy-" + "_".join(
        "-".join(map(str, stats)) if stats is not None else "none" for stats in signature
    )


@dataclass(eq=False)
class Copy:
    """A copy of the store's files that one snapshot reads; ``release`` when done."""

    folder: Path
    signature: Signature
    _users: int | None  # the file descriptor holding the shared lock on ``USERS``

    @property
    def path(self) -> Path:
        return self.folder / STORE

    def release(self) -> None:
        """Let go of the copy; the last snapshot reading it removes it."""
        fd, self._users = self._users, None
        if fd is None:
            if fcntl is None:
                shutil.rmtree(self.folder, ignore_errors=True)
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another snapshot still reads it and will remove it
            (self.folder / READY).unlink(missing_ok=True)
            shutil.rmtree(self.folder, ignore_errors=True)
        finally:
            os.close(fd)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _hold(folder: Path, *, create: bool = False) -> int | None:
    """A shared lock on the copy's users file (None without ``fcntl``)."""
    if fcntl is None:
        return None
    fd = os.open(folder / USERS, os.O_RDWR | (os.O_CREAT if create else 0), 0o600)
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a last reader removes the copy
    return fd


def _reuse(folder: Path, signature: Signature) -> Copy | None:
    """The copy in ``folder`` if it is complete, now held by one more reader."""
    if fcntl is None:
        return None
    try:
        fd = _hold(folder)
    except FileNotFoundError:
        return None
    if not (folder / READY).exists():  # removed while we waited for the lock
        if fd is not None:
            os.close(fd)
        return None
    return Copy(folder, signature, fd)


def _copy_consistent(source: Path, folder: Path) -> Signature:
    """Copy the store's files into ``folder``; retry while a writer changes them mid-copy."""
    target = folder / STORE
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
            return before
        time.sleep(0.05 * (attempt + 1))
    raise ServeError(f"[E502] {source} kept changing while it was copied; will try again")


def take_copy(source: Path, workdir: Path) -> Copy:
    """A copy of the store's current files: the one another snapshot already made of the same
    files, else a new one."""
    workdir.mkdir(parents=True, exist_ok=True)
    with _locked(workdir / COPYING):
        signature = file_signature(source)
        if signature[0] is not None:
            found = _reuse(workdir / _name(signature), signature)
            if found is not None:
                return found
        folder = Path(tempfile.mkdtemp(prefix="copying-", dir=workdir))
        users: int | None = None
        try:
            signature = _copy_consistent(source, folder)
            users = _hold(folder, create=True)
            (folder / READY).touch()
        except BaseException:
            if users is not None:
                os.close(users)
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if fcntl is not None:
            named = workdir / _name(signature)
            try:
                folder = folder.rename(named)  # others find it by name from now on
            except OSError:
                pass  # a copy of that name is still being removed: this one stays private
        return Copy(folder, signature, users)
