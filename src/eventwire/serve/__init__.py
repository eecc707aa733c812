"""`eventwire serve`: a JSON API and an offline dashboard over a store.

- ``create_app(db)`` gives the FastAPI application (for tests and other ASGI servers).
- ``serve(db, host=..., port=...)`` runs it with uvicorn until interrupted.

The server reads snapshots of the database (see ``snapshot``), so a run may write meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from .app import create_app
from .snapshot import ServeError, Snapshots

__all__ = ["ServeError", "Snapshots", "create_app", "serve"]


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    refresh_seconds: float = 2.0,
    log_level: str = "info",
) -> None:
    """Serve the API and dashboard for ``db`` until interrupted."""
    import uvicorn

    if not Path(db).exists():
        raise ServeError(f"[E501] no database at {db}; create one with `eventwire run`")
    app = create_app(db, refresh_seconds=refresh_seconds)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
