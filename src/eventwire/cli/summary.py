"""`eventwire summary`: what a database holds, for people."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("summary", help="what a database holds: counts, types, places")
    p.add_argument("--db", type=Path, default=Path("eventwire.duckdb"), metavar="PATH")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.summary import summarize

    s = summarize(args.db)
    c = s.counts
    print(f"{args.db}: {c['articles']} articles, {c['events']} events, {c['skipped']} skipped")
    print("events by type (reported as real: not negated, hypothetical, future or background):")
    for name, n in s.by_type:
        print(f"  {name:12} {n:6}")
    print("events by country of location:")
    for name, n in s.by_country:
        print(f"  {name:12} {n:6}")
    print(
        f"reported killed (sum of best figures, before merging repeated reports): {s.killed_total}"
    )
    print("deadliest reports:")
    for day, place, killed, sentence in s.deadliest:
        text = sentence if len(sentence) <= 90 else sentence[:89] + "…"
        print(f"  {day:10}  {place[:18]:18} {killed:5}  {text}")
    return 0
