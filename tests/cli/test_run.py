"""`eventwire run`: usage errors, exit codes, reporting, and end-to-end runs with the model."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from eventwire.cli import main
from eventwire.cli.run import Reporter, plain_line
from eventwire.readers import Skipped
from eventwire.store import Problem, RunProgress, Store

EVENTWIRE = [sys.executable, "-m", "eventwire"]

STORIES = [
    "Syrian government artillery shelled a Turkish military position near the town of Saraqeb "
    "on Monday, killing 13 Turkish soldiers, the Turkish Defence Ministry said.",
    "Police fired tear gas at thousands of protesters in Tbilisi on Sunday and arrested 40 "
    "demonstrators, the interior ministry said.",
    "Gunmen abducted 27 students from a school in Kaduna state on Thursday, police said.",
    "Russian forces fired missiles at the city of Kharkiv overnight, killing four civilians and "
    "wounding 12 others, the regional governor said.",
    "Government troops recaptured the town of Kiwanja from M23 rebels after two days of heavy "
    "fighting, an army spokesman said on Friday.",
    "The president warned that the army would use force against anyone who violated the "
    "ceasefire, the presidency said in a statement.",
]


def broken_inputs(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "bad.jsonl").write_text('{"text": 5}\n{"text": "cut', encoding="utf-8")
    (folder / "es.txt").write_text(
        "Las fuerzas del gobierno entraron el jueves en la ciudad tras intensos combates con los "
        "rebeldes, según los medios estatales.",
        encoding="utf-8",
    )
    return [folder / "empty.txt", folder / "bad.jsonl", folder / "es.txt"]


def good_corpus(folder: Path, n: int = len(STORIES)) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        story = STORIES[i % len(STORIES)]
        (folder / f"story-{i:02d}.txt").write_text(f"{story} (Story {i}.)", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "argv",
    [["run"], ["run", "x", "--workers", "0"], ["run", "x", "--batch-size", "none"]],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "usage: eventwire run" in capsys.readouterr().err


def test_missing_dictionaries_folder_is_a_usage_error(tmp_path, capsys):
    code = main(["run", str(tmp_path), "--db", str(tmp_path / "d.duckdb"),
                 "--dictionaries", str(tmp_path / "nope")])  # fmt: skip
    assert code == 2
    assert "no such dictionaries folder" in capsys.readouterr().err


def test_nothing_processable_reports_every_input_and_exits_1(tmp_path, capsys):
    inputs = broken_inputs(tmp_path / "in") + [tmp_path / "missing.txt"]
    code = main(["run", *map(str, inputs), "--db", str(tmp_path / "x.duckdb")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "missing.txt: no such file or directory" in err
    assert "empty.txt: empty document" in err
    assert "bad.jsonl record 1: field 'text' must be a string, not int" in err
    assert "bad.jsonl record 2: invalid JSON" in err
    assert "es.txt: language 'es' is not English" in err
    assert "nothing could be processed" in err
    assert "Traceback" not in err
    assert "processed  0 articles" in out and "skipped    5 records" in out


def state(**changes) -> RunProgress:
    values = dict(processed=50, events=80, skipped=2, failed=1, already=10, committed=0,
                  bytes_read=500, bytes_total=1000, elapsed=10.0, records_read=126)  # fmt: skip
    values.update(changes)
    return RunProgress(**values)


def test_plain_progress_lines():
    line = plain_line(state())
    assert line.startswith("coded 50 articles (5.0/s), 80 events, 2 skipped, 1 failed")
    assert "25% done, ETA 00:00:30" in line  # half the bytes read, half the records done
    out = io.StringIO()
    reporter = Reporter(Console(file=out, force_terminal=False, width=200))
    with reporter:
        reporter(state(problems=(Problem(Skipped("a.txt", None, "empty document")),)))
        reporter(state(committed=20))  # the first commit is always shown
        reporter(state(committed=40))  # then only every PLAIN_INTERVAL seconds
    lines = out.getvalue().splitlines()
    assert lines[0] == "skipped: a.txt: empty document"
    assert len(lines) == 2 and lines[1].startswith("coded 50 articles")


def test_terminal_progress_bar():
    out = io.StringIO()
    with Reporter(Console(file=out, force_terminal=True, width=120)) as reporter:
        reporter(state())
        reporter(state(bytes_total=0))  # stdin: size unknown
    assert "coding" in out.getvalue()


def stored_events(db: Path) -> list[str]:
    with Store.open(db) as store:
        return sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())


@pytest.mark.model
def test_run_codes_a_corpus_and_rerun_adds_nothing(tmp_path, capsys):
    corpus = good_corpus(tmp_path / "corpus")
    broken_inputs(corpus)
    db = tmp_path / "out" / "eventwire.duckdb"  # the folder is created
    assert main(["run", str(corpus), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert f"processed  {len(STORIES)} articles" in out
    assert "skipped    4 records" in out and "failed     0 articles" in out
    assert "Traceback" not in err
    with Store.open(db) as store:
        first = store.counts()
    events = stored_events(db)
    assert first["articles"] == len(STORIES) and first["events"] == len(events)
    assert main(["run", str(corpus), "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "processed  0 articles" in out and f"already    {len(STORIES)} articles" in out
    with Store.open(db) as store:
        assert store.counts()["articles"] == first["articles"]
    assert stored_events(db) == events


@pytest.mark.model
def test_sigkill_mid_run_then_rerun_equals_an_uninterrupted_run(tmp_path, capsys):
    """The killed run codes in worker processes; the others in-process: same events."""
    corpus = good_corpus(tmp_path / "corpus", n=24)
    killed_db, reference_db = tmp_path / "killed.duckdb", tmp_path / "reference.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = subprocess.Popen(
        [*EVENTWIRE, "run", str(corpus), "--db", str(killed_db), "--batch-size", "2"]
        + ["--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    for line in run.stderr:  # the first progress line comes right after the first commit
        if line.startswith("coded "):
            run.send_signal(signal.SIGKILL)
            break
    run.wait(timeout=120)
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with Store.open(killed_db) as store:
        committed = store.counts()["articles"]
    assert 0 < committed < 24
    # The rerun and the reference run go in-process: only the killed run needs its own process.
    assert main(["run", str(corpus), "--db", str(killed_db)]) == 0
    assert f"already    {committed} articles" in capsys.readouterr().out
    assert main(["run", str(corpus), "--db", str(reference_db)]) == 0
    assert stored_events(killed_db) == stored_events(reference_db)
