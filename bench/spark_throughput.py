"""Throughput of `eventwire spark` in local mode against the local runner, on the same input.

    python bench/spark_throughput.py --docs 200 [--workers 1 2] [--files 8] [--repeat 1]

Writes ``--docs`` generated articles (``bench/corpus.py``, ~400 words each) as JSON Lines split
into ``--files`` files, then for each core count W starts both sides and warms them up:

- **local**: ``eventwire.api.code_articles(read_inputs([folder]), n_process=W)``, reading
  included; start-up: importing eventwire, loading the spaCy pipeline and the coding stages,
  and coding ``WARMUP_DOCS`` articles;
- **spark**: ``eventwire.spark.run_spark`` on ``local[W]`` over the same folder to Parquet
  (incident merging off: the local runner does not merge either), with the session settings
  ``eventwire spark`` uses; start-up: importing eventwire.spark, the session (launching the
  JVM) and a job over ``WARMUP_DOCS`` other articles, which starts the Python workers and loads
  the pipeline in each;

then runs the two ``--repeat`` times each, interleaved (local, spark, spark, local, ...), so a
change in the machine's load hits both. Both start-ups are timed in a new interpreter at every
core count (``--repeat`` times, the fastest counts), so each is what a user's first run pays:
within one interpreter PySpark keeps its JVM after ``stop()``, and the second core count would
not pay the JVM's launch. The timed runs leave the start-up out on both sides; it is reported
in columns of its own (Spark's split into session and first job), and the overhead with it
counted is printed too, measured at ``--docs`` and projected to other job sizes from the
measured rates (``--project``). Use ``--docs 3000`` or more for the amortised figure of a
realistic job.

Wall-clock rates suffer from anything else running on the machine, so each run also counts the
CPU seconds (user + system) spent, from /proc: for Spark by this process and all its
descendants (the JVM, Spark's Python workers), for the local runner by this process and its
descendants less the idle JVM's (spaCy's worker processes included). The CPU overhead is nearly
immune to other load, the wall-clock one is not.

Prints a table, then, as the last line, one JSON object: articles per second of each side's
fastest run, the Spark speed-up from 1 to 2 cores and the overhead of Spark against the local
runner at the same core count (``spark seconds / local seconds - 1``, fastest runs, wall clock
and CPU), with the load average seen around the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
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


def tree_cpu_seconds(root: int | None = None, *, skip: frozenset[int] = frozenset()) -> float:
    """CPU seconds (user + system) of a process and all its live descendants, plus those of the
    descendants that ended and were waited for, leaving out the subtrees rooted at ``skip``.
    Linux only (0.0 elsewhere)."""
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
        if pid in skip:
            continue
        total += times.get(pid, 0.0)
        todo.extend(children.get(pid, ()))
    return total


Run = tuple[float, float, int, int]  # wall seconds, CPU seconds, articles, events


def timed(run: Callable[[], tuple[int, int]], *, skip: frozenset[int] = frozenset()) -> Run:
    cpu = tree_cpu_seconds(skip=skip)
    start = time.perf_counter()
    articles, events = run()
    seconds = time.perf_counter() - start
    return seconds, tree_cpu_seconds(skip=skip) - cpu, articles, events


@dataclass
class Side:
    """One side of the comparison at one core count: its start-up and its timed runs."""

    kind: str
    workers: int
    run: Callable[[], tuple[int, int]]
    startup: float  # seconds, in a new interpreter
    session: float | None = None  # Spark only: the part of ``startup`` until the session is up
    skip: frozenset[int] = frozenset()
    runs: list[Run] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    def measure(self) -> None:
        self.loads.append(load())
        self.runs.append(timed(self.run, skip=self.skip))
        self.loads.append(load())

    @property
    def best(self) -> Run:
        return min(self.runs)


LOCAL_STARTUP = """
import sys, time
started = time.perf_counter()
from eventwire.api import code_articles, default_stages
from eventwire.model import Article
from eventwire.nlp import load_nlp
from eventwire.readers import read_inputs
load_nlp()
warm = [a for a in read_inputs([sys.argv[1]]) if isinstance(a, Article)][:int(sys.argv[2])]
for _ in code_articles(warm, stages=default_stages()):
    pass
