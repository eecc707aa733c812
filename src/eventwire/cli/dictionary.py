"""`eventwire dictionary`: convert PETRARCH/TABARI dictionaries, check dictionary folders."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("dictionary", help="import and check user dictionaries")
    inner = p.add_subparsers(dest="what", metavar="WHAT")
    inner.required = True
    imp = inner.add_parser(
        "import",
        help="convert PETRARCH/TABARI dictionary files to eventwire YAML",
        description="Actor, agent, verb and discard files (detected from their content) each "
        "become a YAML file in the output folder; what cannot be translated is listed in the "
        "file's header and on stderr.",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--format", choices=("petrarch",), default="petrarch",
                     help="the input format (PETRARCH/TABARI)")  # fmt: skip
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    imp.set_defaults(func=run_import)
    chk = inner.add_parser(
        "check",
        help="read dictionary files or folders and report what they hold",
        description="Reads every dictionary file as `--dictionaries` would and prints each "
        "file's format and counts, the load time and the notes on what was skipped.",
    )
    chk.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    chk.add_argument("--notes", action="store_true", help="print every note, not a count")
    chk.set_defaults(func=run_check)


def run_import(args: argparse.Namespace) -> int:
    from ..dictionaries.convert import convert_petrarch

    for done in convert_petrarch(list(args.files), args.output):
        print(f"{done.source} -> {done.target} ({done.format}, {done.entries} entries)")
        for note in done.notes:
            print(f"eventwire: {note}", file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..dictionaries import load_dictionaries

    started = time.perf_counter()
    loaded = load_dictionaries(tuple(args.paths))
    elapsed = time.perf_counter() - started
    for f in loaded.files:
        counts = {
            "actors": len(f.actors), "people": len(f.people),
            "organisations": len(f.organisations), "institutions": len(f.institutions),
            "agents": len(f.agents),
            "triggers": len(f.lexicon.verbs) + len(f.lexicon.nouns) if f.lexicon else 0,
            "discards": len(f.discards.sentence) + len(f.discards.story),
        }  # fmt: skip
        held = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "nothing used"
        print(f"{f.path}: {f.format}: {held}" + (f"; {len(f.notes)} notes" if f.notes else ""))
        if args.notes:
            for note in f.notes:
                print(f"    {note}")
    print(f"loaded {len(loaded.files)} files in {elapsed:.2f} s")
    return 0
