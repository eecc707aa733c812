"""`eventwire serve`: the JSON API and the offline map dashboard over a database."""

from __future__ import annotations

import argparse
import sys

from ..store import DEFAULT_DB
from . import EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve a JSON API and an offline live map of the events of a database",
        description=(
            "Serve the events of a database over HTTP: a JSON API (/api, docs at /docs) and a "
            "dashboard (/). The server reads snapshots of the database, refreshed when the "
            "file changes, so `eventwire run` can keep writing to it."
        ),
    )
    parser.add_argument(
        "--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default {DEFAULT_DB})"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument(
        "--workers",
        # not ``workers``: the configuration file's ``workers`` are the coder's processes
        dest="server_workers",
        type=int,
        metavar="N",
        help="server processes answering on the port, each with its own snapshot in memory "
        "(default 1)",
    )
    parser.add_argument(
        "--refresh",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="shortest time between two snapshots of a changing database (2)",
    )
    parser.set_defaults(func=serve)


def serve(args: argparse.Namespace) -> int:
    from ..serve import serve as run_server

    n = args.server_workers
    workers = f", {n} processes" if n is not None and n > 1 else ""
    print(
        f"eventwire serve: http://{args.host}:{args.port}/ (API docs at /docs{workers}); "
        "Ctrl-C stops",
        file=sys.stderr,
    )
    run_server(
        args.db,
        host=args.host,
        port=args.port,
        workers=args.server_workers,
        refresh_seconds=args.refresh,
    )
    return EXIT_OK
