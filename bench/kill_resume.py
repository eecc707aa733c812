"""Crash safety of `eventwire run`: SIGKILL a run at random points, resume, compare.

    python bench/kill_resume.py [--kills 20] [--articles 40] [--coder real|fake] [--seed 1]

1. writes a small corpus of short generated articles (plus an empty file and a broken JSONL
   record, which must be skipped every time) into a temporary folder;
2. runs it once without interruption into ``reference.duckdb`` and times that run;
3. starts the same run on ``killed.duckdb`` and sends SIGKILL after a random delay in
   [0, 1.1 x the reference time]; a run that finishes first ends a trial, which must then hold
   exactly the reference events and articles, and the next trial starts on a fresh database;
4. repeats until ``--kills`` runs were killed, then resumes to the end and compares again.

``--coder real`` runs the ``eventwire run`` command (the spaCy pipeline; slow to start).
``--coder fake`` runs ``eventwire.store.run_corpus`` in a subprocess with a stand-in coder
(``--delay`` seconds per article, one or two events each, no spaCy), so many kills land while
articles are coded and batches committed. Both use ``--batch-size`` (default 4) to commit often.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.store import Store

PLACES = ["Saraqeb", "Idlib", "Aleppo", "Mosul", "Donetsk", "Kandahar", "Gao", "Goma"]
ACTORS = ["Government forces", "Turkish troops", "Rebels", "Police", "Militants", "The army"]
VERBS = ["attacked", "shelled", "clashed with", "arrested", "threatened", "protested against"]

FAKE_RUN = """
import sys, time
from eventwire.model import Event, event_id_for
from eventwire.store import run_corpus

corpus, db, batch, delay = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

def coder(articles, n_process=1, dictionaries=()):
    for article in articles:
        time.sleep(delay)
        n = 1 + int(article.id, 16) % 2
        yield article, [
            Event(event_id=event_id_for(article.id, k, "190"), article_id=article.id,
                  sentence_index=k, sentence=article.text, trigger="attacked",
                  trigger_start=k, trigger_end=k + 8, cameo_code="190")
            for k in range(n)
        ]

s = run_corpus([corpus], db=db, coder=coder, batch_size=batch, commit_seconds=1e9)
print(s.processed, s.already)
"""


def write_corpus(folder: Path, n: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        actor, verb, place = rng.choice(ACTORS), rng.choice(VERBS), rng.choice(PLACES)
        target = rng.choice([a for a in ACTORS if a != actor]).lower()
        (folder / f"story-{i:03d}.txt").write_text(
            f"{actor} {verb} {target} in {place} on Monday, killing {i + 2} people, "
            f"officials said on Tuesday. Story {i}.",
            encoding="utf-8",
        )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": 5}\n{"text": "cut', encoding="utf-8")


def command(coder: str, corpus: Path, db: Path, batch: int, delay: float) -> list[str]:
    if coder == "real":
        exe = Path(sys.executable).with_name("eventwire")
        return [str(exe), "run", str(corpus), "--db", str(db), "--batch-size", str(batch)]
    return [sys.executable, "-c", FAKE_RUN, str(corpus), str(db), str(batch), str(delay)]


def contents(db: Path) -> tuple[list[str], list[str]]:
    """The stored events (as sorted JSON) and article ids of a database."""
    with Store.open(db) as store:
        events = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())
        ids = sorted(r[0] for r in store.con.execute("SELECT id FROM articles").fetchall())
    return events, ids


def run_once(cmd: list[str], kill_after: float | None) -> tuple[bool, float]:
    """Run ``cmd``; SIGKILL it after ``kill_after`` seconds. True when it was killed."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True, time.perf_counter() - started
    finally:
        if proc.stderr is not None:
            err = proc.stderr.read().decode(errors="replace")
            proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"run failed with exit code {proc.returncode}:\n{err}")
    return False, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--coder", choices=["real", "fake"], default="real")
    parser.add_argument("--delay", type=float, default=0.05, help="fake coder s/article")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="eventwire-kill-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        write_corpus(corpus, args.articles, rng)
        reference_db = root / "reference.duckdb"
        _, reference_seconds = run_once(
            command(args.coder, corpus, reference_db, args.batch_size, args.delay), None
        )
        reference = contents(reference_db)
        print(
            f"reference run: {len(reference[1])} articles, {len(reference[0])} events, "
            f"{reference_seconds:.1f} s"
        )
        kills = trials = runs = mismatches = 0
        partial: list[int] = []  # articles stored right after each kill
        db = root / "killed-0.duckdb"
        while kills < args.kills:
            delay = rng.uniform(0, 1.1 * reference_seconds)
            killed, _ = run_once(
                command(args.coder, corpus, db, args.batch_size, args.delay), delay
            )
            runs += 1
            if killed:
                kills += 1
                events, ids = contents(db) if db.exists() else ([], [])
                partial.append(len(ids))
                print(f"kill {kills:2d} after {delay:5.1f} s: {len(ids)} articles stored")
                continue
            trials += 1
            same = contents(db) == reference
            mismatches += not same
            print(f"trial {trials} finished: {'same as' if same else 'DIFFERENT from'} reference")
            db = root / f"killed-{trials}.duckdb"
        run_once(command(args.coder, corpus, db, args.batch_size, args.delay), None)
        runs += 1
        trials += 1
        final = contents(db)
        same = final == reference
        mismatches += not same
        print(f"trial {trials} finished: {'same as' if same else 'DIFFERENT from'} reference")
        result = {
            "coder": args.coder,
            "articles": args.articles,
            "reference_events": len(reference[0]),
            "reference_articles": len(reference[1]),
            "kills": kills,
            "runs": runs,
            "trials": trials,
            "mismatches": mismatches,
            "stored_after_kill_min": min(partial, default=0),
            "stored_after_kill_max": max(partial, default=0),
            "final_events": len(final[0]),
            "ok": mismatches == 0,
        }
        print(json.dumps(result))
        sys.exit(0 if mismatches == 0 else 1)


if __name__ == "__main__":
    main()
