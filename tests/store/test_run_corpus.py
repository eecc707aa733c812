"""Corpus runs with a stand-in coder: idempotent reruns, failures, Ctrl-C and SIGKILL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

from eventwire.errors import EventwireError
from eventwire.store import RunInterrupted, Store, run_corpus

CODER = '''
from eventwire.model import Event, event_id_for


def fake_coder(articles, n_process=1, dictionaries=(), fail_on=(), stop_at=None, kill_at=None):
    """One or two events per article, derived from its id; no spaCy."""
    import os, signal
    for i, article in enumerate(articles):
        if i == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        if i == stop_at:
            raise KeyboardInterrupt
        if any(word in article.text for word in fail_on):
            raise ValueError("cannot code " + article.text.split()[2])
        n = 1 + int(article.id, 16) % 2
        yield article, [
            Event(
                event_id=event_id_for(article.id, k, "190"),
                article_id=article.id,
                sentence_index=k,
                sentence=article.text,
                trigger="attacked",
                trigger_start=k,
                trigger_end=k + 8,
                cameo_code="190",
            )
            for k in range(n)
        ]
'''
namespace: dict = {}
exec(CODER, namespace)
fake_coder = namespace["fake_coder"]

N_ARTICLES = 30


def write_corpus(folder, n=N_ARTICLES):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"story-{i:03d}.txt").write_text(
            f"Story number {i}: government forces attacked the rebels in the town of Saraqeb on "
            f"Monday and the rebels said that they would fight back against the army in {i} "
            "places, officials said.",
            encoding="utf-8",
        )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": 5}\n{"text": "cut', encoding="utf-8")
    return folder


def stored_events(db):
    with Store.open(db) as store:
        return sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())


def test_rerun_adds_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "run.duckdb"
    first = run_corpus([corpus], db=db, coder=fake_coder, batch_size=7)
    assert (first.processed, first.skipped, first.failed, first.already) == (N_ARTICLES, 3, 0, 0)
    assert first.status == "finished" and not first.nothing_processed
    events = stored_events(db)
    assert len(events) == first.events

    def no_coding(articles, **options):
        for _ in articles:
            raise AssertionError("a rerun must not code stored articles")
        yield from ()

    again = run_corpus([corpus], db=db, coder=no_coding)
    assert (again.processed, again.events, again.already) == (0, 0, N_ARTICLES)
    assert stored_events(db) == events
    with Store.open(db) as store:
        counts = store.counts()
        runs = store.con.execute("SELECT status, processed, already FROM runs").fetchall()
    assert counts["articles"] == N_ARTICLES and counts["skipped"] == 3
    assert runs == [("finished", N_ARTICLES, 0), ("finished", 0, N_ARTICLES)]


def test_progress_reports_counts_bytes_and_problems(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=5)
    seen = []
    summary = run_corpus([corpus], db=tmp_path / "p.duckdb", coder=fake_coder, progress=seen.append)
    last = seen[-1]
    assert last.processed == summary.processed == 5
    assert last.bytes_read == last.bytes_total > 0
    problems = [str(p.skipped) for state in seen for p in state.problems]
    assert len(problems) == 3
    assert any("broken.jsonl record 2: invalid JSON" in p for p in problems)
    assert any("empty.txt: empty document" in p for p in problems)


def test_duplicate_articles_in_one_run_are_coded_once(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=3)
    summary = run_corpus([corpus, corpus / "story-001.txt", tmp_path / "corpus" / "*.txt"],
                         db=tmp_path / "d.duckdb", coder=fake_coder)  # fmt: skip
    assert summary.processed == 3


def test_a_failing_article_is_recorded_and_the_run_goes_on(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=10)
    db = tmp_path / "f.duckdb"

    def coder(articles, **options):
        return fake_coder(articles, fail_on=("number 4:", "number 7:"), **options)

    summary = run_corpus([corpus], db=db, coder=coder, batch_size=3)
    assert (summary.processed, summary.failed) == (8, 2)
    with Store.open(db) as store:
        failed = store.con.execute(
            "SELECT source_file, reason FROM skipped WHERE kind = 'failed' ORDER BY source_file"
        ).fetchall()
    assert [f[0].rsplit("/", 1)[1] for f in failed] == ["story-004.txt", "story-007.txt"]
    assert failed[0][1] == "coding failed: ValueError: cannot code 4:"
    rerun = run_corpus([corpus], db=db, coder=fake_coder)  # failed ones are retried
    assert (rerun.processed, rerun.already, rerun.failed) == (2, 8, 0)


def test_a_coder_failing_on_everything_stops_the_run(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=25)

    def broken(articles, **options):
        for _ in articles:
            raise RuntimeError("model is broken")
        yield from ()

    with pytest.raises(EventwireError, match="E207"):
        run_corpus([corpus], db=tmp_path / "b.duckdb", coder=broken)


def test_a_coder_must_keep_input_order(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=4)

    def shuffled(articles, **options):
        pairs = list(fake_coder(articles, **options))
        yield from reversed(pairs)

    with pytest.raises(EventwireError, match="E206"):
        run_corpus([corpus], db=tmp_path / "o.duckdb", coder=shuffled)


def test_ctrl_c_commits_what_was_coded_and_a_rerun_finishes(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "c.duckdb"

    def interrupted(articles, **options):
        return fake_coder(articles, stop_at=12, **options)

    with pytest.raises(RunInterrupted) as stop:
        run_corpus([corpus], db=db, coder=interrupted, batch_size=5)
    assert stop.value.summary.status == "interrupted"
    assert stop.value.summary.processed == 12
    with Store.open(db) as store:
        assert store.counts()["articles"] == 12  # the partial batch was committed too
        assert store.con.execute("SELECT status FROM runs").fetchone() == ("interrupted",)
    rest = run_corpus([corpus], db=db, coder=fake_coder)
    assert (rest.processed, rest.already) == (N_ARTICLES - 12, 12)
    reference = tmp_path / "reference.duckdb"
    run_corpus([corpus], db=reference, coder=fake_coder)
    assert stored_events(db) == stored_events(reference)


SCRIPT = CODER + textwrap.dedent(
    """
    import sys
    from eventwire.store import Store, run_corpus

    corpus, db, kill_at, kill_in_commit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    kill_at = int(kill_at) if kill_at != "none" else None
    if kill_in_commit != "none":
        import eventwire.store.db as store_db

        real_insert = store_db.insert_rows
        batches = []

        def dying_insert(con, table, rows, columns, **kw):
            real_insert(con, table, rows, columns, **kw)
            if table == "articles":
                batches.append(len(rows))
                if len(batches) == int(kill_in_commit):
                    import os, signal
                    os.kill(os.getpid(), signal.SIGKILL)  # articles inserted, not committed

        store_db.insert_rows = dying_insert

    def coder(articles, **options):
        return fake_coder(articles, kill_at=kill_at, **options)

    s = run_corpus([corpus], db=db, coder=coder, batch_size=4, commit_seconds=1e9)
    print(s.processed, s.already)
    """
)


def run_script(tmp_path, corpus, db, kill_at="none", kill_in_commit="none"):
    script = tmp_path / "run_script.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(corpus), str(db), str(kill_at), str(kill_in_commit)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("kill_at", "kill_in_commit", "committed"),
    [(13, "none", 12), ("none", 3, 8)],  # mid-batch; inside the third batch's transaction
    ids=["sigkill-while-coding", "sigkill-inside-a-transaction"],
)
def test_sigkill_then_rerun_equals_an_uninterrupted_run(
    tmp_path, kill_at, kill_in_commit, committed
):
    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "killed.duckdb"
    killed = run_script(tmp_path, corpus, db, kill_at, kill_in_commit)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with Store.open(db) as store:
        counts = store.counts()
        n_events = store.con.execute("SELECT sum(n_events) FROM articles").fetchone()[0]
    assert counts["articles"] == committed  # whole batches only
    assert counts["events"] == n_events  # never an article without its events
    resumed = run_script(tmp_path, corpus, db)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.split() == [str(N_ARTICLES - committed), str(committed)]
    reference = tmp_path / "reference.duckdb"
    run_corpus([corpus], db=reference, coder=fake_coder)
    assert stored_events(db) == stored_events(reference)
    again = run_corpus([corpus], db=db, coder=fake_coder)
    assert (again.processed, again.already) == (0, N_ARTICLES)
    assert stored_events(db) == stored_events(reference)
