"""Coding in worker processes: same events as in-process, failures blamed on their article,
a killed worker replaced, a startup error reported, no worker outliving its parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from eventwire.api import code_articles
from eventwire.errors import EventwireError
from eventwire.model import Article
from eventwire.pool import CodingPool, WorkerError

TEXTS = [
    "Rebels attacked a village near Goma on Monday, killing 12 people.",
    "Police arrested 40 protesters in Nairobi on Tuesday.",
    "The two presidents met in Geneva to discuss a ceasefire.",
    "Troops shelled the town overnight, wounding five civilians.",
    "The weather was mild.",
]


def articles(n: int = len(TEXTS)) -> list[Article]:
    texts = [f"{TEXTS[k % len(TEXTS)]} (report {k})" for k in range(n)]
    return [Article.from_text(t, published=date(2024, 3, 4)) for t in texts]


def dumped(coded) -> list[tuple[str, list[dict]]]:
    return [(a.id, [e.to_dict() for e in events]) for a, events in coded]


@pytest.fixture(scope="module")
def pool():
    with CodingPool(2, chunk_size=2) as p:
        yield p


def test_same_events_in_order_as_in_process(pool):
    batch = articles(11)
    assert dumped(pool.code(batch)) == dumped(code_articles(batch))


def test_a_failing_article_is_blamed_and_the_pool_goes_on(pool):
    good = articles(3)
    broken = Article(id="broken", text=None)  # type: ignore[arg-type]
    stream = pool.code([good[0], broken, good[1]])
    assert next(stream)[0].id == good[0].id
    with pytest.raises(WorkerError, match=r"\[E011\] coding article broken failed: TypeError"):
        next(stream)
    assert [a.id for a, _ in pool.code(good)] == [a.id for a in good]


def test_a_killed_worker_is_reported_and_replaced(pool):
    # long articles, so that each worker is in the middle of a chunk when the first is back
    # (a worker killed while idle loses nothing: the others code everything)
    long = [Article.from_text(" ".join([*TEXTS] * 30) + f" (story {k})") for k in range(24)]
    victim = pool._workers[0].pid
    stream = pool.code(long)
    next(stream)
    os.kill(victim, signal.SIGKILL)
    with pytest.raises(WorkerError, match=r"\[E012\] a coding worker process ended"):
        for _ in stream:
            pass
    assert victim not in [w.pid for w in pool._workers]
    assert len(dumped(pool.code(articles(4)))) == 4


def test_a_worker_startup_error_reaches_the_caller(tmp_path):
    missing = tmp_path / "no-such-dictionaries"
    with CodingPool(1, dictionaries=[missing]) as broken:
        with pytest.raises(EventwireError, match="no-such-dictionaries"):
            list(broken.code(articles(1)))


def test_workers_stop_when_their_parent_is_killed(tmp_path):
    script = (
        "from eventwire.pool import CodingPool\n"
        "pool = CodingPool(2)\n"
        "print(' '.join(str(w.pid) for w in pool._workers), flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2
    parent.kill()
    parent.wait(timeout=30)
    deadline = time.monotonic() + 60  # a worker notices between model loading and its first task
    while time.monotonic() < deadline and any(_running(p) for p in pids):
        time.sleep(0.2)
    assert not any(_running(p) for p in pids)


def test_a_script_without_a_main_guard_can_code_in_workers(tmp_path):
    """Workers are forked, not spawned: a spawned one would run the script again."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "from eventwire.api import code_articles\n"
        "from eventwire.model import Article\n"
        "texts = ['Rebels attacked a village near Goma.', 'Police arrested 40 protesters.']\n"
        "coded = code_articles([Article.from_text(t) for t in texts], n_process=2)\n"
        "print(sum(1 for _ in coded))\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["2"]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
