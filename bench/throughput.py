"""Throughput and memory of eventwire against bare spaCy.

    python bench/throughput.py --docs 200 [--workers W] [--input articles.jsonl]
                               [--dictionaries DIR ...] [--repeat N]

Measures (a) the baseline: ``nlp.pipe`` over the full article texts with the pipeline that
``eventwire.nlp.load_nlp()`` returns, single process, batch size 64; and (b) eventwire coding
end to end. With ``--workers 1`` that is ``eventwire.api.code_articles(articles)`` in this
process; with W > 1 it is ``eventwire.pool.CodingPool(W).code(articles)`` through one
long-lived pool of W forked worker processes, each loading the parser and the coding stages
(what ``code_articles(n_process=W)`` does per call): the pool is started and warmed up once,
outside the timings, so the runs time coding, not start-up. With ``--dictionaries`` (c) codes
the same articles again with those dictionaries loaded (for example the PETRARCH/Phoenix files),
through a second pool started with them, and reports their load time in this process, that
pool's start-up time and the added coding time; ``--repeat N`` codes N times with the
dictionaries, each run beside a built-in one (their order alternating), and reports the median
of the N added times, in wall and in CPU time: on a shared machine one pair of runs can be off
by ±10 %.

CPU time of a run is that of this process, its finished children and its live descendants
(the pool workers, read from /proc), less that of the memory sampling. Peak memory is sampled
during the timed runs (RSS every 0.2 s, PSS every second): the summed RSS and PSS of this
process and the workers of the pool being timed (both pools stay alive to the end; the idle one
is left out; with ``--workers 1``, this process and any children). This process also holds the
baseline's spaCy pipeline and the articles. Linux only (/proc).
Prints a table, then, as the last line, one JSON object with the headline numbers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402
from proctree import PeakSampler, cpu_s, tree_cpu_s, tree_rss_mb  # noqa: E402

from eventwire.model import Article  # noqa: E402

if TYPE_CHECKING:
    from eventwire.pool import CodingPool

BASELINE_BATCH = 64
WARMUP_DOCS = 8
WARMUP_TRIES = 5
#: RSS is sampled every 0.2 s, PSS (about 15 ms of CPU per GB to read) every second.
PSS_INTERVAL_S = 1.0


def _parse_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def load_jsonl(path: Path, n: int) -> list[Article]:
    """The first ``n`` articles of a JSON Lines file (``text`` required; ``id``, ``url``,
    ``title``, ``published``, ``source`` optional), cycled when the file holds fewer."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not row.get("text"):
                raise SystemExit(f"{path}:{number}: each line needs a JSON object with 'text'")
            rows.append(row)
            if len(rows) == n:
                break
    if not rows:
        raise SystemExit(f"{path}: no articles")
    articles = []
    for i in range(n):
        row = rows[i % len(rows)]
        suffix = "" if i < len(rows) else f"#{i // len(rows)}"
        articles.append(
            Article.from_text(
                row["text"],
                id=(str(row["id"]) + suffix) if row.get("id") else None,
                url=row.get("url"),
                title=row.get("title"),
                published=_parse_date(row.get("published")),
                source=row.get("source"),
            )
        )
    return articles


def generated(n: int, *, seed: int, words: int) -> list[Article]:
    return [
        Article.from_text(a.text, id=a.id, title=a.title, published=a.published, source=a.source)
        for a in generate(n, seed=seed, words=words)
    ]


def prefilter_share(texts: list[str]) -> tuple[int, int]:
    """How many sentences the texts have, and how many of them eventwire would parse."""
    from eventwire.coding.lexicon import builtin_lexicon
    from eventwire.coding.prefilter import builtin_prefilter, statement_prefilter
    from eventwire.model import Article
    from eventwire.nlp import prepare, sentences_to_parse

    forms, statements = builtin_prefilter(), statement_prefilter(builtin_lexicon())
    total = kept = 0
    for text in texts:
        doc = prepare(Article.from_text(text))
        total += len(doc.sentences)
        kept += len(sentences_to_parse(doc, forms, statements))
    return total, kept


def timed(run: Callable[[], int]) -> tuple[float, int]:
    """Seconds taken by ``run`` and the count it returns."""
    start = time.perf_counter()
    count = run()
    return time.perf_counter() - start, count


