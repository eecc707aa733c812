"""`eventwire code`: code articles into events on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from ..model import Article, Event
from .types import iso_date


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "code",
        help="code articles into events (JSON Lines on stdout)",
        description="Code .txt/.html files, JSONL records {id, text, published?} or stdin (-).",
    )
    p.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="inputs ('-' = stdin)")
    p.add_argument("--published", type=iso_date, help="publication date for inputs without one")
    p.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl")
    p.add_argument(
        "--main-only", action="store_true", help="keep the most salient event per record"
    )
    p.add_argument("--dictionaries", type=Path, action="append", default=[], metavar="DIR")
    p.add_argument("--workers", type=int, default=1, help="processes coding articles (default 1)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..api import code_articles
    from ..coding.extract import main_event
    from ..readers import Skipped, read_inputs

    counts = {"articles": 0, "skipped": 0, "events": 0}

    def articles() -> Iterator[Article]:
        for item in read_inputs(args.paths):
            if isinstance(item, Skipped):
                counts["skipped"] += 1
                print(f"eventwire: skipped {item}", file=sys.stderr)
                continue
            counts["articles"] += 1
            if item.published is None and args.published is not None:
                item = replace(item, published=args.published)
            yield item

    events: list[Event] = []
    coded = code_articles(articles(), n_process=args.workers, dictionaries=args.dictionaries)
    for _, article_events in coded:
        if args.main_only:
            top = main_event(article_events)
            article_events = [top] if top else []
        counts["events"] += len(article_events)
        if args.format == "jsonl":
            for event in article_events:
                print(json.dumps(event.to_dict(), ensure_ascii=False))
        else:
            events.extend(article_events)
    if args.format == "json":
        json.dump([e.to_dict() for e in events], sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "table":
        write_table(events, sys.stdout)
    print(
        f"eventwire: {counts['articles']} articles, {counts['events']} events, "
        f"{counts['skipped']} skipped",
        file=sys.stderr,
    )
    if counts["articles"] == 0 and counts["skipped"] > 0:
        return 1
    return 0


def _actors(actors: list) -> str:
    return ", ".join(a.code or f'"{a.text}"' for a in actors) or "-"


def _flags(event: Event) -> str:
    names = ("negated", "hypothetical", "future", "historical")
    return ",".join(n for n in names if getattr(event, n)) or "-"


def _casualties(event: Event) -> str:
    parts = []
    if event.killed is not None:
        parts.append(f"{event.killed.best} killed")
    if event.injured is not None:
        parts.append(f"{event.injured.best} injured")
    return ", ".join(parts) or "-"


def write_table(events: list[Event], out: TextIO) -> None:
    """A fixed-width table for people; one row per event."""
    header = (
        "sent",
        "trigger",
        "cameo",
        "plover",
        "acled",
        "source",
        "target",
        "where",
        "date",
        "toll",
        "flags",
    )
    rows = [
        (
            str(e.sentence_index),
            e.trigger,
            e.cameo_code or "-",
            e.plover_type or "-",
            e.acled_sub_event_type or "-",
            _actors(e.source_actors),
            _actors(e.target_actors),
            e.location.name if e.location else "-",
            e.date or "-",
            _casualties(e),
            _flags(e),
        )
        for e in events
    ]
    widths = [min(28, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(header)]
    for row in (header, *rows):
        out.write(
            "  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        )
        out.write("\n")
