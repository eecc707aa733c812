"""Throughput of `eventwire spark` in local mode against the local runner, on the same input.

    python bench/spark_throughput.py --docs 200 [--workers 1 2] [--files 8] [--repeat 1]

Writes ``--docs`` generated articles (``bench/corpus.py``, ~400 words each) as JSON Lines split
into ``--files`` files, then for each core count W:

- **local**: ``eventwire.api.code_articles(read_inputs([folder]), n_process=W)``, reading
  included, after a warm-up that loads the spaCy pipeline and the coding stages;
- **spark**: ``eventwire.spark.run_spark`` on ``local[W]`` over the same folder to Parquet
  (incident merging off: the local runner does not merge either), after a warm-up job that
  starts the Python workers and loads the pipeline in each. Session start-up is not timed.

Wall-clock rates suffer from anything else running on the machine, so each run also counts the
CPU seconds that this process and all its descendants (the JVM, Spark's Python workers, spaCy's
worker processes) spent, from /proc: the CPU overhead is nearly immune to other load, the
wall-clock one is not.

Prints a table, then, as the last line, one JSON object: articles per second of each run, the
Spark speed-up from 1 to 2 cores and the overhead of Spark against the local runner at the same
core count (``spark seconds / local seconds - 1``, wall clock and CPU), with the load average
seen around the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

WARMUP_DOCS = 8


def write_corpus(folder: Path, n: int, *, files: int, seed: int, words: int) -> int:
    """The generated articles as JSON Lines, round-robin over ``files`` files; total words."""
    folder.mkdir(parents=True)
    handles = [open(folder / f"part-{i:03d}.jsonl", "w", encoding="utf-8") for i in range(files)]
    total = 0
    try:
        for i, article in enumerate(generate(n, seed=seed, words=words)):
            row = {
                "id": article.id,
                "title": article.title,
                "published": article.published.isoformat(),
                "source": article.source,
                "text": article.text,
            }
            handles[i % files].write(json.dumps(row, ensure_ascii=False) + "\n")
            total += len(article.text.split())
    finally:
        for handle in handles:
            handle.close()
    return total


def load() -> float:
    return os.getloadavg()[0]


def tree_cpu_seconds(root: int | None = None) -> float:
    """CPU seconds (user + system) of a process and all its live descendants, plus those of the
    descendants that ended and were waited for. Linux only (0.0 elsewhere)."""
    root = os.getpid() if root is None else root
    proc = Path("/proc")
    if not proc.is_dir():
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        times[pid] = sum(int(v) for v in fields[11:15]) / tick  # utime stime cutime cstime
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(children.get(pid, ()))
    return total


Run = tuple[float, float, int, int]  # wall seconds, CPU seconds, articles, events


def best_of(repeat: int, run: Callable[[], tuple[int, int]]) -> Run:
    """The fastest of ``repeat`` runs (wall clock), with the CPU seconds it took."""
    best: Run | None = None
    for _ in range(repeat):
        cpu = tree_cpu_seconds()
        start = time.perf_counter()
        articles, events = run()
        seconds = time.perf_counter() - start
        cpu = tree_cpu_seconds() - cpu
        if best is None or seconds < best[0]:
            best = (seconds, cpu, articles, events)
    assert best is not None
    return best


def local_run(folder: Path, workers: int, repeat: int) -> Run:
    from eventwire.api import code_articles, default_stages
    from eventwire.model import Article
    from eventwire.nlp import load_nlp
    from eventwire.readers import read_inputs

    load_nlp()
    stages = default_stages()
    warm = [a for a in read_inputs([folder]) if isinstance(a, Article)][:WARMUP_DOCS]
    for _ in code_articles(warm, stages=stages):
        pass

    def run() -> tuple[int, int]:
        articles = (a for a in read_inputs([folder]) if isinstance(a, Article))
        n = events = 0
        for _, found in code_articles(articles, n_process=workers):
            n += 1
            events += len(found)
        return n, events

    return best_of(repeat, run)


def spark_run(folder: Path, warmup: Path, workers: int, repeat: int) -> Run:
    from eventwire.spark import run_spark, spark_session

    spark = spark_session(
        master=f"local[{workers}]",
        app_name="eventwire-bench",
        conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"},
    )
    spark.sparkContext.setLogLevel("ERROR")
    scratch = Path(tempfile.mkdtemp(prefix="eventwire-spark-bench-"))
    try:
        # start the Python workers and load spaCy and the stages in each, as the local warm-up
        run_spark(
            spark, [str(warmup)], output=str(scratch / "warm"), partitions=workers, incidents=False
        )

        def run() -> tuple[int, int]:
            out = scratch / "out"
            shutil.rmtree(out, ignore_errors=True)
            summary = run_spark(spark, [str(folder)], output=str(out), incidents=False)
            return summary.articles, summary.events

        return best_of(repeat, run)
    finally:
        spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="core counts")
    parser.add_argument("--files", type=int, default=8, help="JSON Lines files (default 8)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; best counts")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--words", type=int, default=400)
    args = parser.parse_args(argv)
    if min(args.docs, args.files, args.repeat, *args.workers) < 1:
        parser.error("--docs, --files, --repeat and --workers must be at least 1")
    warnings.filterwarnings("ignore", message=".*pandas.*", category=FutureWarning)

    root = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    try:
        words = write_corpus(
            root / "corpus", args.docs, files=args.files, seed=args.seed, words=args.words
        )
        write_corpus(root / "warmup", WARMUP_DOCS, files=1, seed=args.seed + 1, words=args.words)
        rows: list[tuple[str, int, float, float, int, int, float, float]] = []
        for workers in args.workers:
            for kind in ("local", "spark"):
                before = load()
                if kind == "local":
                    seconds, cpu, n, events = local_run(root / "corpus", workers, args.repeat)
                else:
                    seconds, cpu, n, events = spark_run(
                        root / "corpus", root / "warmup", workers, args.repeat
                    )
                rows.append((kind, workers, seconds, cpu, n, events, before, load()))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    secs = {(kind, w): s for kind, w, s, *_ in rows}
    cpus = {(kind, w): c for kind, w, _, c, *_ in rows}
    rate = {(kind, w): n / s for kind, w, s, _, n, *_ in rows}
    events_of = {(kind, w): e for kind, w, _, _, _, e, *_ in rows}
    print(
        f"articles: {args.docs} generated (seed {args.seed}, ~{args.words} words), "
        f"{words} words in {args.files} JSON Lines files; cpus: {os.cpu_count()}"
    )
    header = (
        f"{'run':<34} {'seconds':>8} {'articles/s':>11} {'CPU s':>7} {'CPU ms/article':>14}"
        f" {'events':>7} {'load before/after':>18}"
    )
    print(header)
    print("-" * len(header))
    for kind, w, s, c, n, events, before, after in rows:
        name = f"local code_articles (n_process={w})" if kind == "local" else f"spark local[{w}]"
        print(
            f"{name:<34} {s:>8.2f} {n / s:>11.2f} {c:>7.1f} {1000 * c / n:>14.0f}"
            f" {events:>7} {before:>8.2f} / {after:<7.2f}"
        )
    result: dict[str, Any] = {"docs": args.docs, "cpus": os.cpu_count()}
    for kind, w in rate:
        result[f"{kind}_{w}_articles_per_s"] = round(rate[kind, w], 3)
    for w in args.workers:
        overhead = secs["spark", w] / secs["local", w] - 1
        cpu_overhead = cpus["spark", w] / cpus["local", w] - 1
        result[f"overhead_{w}"] = round(overhead, 3)
        result[f"cpu_overhead_{w}"] = round(cpu_overhead, 3)
        print(f"spark overhead at {w} core(s): {overhead:+.1%} wall clock, {cpu_overhead:+.1%} CPU")
        if events_of["local", w] != events_of["spark", w]:
            print(
                f"WARNING: the local runner at n_process={w} found {events_of['local', w]} "
                f"events, Spark {events_of['spark', w]}: not the same work, so the overhead at "
                f"{w} core(s) is not comparable"
            )
            result[f"overhead_{w}_comparable"] = False
    if 1 in args.workers and 2 in args.workers:
        result["spark_speedup_1_to_2"] = round(rate["spark", 2] / rate["spark", 1], 3)
        result["local_speedup_1_to_2"] = round(rate["local", 2] / rate["local", 1], 3)
        print(
            f"spark speed-up 1 -> 2 cores: {result['spark_speedup_1_to_2']:.2f}x "
            f"(local runner: {result['local_speedup_1_to_2']:.2f}x)"
        )
    result["load_avg_max"] = round(max(max(r[6], r[7]) for r in rows), 2)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