print(time.perf_counter() - started)
"""

SPARK_STARTUP = """
import sys, tempfile, time, warnings
started = time.perf_counter()
warnings.filterwarnings("ignore", message=".*pandas.*", category=FutureWarning)
from eventwire.spark import run_spark, spark_session
workers = int(sys.argv[3])
spark = spark_session(master=f"local[{workers}]", app_name="eventwire-bench-startup",
                      conf={"spark.ui.showConsoleProgress": "false"})
spark.sparkContext.setLogLevel("ERROR")
session = time.perf_counter() - started
out = tempfile.mkdtemp(dir=sys.argv[2]) + "/out"
run_spark(spark, [sys.argv[1]], output=out, partitions=workers, incidents=False)
print(session, time.perf_counter() - started)
spark.stop()
"""


def fresh_startup(script: str, *args: str, repeat: int) -> list[float]:
    """The figures a start-up script prints in a new interpreter, of its fastest of ``repeat``
    runs (by the last figure, the total)."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"start-up run failed:\n{done.stderr[-3000:]}")
        runs.append([float(v) for v in done.stdout.strip().splitlines()[-1].split()])
    return min(runs, key=lambda figures: figures[-1])


def local_side(folder: Path, workers: int, *, repeat: int) -> Side:
    """The local runner, warmed up here; its start-up is timed in a new interpreter (this one
    has spaCy loaded already from the previous core count)."""
    from eventwire.api import code_articles, default_stages
    from eventwire.model import Article
    from eventwire.nlp import load_nlp
    from eventwire.readers import read_inputs

    startup = fresh_startup(LOCAL_STARTUP, str(folder), str(WARMUP_DOCS), repeat=repeat)[-1]
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

    return Side("local", workers, run, startup)


def spark_side(
    spark: Any, folder: Path, warmup: Path, scratch: Path, workers: int, startup: list[float]
) -> Side:
    """The Spark side in this interpreter, warmed up (Python workers started, the pipeline
    loaded in each); ``startup`` is (session, total) from a new interpreter (``SPARK_STARTUP``)."""
    from eventwire.spark import run_spark

    run_spark(
        spark, [str(warmup)], output=str(scratch / "warm"), partitions=workers, incidents=False
    )

    def run() -> tuple[int, int]:
        out = scratch / "out"
        shutil.rmtree(out, ignore_errors=True)
        summary = run_spark(spark, [str(folder)], output=str(out), incidents=False)
        return summary.articles, summary.events

    return Side("spark", workers, run, startup=startup[-1], session=startup[0])


