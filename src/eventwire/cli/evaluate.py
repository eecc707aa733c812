"""`eventwire eval`: score the coder against gold files."""

from __future__ import annotations

import argparse
import json
import sys
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
    pl = inner.add_parser(
        "places",
        help="places: accuracy within 161 km, error in km, AUC, country, recognition P/R",
        description="GOLD.jsonl: {id, text, toponyms: [{start, end, lat, lon}]} per line.",
    )
    pl.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    pl.add_argument("--json", action="store_true", help="print the scores as JSON")
    pl.add_argument("--gold-spans", action="store_true", help="resolve the gold spans only")
    pl.add_argument("--demonyms", action="store_true", help="count 'Turkish' etc. as toponyms")
    pl.set_defaults(func=run_places)
    inc = inner.add_parser(
        "incidents",
        help="incident merging: B-cubed precision/recall/F1 over articles",
        description="GOLD.jsonl: {id, source, published, title, text, incident} per line; "
        "articles with the same incident label report the same happening.",
    )
    inc.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    inc.add_argument("--json", action="store_true", help="print the scores as JSON")
    inc.add_argument("--workers", type=int, default=1)
    inc.set_defaults(func=run_incidents)


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


def run_places(args: argparse.Namespace) -> int:
    from ..geo.evaluate import evaluate_places, read_gold
    from ..geo.gazetteer import default_gazetteer

    default_gazetteer(progress=lambda m: print(f"eventwire: {m}", file=sys.stderr))
    scores = evaluate_places(
        read_gold(args.gold), gold_spans=args.gold_spans, demonyms=args.demonyms
    )
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2))
        return 0
    mode = "gold spans" if args.gold_spans else "end to end"
    print(f"{args.gold.name}: {scores.documents} documents, {scores.gold} toponyms ({mode})")
    for name, value in scores.to_dict().items():
        if isinstance(value, float):
            print(f"  {name:28} {value:.3f}")
        elif isinstance(value, int) and not isinstance(value, bool):
            print(f"  {name:28} {value}")
    return 0


def run_incidents(args: argparse.Namespace) -> int:
    from ..incidents.evaluate import evaluate_incidents

    scores = evaluate_incidents(args.gold, n_process=args.workers)
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2))
        return 0
    print(
        f"{args.gold.name}: {scores.articles} articles, {scores.gold_incidents} gold incidents, "
        f"{scores.predicted_incidents} predicted"
    )
    for name in ("precision", "recall", "f1"):
        print(f"  B-cubed {name:20} {getattr(scores, name):.3f}")
    print(f"  {'articles without events':28} {scores.without_events}")
    for label, clusters in scores.split.items():
        print(f"  split   {label}: {' | '.join(' '.join(c) for c in clusters)}")
    for cluster in scores.merged:
        print(f"  merged  {' '.join(cluster)}")
    return 0
