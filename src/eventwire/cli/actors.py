"""`eventwire actors lookup`: how a name resolves on a date, and from which entry."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("actors", help="look names up in the actor dictionaries")
    inner = p.add_subparsers(dest="what", metavar="WHAT")
    inner.required = True
    look = inner.add_parser(
        "lookup",
        help="the code a name gets on a date and the dictionary entry it comes from",
        description="Matches NAME against the built-in dictionary and any user dictionaries "
        "(their entries take precedence) and prints the code on --date (default: today), "
        "the entry used (file and line, or entry name) and the other candidates.",
    )
    look.add_argument("name", metavar="NAME")
    look.add_argument("--date", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    look.add_argument("--dictionaries", type=Path, action="append", default=[], metavar="DIR")
    look.add_argument("--json", action="store_true", help="print the result as JSON")
    look.set_defaults(func=run_lookup)


def run_lookup(args: argparse.Namespace) -> int:
    from ..actors.dictionary import load_dictionary
    from ..actors.lookup import lookup_name

    day = args.date or date.today()
    dictionary = load_dictionary(tuple(args.dictionaries))
    found = lookup_name(args.name, dictionary, day=day)
    if args.json:
        print(json.dumps(asdict(found), default=str, indent=2))
        return 0 if found.code else 1
    print(f'"{found.text}" on {day.isoformat()}: {found.code or "no code"}')
    for c in found.candidates:
        mark = "*" if c.chosen else " "
        why = f"; {c.why}" if c.why else ""
        print(f"  {mark} {c.code or '-':<12} {c.kind:<12} {c.entry}  [{c.origin}{why}]")
    return 0 if found.code else 1
