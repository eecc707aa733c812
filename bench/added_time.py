"""Time that dictionaries add to coding, measured per article so that machine noise drops out.

    python bench/added_time.py --dictionaries DIR [--docs 40] [--rounds 8] [--input articles.jsonl]

Whole runs on a shared machine vary by ±15 % from one repetition to the next, more than the
effect to measure. Here two worker processes, one coding with the built-in dictionaries and
one with ``--dictionaries``, code each article back to back (which goes first alternating),
one article at a time (``eventwire.api.code_documents`` per article), ``--rounds`` times, so
that a slow spell of the machine falls on both alike. Noise only ever adds time, so each
article's fastest coding of all rounds is its cost; the added time is the sum of those
minima with the dictionaries over the sum without. Beside it, the median over rounds of a
round's time with the dictionaries over its time without, and each round's figure. Each
worker loads its stages and codes 10 articles before the rounds begin, so loading is not
timed. CPU time of each worker process, run with ``OMP_NUM_THREADS=1`` unless set (threads
of the numeric library only add noise here).

Articles: generated as by ``throughput.py`` (``--seed``, ``--words``) or the first ``--docs``
rows of a JSON Lines file (``--input``). Prints a table, then one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generated, load_jsonl  # noqa: E402

WARMUP_DOCS = 10


def _articles(args: argparse.Namespace) -> list[Any]:
    if args.input:
        return load_jsonl(args.input, args.docs)
    return generated(args.docs, seed=args.seed, words=args.words)


def worker(args: argparse.Namespace) -> None:
    """Load the stages, warm up, then code the article of each index read; print CPU times."""
    from eventwire.api import code_documents, default_stages

    articles = _articles(args)
    stages = default_stages(dictionaries=args.dictionaries)
    for _ in code_documents(articles[:WARMUP_DOCS], stages=stages):
        pass
    print("ready", flush=True)
    for line in sys.stdin:
        article = articles[int(line)]
        start = time.process_time()
        events = sum(len(d.events) for d in code_documents([article], stages=stages))
        print(json.dumps({"time": time.process_time() - start, "events": events}), flush=True)


def _start(args: argparse.Namespace, dictionaries: list[Path]) -> subprocess.Popen[str]:
    command = [sys.executable, __file__, "--worker", "--docs", str(args.docs)]
    command += ["--seed", str(args.seed), "--words", str(args.words)]
    if args.input:
        command += ["--input", str(args.input)]
    if dictionaries:
        command += ["--dictionaries", *map(str, dictionaries)]
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


def _ask(process: subprocess.Popen[str], index: int) -> dict[str, Any]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{index}\n")
    process.stdin.flush()
    line = process.stdout.readline()
    if not line:
        raise SystemExit("a worker ended early; run it alone (--worker) to see why")
    return json.loads(line)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictionaries", type=Path, nargs="+", default=[])
    parser.add_argument("--docs", type=int, default=40, help="number of articles (default 40)")
    parser.add_argument("--rounds", type=int, default=8, help="codings of each (default 8)")
    parser.add_argument("--input", type=Path, help="JSON Lines articles instead of generated ones")
    parser.add_argument("--seed", type=int, default=13, help="seed of the generated articles")
    parser.add_argument("--words", type=int, default=400, help="words per generated article")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return {}
    if not args.dictionaries:
        parser.error("--dictionaries DIR is required: the time they add is what is measured")
    workers = {"built-in": _start(args, []), "dictionaries": _start(args, args.dictionaries)}
    try:
        for name, process in workers.items():
            assert process.stdout is not None
            if process.stdout.readline().strip() != "ready":
                raise SystemExit(f"the {name} worker did not start; run it alone (--worker)")
        times: dict[str, list[list[float]]] = {name: [] for name in workers}
        events: dict[str, int] = dict.fromkeys(workers, 0)
        for n in range(args.rounds):
            for name in workers:
                times[name].append([])
            for i in range(args.docs):
                # the two code an article back to back, in turns first, so that a slower
                # spell of the machine falls on both
                order = list(workers) if (n + i) % 2 == 0 else list(reversed(workers))
                for name in order:
                    answer = _ask(workers[name], i)
                    times[name][-1].append(answer["time"])
                    if n == 0:
                        events[name] += answer["events"]
    finally:
        for process in workers.values():
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=60)
    fastest = {name: [min(t) for t in zip(*rounds, strict=True)] for name, rounds in times.items()}
    base, extra = sum(fastest["built-in"]), sum(fastest["dictionaries"])
    pairs = zip(times["built-in"], times["dictionaries"], strict=True)
    ratios = [sum(p) / sum(b) for b, p in pairs]
    result = {
        "docs": args.docs,
        "rounds": args.rounds,
        "builtin_s": round(base, 3),
        "dictionaries_s": round(extra, 3),
        "added": round(extra / base - 1, 4),
        "added_median_rounds": round(statistics.median(ratios) - 1, 4),
        "added_rounds": [round(r - 1, 4) for r in ratios],
        "events": events,
    }
    origin = str(args.input) if args.input else f"generated (seed {args.seed}, ~{args.words} words)"
    print(f"articles: {args.docs} from {origin}; {args.rounds} rounds, CPU s of each worker")
    print(f"{'':14} {'sum of fastest':>15} {'median round':>13} {'events':>7}")
    for name, total in (("built-in", base), ("dictionaries", extra)):
        median = statistics.median(sum(r) for r in times[name])
        print(f"{name:14} {total:15.3f} {median:13.3f} {events[name]:7d}")
    print(
        f"added coding time: {100 * result['added']:+.1f} % (sum of each article's fastest), "
        f"{100 * result['added_median_rounds']:+.1f} % (median rounds)"
    )
    print("rounds: " + " ".join(f"{100 * r:+.1f}" for r in result["added_rounds"]))
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
