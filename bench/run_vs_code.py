"""`eventwire run` against `eventwire code` on the same generated articles: time and memory.

    python bench/run_vs_code.py [--docs 10000] [--workers 2] [--seed 13] [--keep DIR]

1. writes ``--docs`` generated articles (``bench/corpus.py``, about 400 words each) to a JSON
   Lines file in a temporary folder (or ``--keep DIR``, which also keeps the database);
2. runs ``eventwire code FILE --workers W`` with its output thrown away, then
   ``eventwire run FILE --db NEW.duckdb --workers W``, each as a child process started from
   scratch (model loading included on both sides);
3. samples the summed resident memory of each command's whole process tree (the command and its
   coding workers) every 0.2 s from /proc (``bench/proctree.py``), and takes wall time and CPU
   time (user + system of the command and all its children). With W > 1 the workers are
   forked processes, each loading the parser and the coding stages and coding whole articles;
   the command's own process only reads, stores and merges. Pages the processes share (shared
   libraries, mostly) count once per process in that sum; the summed proportional set size
   (PSS, shared pages split between the processes sharing them) is reported beside it.

It prints a table and, as the last line, one JSON object with both rates, run's overhead over
code in wall and CPU time, and each side's peak tree RSS. Run it on an otherwise idle machine:
the figures are wall-clock rates. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402
from proctree import PeakSampler  # noqa: E402


@dataclass(frozen=True)
class Measured:
    wall_s: float
    cpu_s: float
    peak_tree_rss_mb: float
    peak_tree_pss_mb: float = 0.0


def measure(command: list[str]) -> Measured:
    """Run ``command`` to the end, sampling its process tree's memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        with PeakSampler(proc.pid) as sampler:
            _, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise SystemExit(f"{' '.join(command)} exited with {proc.returncode}: {tail}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, sampler.peak_rss_mb, sampler.peak_pss_mb)


def write_corpus(path: Path, n: int, seed: int) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for article in generate(n, seed=seed):
            record = {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "published": article.published.isoformat(),
                "source": article.source,
            }
            words += len(article.text.split())
            out.write(json.dumps(record) + "\n")
    return words


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", type=Path, help="folder for the corpus and database (kept)")
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="eventwire-run-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus, db = folder / "articles.jsonl", folder / "bench.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    words = write_corpus(corpus, args.docs, args.seed)
    print(f"{args.docs} articles, {words} words, {args.workers} workers -> {folder}", flush=True)

    cli = [sys.executable, "-m", "eventwire"]
    workers = ["--workers", str(args.workers)]
    code = measure([*cli, "code", str(corpus), *workers])
    print(f"code: {code.wall_s:.1f} s", flush=True)
    run = measure([*cli, "run", str(corpus), "--db", str(db), *workers])
    print(f"run:  {run.wall_s:.1f} s", flush=True)

    print(
        f"\n{'command':<10} {'wall s':>8} {'art/s':>7} {'CPU s':>8} {'peak tree RSS MB':>17} "
        f"{'peak tree PSS MB':>17}"
    )
    for name, m in (("code", code), ("run", run)):
        rate, rss, pss = args.docs / m.wall_s, m.peak_tree_rss_mb, m.peak_tree_pss_mb
        print(f"{name:<10} {m.wall_s:>8.1f} {rate:>7.2f} {m.cpu_s:>8.1f} {rss:>17.0f} {pss:>17.0f}")
    result: dict[str, object] = {
        "docs": args.docs,
        "workers": args.workers,
        "code_articles_per_s": round(args.docs / code.wall_s, 2),
        "run_articles_per_s": round(args.docs / run.wall_s, 2),
        "run_wall_overhead": round(run.wall_s / code.wall_s - 1, 3),
        "run_cpu_overhead": round(run.cpu_s / code.cpu_s - 1, 3),
        "code_peak_tree_rss_mb": round(code.peak_tree_rss_mb),
        "run_peak_tree_rss_mb": round(run.peak_tree_rss_mb),
        "code_peak_tree_pss_mb": round(code.peak_tree_pss_mb),
        "run_peak_tree_pss_mb": round(run.peak_tree_pss_mb),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
