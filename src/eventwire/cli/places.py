"""`eventwire places` (the places of texts) and `eventwire gazetteer` (build or inspect it)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError

FIELDS = ("article_id", "start", "end", "name", "geonameid", "lat", "lon", "country", "admin1")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "places",
        help="recognise and resolve the places of texts (one JSON line per place)",
        description="PATH: a .txt file, JSON Lines of {id, text, toponyms?: [{start, end}]} "
        "(given toponyms are resolved exactly as given), or - for stdin.",
    )
    p.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="inputs ('-' = stdin)")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    p.add_argument("--demonyms", action="store_true", help="also list country adjectives")
    p.set_defaults(func=run_places)

    g = subparsers.add_parser("gazetteer", help="build or describe the offline gazetteer")
    inner = g.add_subparsers(dest="action", metavar="ACTION")
    inner.required = True
    inner.add_parser("build", help="(re)build the cache file now").set_defaults(func=run_build)
    inner.add_parser("info", help="where the cache is and what it holds").set_defaults(
        func=run_info
    )
    imp = inner.add_parser(
        "import",
        help="take GeoNames' own points for countries and provinces from a dump you have",
        description="FILE: GeoNames allCountries.txt (or a country's XX.txt) and optionally "
        "admin1CodesASCII.txt; the gazetteer is rebuilt with their points and names.",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.set_defaults(func=run_import)


def _say(message: str) -> None:
    print(f"eventwire: {message}", file=sys.stderr)


def run_places(args: argparse.Namespace) -> int:
    from ..geo import default_gazetteer, places_in

    default_gazetteer(progress=_say)
    rows: list[dict[str, Any]] = []
    for record in _records(args.paths):
        spans = None
        if isinstance(record.get("toponyms"), list):
            spans = [(int(t["start"]), int(t["end"])) for t in record["toponyms"]]
        for place in places_in(record["text"], toponyms=spans, demonyms=args.demonyms):
            row = {"article_id": record["id"], **place.to_dict()}
            row = {k: row[k] for k in FIELDS} | {"precision": place.precision, "text": place.text}
            if place.nearby:  # a given span the gazetteer lacks, placed at its neighbour
                row["nearby"] = True
            if args.format == "jsonl":
                print(json.dumps(row, ensure_ascii=False))
            else:
                rows.append(row)
    if args.format == "table":
        _table(rows)
    return 0


def _records(paths: list[str]) -> Iterator[dict[str, Any]]:
    for path in paths:
        if path == "-":
            data, name = sys.stdin.read(), "stdin"
        else:
            try:
                data, name = Path(path).read_text(encoding="utf-8"), path
            except OSError as e:
                raise InputError(f"[E330] cannot read {path}: {e.strerror}") from e
        if path.endswith((".jsonl", ".ndjson")) or (path == "-" and data.lstrip()[:1] == "{"):
            for number, line in enumerate(data.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise InputError(
                        f"[E331] {name} line {number}: expected a JSON object with 'text' ({e})"
                    ) from e
                yield {**record, "id": record.get("id", f"{name}:{number}"), "text": text}
        else:
            yield {"id": Path(name).stem if path != "-" else "stdin", "text": data}


def _table(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        where = f"{r['lat']:.3f},{r['lon']:.3f}" if r["lat"] is not None else "-"
        name = (r["name"] or "-")[:28]
        print(
            f"{r['article_id'][:16]:16} {r['start']:>6}-{r['end']:<6} {r['text'][:28]:28} "
            f"{name:28} {r['country'] or '-':4} {r['precision'] or '-':8} {where}"
        )


def run_build(args: argparse.Namespace) -> int:
    import time

    from ..geo.gazetteer import Gazetteer

    started = time.perf_counter()
    gaz = Gazetteer.build(progress=_say)
    _say(f"{len(gaz)} entries in {time.perf_counter() - started:.1f} s")
    return 0


def run_info(args: argparse.Namespace) -> int:
    import time

    from ..geo.gazetteer import Gazetteer, cache_path

    path = cache_path()
    if not path.exists():
        print(f"no gazetteer yet; `eventwire gazetteer build` writes {path}")
        return 0
    started = time.perf_counter()
    gaz = Gazetteer.load()
    print(
        f"{path}: {len(gaz)} entries, {len(gaz.tables.index)} names, "
        f"loaded in {time.perf_counter() - started:.2f} s"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..geo.gazetteer import Gazetteer, cache_dir
    from ..geo.importer import import_geonames

    points, names = import_geonames(args.files, folder=cache_dir(), progress=_say)
    _say(f"imported {points} points and {names} names; rebuilding the gazetteer")
    Gazetteer.build(progress=_say)
    return 0