def cpu_seconds() -> float:
    """CPU time of this process, its finished children and its live descendants (the pool
    workers, which ``RUSAGE_CHILDREN`` only counts once they have ended)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    live = tree_cpu_s(os.getpid())
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + live


@dataclass(frozen=True)
class Run:
    """One timed run: wall and CPU seconds, the count it returned, peak summed RSS and PSS."""

    wall_s: float
    cpu_s: float
    count: int
    peak_rss_mb: float
    peak_pss_mb: float


def measured(run: Callable[[], int], pids: Callable[[], Iterable[int]] | None = None) -> Run:
    """Time ``run``, sampling the memory of ``pids()`` (default: this process's tree)."""
    sampler = (
        PeakSampler(pids=pids, pss_interval=PSS_INTERVAL_S)
        if pids
        else PeakSampler(os.getpid(), pss_interval=PSS_INTERVAL_S)
    )
    with sampler:
        start = cpu_seconds()
        wall, count = timed(run)
        cpu = cpu_seconds() - start
    cpu -= sampler.thread_cpu_s  # the sampling is ours, not the coding's
    return Run(wall, cpu, count, sampler.peak_rss_mb, sampler.peak_pss_mb)


def start_pool(
    workers: int, dictionaries: list[Path], warmup: list[Article]
) -> tuple[CodingPool, float, float]:
    """A started ``CodingPool``, the seconds its workers took to load, and the seconds they
    then took to code ``warmup`` (split so that each worker codes some of it)."""
    from eventwire.pool import CodingPool

    started = time.perf_counter()
    pool = CodingPool(workers, dictionaries=dictionaries)
    try:
        pool.wait_ready()
        loaded = time.perf_counter() - started
        chunk_size, pool.chunk_size = pool.chunk_size, max(1, math.ceil(len(warmup) / workers))
        before = {pid: cpu_s(pid) for pid in pool.pids}
        warm_s, _ = timed(lambda: sum(1 for _ in pool.code(warmup)))

        def all_worked() -> bool:
            return all(cpu_s(pid) - before.get(pid, 0) >= 0.05 for pid in pool.pids)

        for _ in range(WARMUP_TRIES - 1):  # again until each worker has coded some of it
            if all_worked():
                break
            sum(1 for _ in pool.code(warmup))
        if not all_worked():
            print("WARNING: a pool worker may not have coded any warm-up article")
        pool.chunk_size = chunk_size
    except BaseException:
        pool.close()
        raise
    return pool, loaded, warm_s


def pool_pids(pool: CodingPool) -> Callable[[], list[int]]:
    """This process and the workers of ``pool`` (not those of another pool)."""
    return lambda: [os.getpid(), *pool.pids]


def coding_options(workers: int) -> tuple[dict[str, Any], str | None]:
    """Options for ``code_articles``; while the coding stages cannot be built (work in
    progress), fall back to parsing only, and say so."""
    from eventwire.api import default_stages

    try:
        default_stages()
    except Exception as e:  # noqa: BLE001 - any failure here means "measure parsing only"
        note = f"default coding stages unavailable ({type(e).__name__}: {e}); timing parse only"
        return {"n_process": workers, "stages": []}, note
    return {"n_process": workers}, None


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="n_process for eventwire"
    )
    parser.add_argument("--input", type=Path, help="JSON Lines articles instead of generated ones")
    parser.add_argument("--seed", type=int, default=13, help="seed of the generated articles")
    parser.add_argument("--words", type=int, default=400, help="words per generated article")
    parser.add_argument("--save", type=Path, help="also write the articles used as JSON Lines")
    parser.add_argument(
        "--dictionaries",
        type=Path,
        nargs="+",
        default=[],
        metavar="DIR",
        help="also code with these dictionaries loaded and report the added time",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="with --dictionaries: pairs of runs (built-in, dictionaries) to take the median of",
    )
    args = parser.parse_args(argv)
    if args.docs < 1 or args.workers < 1 or args.repeat < 1:
        parser.error("--docs, --workers and --repeat must be at least 1")

    from eventwire.api import code_articles
    from eventwire.nlp import load_nlp

    if args.input:
        articles = load_jsonl(args.input, args.docs)
        origin = str(args.input)
    else:
        articles = generated(args.docs, seed=args.seed, words=args.words)
        origin = f"generated (seed {args.seed}, ~{args.words} words)"
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for a in articles:
                row = {"id": a.id, "url": a.url, "title": a.title, "source": a.source}
                row["published"] = a.published.isoformat() if a.published else None
                fh.write(json.dumps({**row, "text": a.text}, ensure_ascii=False) + "\n")
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    sentences, candidates = prefilter_share(texts)

    # warm-up: load the model and every lazily built table, outside the timings
    load_start = time.perf_counter()
    nlp = load_nlp()
    for _ in nlp.pipe(texts[:WARMUP_DOCS], batch_size=BASELINE_BATCH):
        pass
    options, note = coding_options(args.workers)
    use_pools = args.workers > 1 and note is None
    if not use_pools:  # coding in this process (or, parse only, spaCy's n_process)
        for _ in code_articles(articles[:WARMUP_DOCS], **{**options, "n_process": 1}):
            pass
    warmup = time.perf_counter() - load_start
    rss_warm = tree_rss_mb(os.getpid())

    def baseline() -> int:
        n = 0
        for _ in nlp.pipe(texts, batch_size=BASELINE_BATCH):
            n += 1
        return n

    def events_of(stream: Iterator[tuple[Article, list[Any]]]) -> int:
        return sum(len(found) for _, found in stream)

    base = measured(baseline)
    assert base.count == len(articles)

    with ExitStack() as pools:
        if use_pools:
            pool, pool_load_s, pool_warm_s = start_pool(args.workers, [], articles[:WARMUP_DOCS])
            pools.enter_context(pool)

            def run_builtin() -> Run:
                return measured(lambda: events_of(pool.code(articles)), pool_pids(pool))
        else:

            def run_builtin() -> Run:
                return measured(lambda: events_of(code_articles(articles, **options)))

        builtin_runs = [run_builtin()]
        dict_runs: list[Run] = []
        with_dicts: dict[str, Any] = {}
        if args.dictionaries:
            from eventwire.dictionaries import load_dictionaries

            load_s, _ = timed(lambda: len(load_dictionaries(args.dictionaries).actors) or 1)
            dict_start_s: float | None = None
            if use_pools:
                dict_pool, dict_start_s, dict_warm_s = start_pool(
                    args.workers, args.dictionaries, articles[:WARMUP_DOCS]
                )
                pools.enter_context(dict_pool)

                def run_dicts() -> Run:
                    return measured(
                        lambda: events_of(dict_pool.code(articles)), pool_pids(dict_pool)
                    )
            else:
                dict_options = {**options, "dictionaries": args.dictionaries}
                for _ in code_articles(articles[:WARMUP_DOCS], **dict_options):
                    pass

                def run_dicts() -> Run:
                    return measured(lambda: events_of(code_articles(articles, **dict_options)))

            pairs: list[tuple[Run, Run]] = []  # (built-in, dictionaries)
            for n in range(args.repeat):
                builtin = builtin_runs[0] if n == 0 else None
                if builtin is None and n % 2 == 0:
                    builtin = run_builtin()
                    builtin_runs.append(builtin)
                dict_run = run_dicts()
                dict_runs.append(dict_run)
                if builtin is None:
                    builtin = run_builtin()
                    builtin_runs.append(builtin)
                pairs.append((builtin, dict_run))
            added = sorted(d.wall_s / b.wall_s - 1 for b, d in pairs)
            added_cpu = sorted(d.cpu_s / b.cpu_s - 1 for b, d in pairs)
            dict_s = statistics.median(d.wall_s for d in dict_runs)
            with_dicts = {
                "dictionaries_load_s": round(load_s, 2),
                "dictionaries_pool_start_s": None
                if dict_start_s is None
                else round(dict_start_s, 2),
                "dictionaries_articles_per_s": round(len(articles) / dict_s, 2),
                "dictionaries_added": round(statistics.median(added), 3),
                "dictionaries_added_cpu": round(statistics.median(added_cpu), 3),
                "dictionaries_added_runs": [round(a, 3) for a in added],
                "dictionaries_events": dict_runs[-1].count,
                "dictionaries_peak_rss_mb": round(max(r.peak_rss_mb for r in dict_runs), 1),
                "dictionaries_peak_pss_mb": round(max(r.peak_pss_mb for r in dict_runs), 1),
            }

    first = builtin_runs[0]
    events = first.count
    peak_rss = max(r.peak_rss_mb for r in builtin_runs)
    peak_pss = max(r.peak_pss_mb for r in builtin_runs)
    base_rate = len(articles) / base.wall_s
    code_rate = len(articles) / first.wall_s
    what = (
        f"CodingPool({args.workers}).code"
        if use_pools
        else f"code_articles(n_process={args.workers})"
    )
    rows = [
        ("spaCy nlp.pipe (1 process, batch 64)", base, "-", base.peak_rss_mb, base.peak_pss_mb),
        (f"eventwire {what}", first, str(events), peak_rss, peak_pss),
    ]
    if dict_runs:
        median_run = sorted(dict_runs, key=lambda r: r.wall_s)[(len(dict_runs) - 1) // 2]
        rss, pss = with_dicts["dictionaries_peak_rss_mb"], with_dicts["dictionaries_peak_pss_mb"]
        rows.append(
            ("  with dictionaries (median run)", median_run, str(median_run.count), rss, pss)
        )
    print(f"articles: {len(articles)} from {origin}; {words} words, {words / len(texts):.0f}/doc")
    print(
        f"model: {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}, "
        f"pipes {', '.join(nlp.pipe_names)}"
    )
    print(
        f"sentences: {sentences}, of which {candidates} ({candidates / max(sentences, 1):.0%})"
        " hold a trigger word and get parsed by eventwire"
    )
    print(f"warm-up in this process: {warmup:.1f} s, its RSS after it {rss_warm:.0f} MB")
    if use_pools:
        print(
            f"built-in pool ({args.workers} workers): loaded in {pool_load_s:.1f} s, "
            f"then {WARMUP_DOCS} warm-up articles in {pool_warm_s:.2f} s"
        )
    if dict_runs and use_pools:
        print(
            f"dictionaries pool ({args.workers} workers): loaded in {dict_start_s:.1f} s, "
            f"then {WARMUP_DOCS} warm-up articles in {dict_warm_s:.2f} s"
        )
    if note:
        print(f"WARNING: {note}")
    header = f"{'run':<44} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'CPU s':>7}"
    header += f" {'events':>7} {'RSS MB*':>8} {'PSS MB*':>8}"
    print(header)
    print("-" * len(header))
    for name, run, ev, rss, pss in rows:
        rate, wps = len(articles) / run.wall_s, words / run.wall_s
        print(
            f"{name:<44} {run.wall_s:>8.2f} {rate:>11.1f} {wps:>9.0f} {run.cpu_s:>7.1f}"
            f" {ev:>7} {rss:>8.0f} {pss:>8.0f}"
        )
    print(f"speed-up over bare spaCy: {code_rate / base_rate:.2f}x")
    print(
        "* peak summed RSS / PSS sampled during the runs (every 0.2 s / 1 s): this process"
        + (" and the workers of the pool timed" if use_pools else " and its children")
        + (f"; max over {len(builtin_runs)} built-in runs" if len(builtin_runs) > 1 else "")
    )
    if with_dicts:
        started = "" if dict_start_s is None else f", its pool started in {dict_start_s:.1f} s"
        print(
            f"with dictionaries {', '.join(map(str, args.dictionaries))}: loaded here in "
            f"{with_dicts['dictionaries_load_s']:.2f} s{started}, "
            f"{with_dicts['dictionaries_articles_per_s']:.1f} articles/s "
            f"({with_dicts['dictionaries_added']:+.1%} coding time, "
            f"{with_dicts['dictionaries_added_cpu']:+.1%} CPU time; median of {args.repeat}), "
            f"{with_dicts['dictionaries_events']} events"
        )
    result = {
        "articles_per_s": round(code_rate, 2),
        "baseline_articles_per_s": round(base_rate, 2),
        "peak_rss_mb": round(peak_rss, 1),
        "peak_pss_mb": round(peak_pss, 1),
        "docs": len(articles),
        "workers": args.workers,
        "events": events,
        **with_dicts,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
