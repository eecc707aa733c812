"""`eventwire serve`: a JSON API and an offline dashboard over a store.

- ``create_app(db)`` gives the FastAPI application (for tests and other ASGI servers).
- ``serve(db, host=..., port=..., workers=...)`` runs it with uvicorn until interrupted.

The server reads snapshots of the database (see ``snapshot``), so a run may write meanwhile.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

from .app import CACHE_ENTRIES, create_app
from .snapshot import ServeError, Snapshots
from .workers import run_workers

__all__ = ["DEFAULT_WORKERS", "ServeError", "Snapshots", "create_app", "serve"]

DEFAULT_WORKERS = 1


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    refresh_seconds: float = 2.0,
    cache_entries: int = CACHE_ENTRIES,
    log_level: str = "info",
) -> None:
    """Serve the API and dashboard for ``db`` until interrupted.

    ``workers`` > 1 runs that many processes answering on the same port (a request holds the
    GIL for most of its time, so one process uses one CPU). Each keeps its own snapshots and
    answer cache; they share the copies of the store the snapshots read. None: ``DEFAULT_WORKERS``.
    """
    import uvicorn

    workers = DEFAULT_WORKERS if workers is None else workers
    if workers < 1:
        raise ServeError(f"[E510] workers must be 1 or more, not {workers}")
    if not Path(db).exists():
        raise ServeError(f"[E501] no database at {db}; create one with `eventwire run`")
    if workers == 1:
        app = create_app(db, refresh_seconds=refresh_seconds, cache_entries=cache_entries)
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
        return
    workdir = Path(tempfile.mkdtemp(prefix="eventwire-serve-"))
    try:
        run_workers(
            # picklable: each process builds its own app and snapshots with it
            functools.partial(
                create_app,
                str(db),
                refresh_seconds=refresh_seconds,
                cache_entries=cache_entries,
                workdir=str(workdir),  # shared: one copy of the store for all processes
            ),
            host=host,
            port=port,
            workers=workers,
            options={"log_level": log_level, "access_log": False},
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
