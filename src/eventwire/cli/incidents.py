"""`eventwire incidents`: list the incidents of a database (reports of one happening merged),
or merge its events into incidents (``--update`` the pending ones, ``--rebuild`` all)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any

from ..store import DEFAULT_DB, Store
from . import EXIT_FAILED, EXIT_OK

FORMATS = ("table", "jsonl")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "incidents",
        help="list incidents (repeated reports of one event merged), or merge them",
        description=(
            "List the incidents of a database: events from several sentences and articles "
            "that report one happening, with how many mentions, articles and outlets report "
            "it and its combined tolls. `eventwire run` merges every 10,000 articles or ten "
            "minutes and at its end; --update merges events left pending (an interrupted "
            "run), --rebuild forgets all incidents and merges again."
        ),
    )
    parser.add_argument(
        "--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default {DEFAULT_DB})"
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--update", action="store_true", help="merge events in no incident yet")
    action.add_argument("--rebuild", action="store_true", help="merge every event again")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output (table)")
    parser.add_argument(
        "--min-articles", type=int, default=1, metavar="N", help="incidents reported by N+ articles"
    )
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50; 0: all)")
    parser.add_argument(
        "--members", action="store_true", help="with each incident's events (jsonl: a list)"
    )
    parser.set_defaults(func=incidents)


def incidents(args: argparse.Namespace) -> int:
    from ..incidents.db import has_incidents, rebuild_incidents, update_incidents

    if args.update or args.rebuild:
        merge = rebuild_incidents if args.rebuild else update_incidents
        with Store.open(args.db) as store:
            done = merge(store, progress=lambda u: _say(f"{u.articles} articles merged"))
        verb = "rebuilt" if args.rebuild else "updated"
        _say(
            f"{verb}: {done.events} events of {done.articles} articles; {done.created} new "
            f"incidents, {done.changed} grown"
        )
    with Store.open(args.db, read_only=True) as store:
        if not has_incidents(store.con):
            print(
                f"eventwire incidents: {args.db} has no incidents yet; merge its events with "
                f"`eventwire incidents --db {args.db} --rebuild`",
                file=sys.stderr,
            )
            return EXIT_FAILED
        show(store, args)
    return EXIT_OK


def show(store: Store, args: argparse.Namespace) -> None:
    from ..incidents.db import iter_incidents, members_of

    limit = args.limit or None
    rows = iter_incidents(store, min_articles=args.min_articles, limit=limit)
    if args.format == "jsonl":
        for row in rows:
            if args.members:
                row["members"] = members_of(store, row["incident_id"])
            print(json.dumps(row, ensure_ascii=False, default=_plain))
        return
    print(
        f"{'incident':16}  {'date':10}  {'type':10}  {'place':28}  {'killed':>11}  "
        f"{'articles':>8}  {'sources':>7}  {'mentions':>8}  {'conf':>4}"
    )
    for row in rows:
        print(_line(row))
        if args.members:
            for member in members_of(store, row["incident_id"]):
                text = " ".join((member.get("sentence") or "").split())
                print(f"    {member['confidence']:.2f}  {member.get('source') or '-'}: {text}")


def _line(row: dict[str, Any]) -> str:
    place = row.get("location") or {}
    where = ", ".join(p for p in (place.get("name"), place.get("country")) if p) or "-"
    killed = row.get("killed")
    if killed:
        low, best, high = killed.get("low"), killed.get("best"), killed.get("high")
        toll = f"{best}" if low == high == best else f"{best} ({low}-{high})"
    else:
        toll = "-"
    kind = row.get("plover_type") or row.get("family") or "-"
    return (
        f"{row['incident_id']:16}  {row.get('date') or '-':10}  {kind[:10]:10}  "
        f"{where[:28]:28}  {toll:>11}  {row['num_articles']:>8}  {row['num_sources']:>7}  "
        f"{row['num_mentions']:>8}  {row['confidence']:.2f}"
    )


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _say(message: str) -> None:
    print(f"eventwire incidents: {message}", file=sys.stderr)
