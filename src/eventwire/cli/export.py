"""`eventwire export`: write stored events as csv, jsonl, parquet, geojson, gdelt, acled or
plover, optionally filtered by date, country and PLOVER type."""

from __future__ import annotations

import argparse
import os
import re
import sys

from ..errors import EventwireError
from ..store import DEFAULT_DB, EXPORT_FORMATS, EventFilter, export_events
from . import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .types import iso_date


def iso3(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", text):
        raise argparse.ArgumentTypeError(f"not an ISO 3166 alpha-3 code: {text!r}")
    return text.upper()


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write stored events as csv, jsonl, parquet, geojson, gdelt, acled or plover",
        description="Write the events of a database in a format other tools load.",
    )
    parser.add_argument(
        "--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default {DEFAULT_DB})"
    )
    parser.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="events on/after DATE")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="events on/before DATE")
    parser.add_argument("--country", type=iso3, metavar="ISO3", help="event location country")
    parser.add_argument("--type", metavar="PLOVER_TYPE", help="PLOVER event type, e.g. ASSAULT")
    parser.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="output file (default: stdout)"
    )
    parser.set_defaults(func=export)


def export(args: argparse.Namespace) -> int:
    if args.output == "-" and args.format == "parquet" and sys.stdout.isatty():
        print("eventwire export: parquet is binary; give -o FILE", file=sys.stderr)
        return EXIT_USAGE
    flt = EventFilter(
        since=args.since, until=args.until, country=args.country, plover_type=args.type
    )
    try:
        n = export_events(args.format, args.output, db=args.db, filter=flt)
    except EventwireError:
        raise  # main() prints it
    except Exception as e:  # noqa: BLE001 - no traceback reaches the user
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        print(f"eventwire export: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_FAILED
    where = "stdout" if args.output == "-" else args.output
    print(f"eventwire export: wrote {n} events ({args.format}) to {where}", file=sys.stderr)
    return EXIT_OK