def jvm_pids() -> frozenset[int]:
    """The JVMs among this process's children (a local Spark session's driver)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == os.getpid() and "java" in stat:
            pids.add(int(entry.name))
    return frozenset(pids)


def compare(root: Path, workers: int, repeat: int) -> tuple[Side, Side]:
    """Both sides at ``workers`` cores: start-ups timed in new interpreters, then both started
    here, warmed up and run interleaved."""
    from eventwire.spark import spark_session

    scratch = Path(tempfile.mkdtemp(prefix="eventwire-spark-bench-"))
    (scratch / "startup").mkdir()
    spark = None
    try:
        startup = fresh_startup(
            SPARK_STARTUP,
            str(root / "warmup"),
            str(scratch / "startup"),
            str(workers),
            repeat=repeat,
        )
        spark = spark_session(
            master=f"local[{workers}]",
            app_name="eventwire-bench",
            conf={"spark.ui.showConsoleProgress": "false"},
        )
        spark.sparkContext.setLogLevel("ERROR")
        remote = spark_side(spark, root / "corpus", root / "warmup", scratch, workers, startup)
        local = local_side(root / "corpus", workers, repeat=repeat)
        local.skip = jvm_pids()  # the idle JVM's own threads are not the local runner's
        for i in range(repeat):
            for side in (local, remote) if i % 2 == 0 else (remote, local):
                side.measure()
        return local, remote
    finally:
        if spark is not None:
            spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="core counts")
    parser.add_argument("--files", type=int, default=8, help="JSON Lines files (default 8)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="interleaved runs per side; the fastest counts"
    )
    parser.add_argument(
        "--project",
        type=int,
        nargs="*",
        default=[1000, 3000, 10000],
        metavar="DOCS",
        help="job sizes to project the overhead with start-up counted to (default 1000 3000 "
        "10000), from the measured rates and start-ups",
    )
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
        sides: list[Side] = []
        for workers in args.workers:
            sides.extend(compare(root, workers, args.repeat))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    by = {(side.kind, side.workers): side for side in sides}
    secs = {key: side.best[0] for key, side in by.items()}
    cpus = {key: side.best[1] for key, side in by.items()}
    rate = {key: side.best[2] / side.best[0] for key, side in by.items()}
    print(
        f"articles: {args.docs} generated (seed {args.seed}, ~{args.words} words), "
        f"{words} words in {args.files} JSON Lines files; cpus: {os.cpu_count()}; "
        f"{args.repeat} interleaved run(s) per side, the fastest counts"
    )
    header = (
        f"{'run':<34} {'seconds':>8} {'articles/s':>11} {'CPU s':>7} {'CPU ms/article':>14}"
        f" {'events':>7} {'start-up s':>10} {'session s':>9} {'load min/max':>13}"
    )
    print(header)
    print("-" * len(header))
    for side in sides:
        w = side.workers
        name = (
            f"local code_articles (n_process={w})" if side.kind == "local" else f"spark local[{w}]"
        )
        for i, (s, c, n, events) in enumerate(side.runs):
            label = name if i == 0 else f"  run {i + 1}"
            print(
                f"{label:<34} {s:>8.2f} {n / s:>11.2f} {c:>7.1f} {1000 * c / n:>14.0f}"
                f" {events:>7} {f'{side.startup:.1f}' if i == 0 else '':>10}"
                f" {f'{side.session:.1f}' if i == 0 and side.session is not None else '':>9}"
                f" {min(side.loads):>6.2f}/{max(side.loads):<6.2f}"
            )
    result: dict[str, Any] = {"docs": args.docs, "cpus": os.cpu_count(), "repeat": args.repeat}
    for (kind, w), side in by.items():
        result[f"{kind}_{w}_articles_per_s"] = round(rate[kind, w], 3)
        result[f"{kind}_{w}_cpu_ms_per_article"] = round(1000 * cpus[kind, w] / side.best[2], 1)
        result[f"{kind}_{w}_startup_s"] = round(side.startup, 1)
        if side.session is not None:
            result[f"{kind}_{w}_session_s"] = round(side.session, 1)
    for w in args.workers:
        local, remote = by["local", w], by["spark", w]
        overhead = secs["spark", w] / secs["local", w] - 1
        cpu_overhead = cpus["spark", w] / cpus["local", w] - 1
        cold = (secs["spark", w] + remote.startup) / (secs["local", w] + local.startup) - 1
        result[f"overhead_{w}"] = round(overhead, 3)
        result[f"cpu_overhead_{w}"] = round(cpu_overhead, 3)
        result[f"overhead_{w}_with_startup"] = round(cold, 3)
        print(
            f"spark overhead at {w} core(s), once started: {overhead:+.1%} wall clock,"
            f" {cpu_overhead:+.1%} CPU; with start-up counted: {cold:+.1%} wall clock over"
            f" {args.docs} articles (start-up spark {remote.startup:.1f} s = session"
            f" {remote.session:.1f} s + first job {remote.startup - (remote.session or 0):.1f} s;"
            f" local {local.startup:.1f} s)"
        )
        projected = {}
        for docs in args.project:
            spark_s = remote.startup + docs / rate["spark", w]
            local_s = local.startup + docs / rate["local", w]
            projected[docs] = spark_s / local_s - 1
            result[f"overhead_{w}_with_startup_projected_{docs}"] = round(projected[docs], 3)
        if projected:
            print(
                "  projected from these rates and start-ups, with start-up counted: "
                + ", ".join(f"{v:+.1%} at {d} articles" for d, v in projected.items())
            )
        found = {events for side in (local, remote) for *_, events in side.runs}
        if len(found) > 1:
            print(
                f"WARNING: the runs at {w} core(s) found different numbers of events "
                f"({sorted(found)}): not the same work, so the overhead at {w} core(s) is not "
                "comparable"
            )
            result[f"overhead_{w}_comparable"] = False
    if 1 in args.workers and 2 in args.workers:
        result["spark_speedup_1_to_2"] = round(rate["spark", 2] / rate["spark", 1], 3)
        result["local_speedup_1_to_2"] = round(rate["local", 2] / rate["local", 1], 3)
        print(
            f"spark speed-up 1 -> 2 cores: {result['spark_speedup_1_to_2']:.2f}x "
            f"(local runner: {result['local_speedup_1_to_2']:.2f}x)"
        )
    result["load_avg_max"] = round(max(max(side.loads) for side in sides), 2)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
