"""`eventwire eval`: score the coder against gold files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("eval", help="score against gold files")
    inner = p.add_subparsers(dest="what", metavar="WHAT")
    inner.required = True
    ev = inner.add_parser(
        "events",
        help="event types, actors, dates, casualties",
        description="Formats: quad-class labels, CAMEO events with actor codes, actor spans, "
        "ACLED sub-event labels, dates/casualties gold (detected from the file).",
    )
    ev.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--split", help="only records with this 'split' value (e.g. test)")
    ev.add_argument("--dictionaries", type=Path, action="append", default=[], metavar="DIR")
    ev.add_argument("--workers", type=int, default=1)
    ev.set_defaults(func=run_events)


def run_events(args: argparse.Namespace) -> int:
    from ..evaluate import evaluate_events

    scores = evaluate_events(
        args.gold, dictionaries=args.dictionaries, split=args.split, n_process=args.workers
    )
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2))
        return 0
    print(f"{args.gold.name}: {scores.records} records ({scores.kind})")
    for name, value in scores.metrics.items():
        print(f"  {name:28} {value:.3f}")
    for name, value in scores.counts.items():
        print(f"  {name:28} {value}")
    if scores.by_category:
        print("  by category:")
        for name, values in scores.by_category.items():
            cells = "  ".join(f"{k} {v}" for k, v in values.items())
            print(f"    {name:26} {cells}")
    if scores.confusions:
        print("  main confusions (gold -> predicted):")
        for gold, predicted, n in scores.confusions:
            print(f"    {gold:>12} -> {predicted:<12} {n}")
    return 0
