"""Throughput and memory of eventwire against bare spaCy, in one process.

    python bench/throughput.py --docs 200 [--workers W] [--input articles.jsonl]
                               [--dictionaries DIR ...]

Measures (a) the baseline: ``nlp.pipe`` over the full article texts with the pipeline that
``eventwire.nlp.load_nlp()`` returns, single process, batch size 64; and (b) eventwire coding
end to end: ``eventwire.api.code_articles(articles, n_process=W)``. Both run after a warm-up.
With ``--dictionaries`` (c) codes the same articles again with those dictionaries loaded (for
example the PETRARCH/Phoenix files) and reports their load time and the added coding time;
``--repeat N`` codes N times with the dictionaries, each run beside a built-in one (their order
alternating), and reports the median of the N added times, in wall and in CPU time (this
process and its parser processes): on a shared machine one pair of runs can be off by ±10 %.
Prints a table, then, as the last line, one JSON object with the headline numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from eventwire.model import Article  # noqa: E402

BASELINE_BATCH = 64
WARMUP_DOCS = 8


def peak_rss_mb() -> float:
    """Peak resident set size of this process plus its largest finished child, in MB."""
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return (own + children) / 1e6


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
    """CPU time of this process and its finished children (the parser processes)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed_cpu(run: Callable[[], int]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and the count of ``run``."""
    start = cpu_seconds()
    wall, count = timed(run)
    return wall, cpu_seconds() - start, count


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
    for _ in code_articles(articles[:WARMUP_DOCS], **{**options, "n_process": 1}):
        pass
    warmup = time.perf_counter() - load_start
    rss_warm = peak_rss_mb()

    def baseline() -> int:
        n = 0
        for _ in nlp.pipe(texts, batch_size=BASELINE_BATCH):
            n += 1
        return n

    def coded(opts: dict[str, Any] = options) -> int:
        events = 0
        stream: Iterator[tuple[Article, list[Any]]] = code_articles(articles, **opts)
        for _, found in stream:
            events += len(found)
        return events

    base_s, base_n = timed(baseline)
    rss_base = peak_rss_mb()
    code_s, code_cpu, events = timed_cpu(coded)
    rss_code = peak_rss_mb()
    assert base_n == len(articles)
    with_dicts: dict[str, Any] = {}
    if args.dictionaries:
        from eventwire.dictionaries import load_dictionaries

        load_s, _ = timed(lambda: len(load_dictionaries(args.dictionaries).actors) or 1)
        dict_options = {**options, "dictionaries": args.dictionaries}
        for _ in code_articles(articles[:WARMUP_DOCS], **{**dict_options, "n_process": 1}):
            pass
        pairs = []  # (built-in wall, CPU; dictionaries wall, CPU)
        for n in range(args.repeat):
            builtin = (code_s, code_cpu) if n == 0 else None
            if builtin is None and n % 2 == 0:
                builtin = timed_cpu(coded)[:2]
            dict_s, dict_cpu, dict_events = timed_cpu(lambda: coded(dict_options))
            if builtin is None:
                builtin = timed_cpu(coded)[:2]
            pairs.append((*builtin, dict_s, dict_cpu))
        added = sorted(d / b - 1 for b, _, d, _ in pairs)
        added_cpu = sorted(d / b - 1 for _, b, _, d in pairs)
        dict_s = statistics.median(d for _, _, d, _ in pairs)
        with_dicts = {
            "dictionaries_load_s": round(load_s, 2),
            "dictionaries_articles_per_s": round(len(articles) / dict_s, 2),
            "dictionaries_added": round(statistics.median(added), 3),
            "dictionaries_added_cpu": round(statistics.median(added_cpu), 3),
            "dictionaries_added_runs": [round(a, 3) for a in added],
            "dictionaries_events": dict_events,
        }

    base_rate = len(articles) / base_s
    code_rate = len(articles) / code_s
    rows = [
        ("spaCy nlp.pipe (1 process, batch 64)", base_s, base_rate, words / base_s, "-", rss_base),
        (
            f"eventwire code_articles (n_process={args.workers})",
            code_s,
            code_rate,
            words / code_s,
            str(events),
            rss_code,
        ),
    ]
    print(f"articles: {len(articles)} from {origin}; {words} words, {words / len(texts):.0f}/doc")
    print(
        f"model: {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}, "
        f"pipes {', '.join(nlp.pipe_names)}"
    )
    print(
        f"sentences: {sentences}, of which {candidates} ({candidates / max(sentences, 1):.0%})"
        " hold a trigger word and get parsed by eventwire"
    )
    print(f"warm-up: {warmup:.1f} s, peak RSS after it {rss_warm:.0f} MB")
    if note:
        print(f"WARNING: {note}")
    header = f"{'run':<44} {'seconds':>8} {'articles/s':>11} {'words/s':>9}"
    header += f" {'events':>7} {'peak MB*':>9}"
    print(header)
    print("-" * len(header))
    for name, secs, rate, wps, ev, rss in rows:
        print(f"{name:<44} {secs:>8.2f} {rate:>11.1f} {wps:>9.0f} {ev:>7} {rss:>9.0f}")
    print(f"speed-up over bare spaCy: {code_rate / base_rate:.2f}x")
    print("* peak RSS so far (this process + its largest finished child), after each run")
    if with_dicts:
        print(
            f"with dictionaries {', '.join(map(str, args.dictionaries))}: loaded in "
            f"{with_dicts['dictionaries_load_s']:.2f} s, "
            f"{with_dicts['dictionaries_articles_per_s']:.1f} articles/s "
            f"({with_dicts['dictionaries_added']:+.1%} coding time, "
            f"{with_dicts['dictionaries_added_cpu']:+.1%} CPU time; median of {args.repeat}), "
            f"{with_dicts['dictionaries_events']} events"
        )
    result = {
        "articles_per_s": round(code_rate, 2),
        "baseline_articles_per_s": round(base_rate, 2),
        "peak_rss_mb": round(rss_code, 1),
        "docs": len(articles),
        "workers": args.workers,
        "events": events,
        **with_dicts,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
