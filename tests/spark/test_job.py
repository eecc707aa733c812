"""The Spark job in local mode: same events as the local pipeline, counters, problems, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import fake_stages
import pyarrow.parquet as pq
import pytest
from spark_helpers import REPO, SAMPLES, read_events

from eventwire.api import code_articles
from eventwire.model import Article
from eventwire.readers import read_inputs
from eventwire.spark import SparkJobError, run_spark
from eventwire.spark.schema import event_day
from eventwire.store.schema import arrow_schema, event_columns

# pyspark 4.x warns that it does not support pandas 3 yet; eventwire does not use that path.
PANDAS_WARNING = "ignore:PySpark does not yet fully support pandas:FutureWarning"
GOOD = "Rebels attacked an army post near Gao on Monday, killing four soldiers, officials said."


def local_events(inputs: list[str], **options) -> dict[str, dict]:
    """Events of the local pipeline over the same inputs (first of duplicate ids), with the
    day each partitions under."""
    seen: set[str] = set()
    articles = []
    for item in read_inputs(inputs):
        if isinstance(item, Article) and item.id not in seen:
            seen.add(item.id)
            if fake_stages.FAIL_MARK not in item.text:
                articles.append(item)
    out = {}
    for article, events in code_articles(articles, **options):
        for event in events:
            day = event_day(event, article)
            out[event.event_id] = {**event.to_dict(), "event_date": day and day.isoformat()}
    return out


def assert_same_events(spark_events: dict[str, dict], local: dict[str, dict]) -> None:
    assert sorted(spark_events) == sorted(local)
    for event_id, expected in local.items():
        assert spark_events[event_id] == expected, event_id


def assert_incidents_merge_blocks_like_the_library(out: Path, events: dict[str, dict]) -> None:
    """The Spark stage gives the incidents ``merge_incidents`` gives block by block."""
    from eventwire.incidents import ArticleMeta, merge_incidents
    from eventwire.model import Event
    from eventwire.spark.incidents import block_of, incidents_module

    module = incidents_module()
    articles = {a["id"]: a for a in pq.read_table(out / "articles").to_pylist()}
    blocks: dict[tuple, list[Event]] = {}
    for data in events.values():
        event = Event.from_dict(data)
        blocks.setdefault(block_of(module, data), []).append(event)
    expected = {}
    for block in blocks.values():
        metas = {
            e.article_id: ArticleMeta(
                e.article_id,
                **{k: articles[e.article_id][k] for k in ("source", "published", "url", "title")},
            )
            for e in block
        }
        for incident in merge_incidents(block, articles=metas):
            expected[incident.incident_id] = sorted(m.event_id for m in incident.members)
    written = pq.read_table(out / "incidents").to_pylist()
    got = {i["incident_id"]: sorted(m["event_id"] for m in i["members"]) for i in written}
    assert got == expected
    assert sum(len(ids) for ids in got.values()) == len(events)


@pytest.mark.spark
@pytest.mark.model
@pytest.mark.filterwarnings(PANDAS_WARNING)
def test_same_events_as_the_local_pipeline_and_every_record_counted(spark, tmp_path: Path) -> None:
    """The samples plus records that are duplicated, broken, missing or fail to code."""
    lines = (SAMPLES / "jsonl" / "articles.jsonl").read_text().splitlines(keepends=True)[:4]
    (tmp_path / "again.jsonl").write_text("".join(lines))  # 4 duplicates of sample articles
    (tmp_path / "extra.jsonl").write_text(
        json.dumps({"id": "good-1", "text": GOOD, "published": "2024-03-04"})
        + "\n{not json\n"
        + json.dumps({"id": "bad-1", "text": f"Troops moved north. {fake_stages.FAIL_MARK}"})
        + "\n"
    )
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "more.paths").write_text("again.jsonl\nextra.jsonl\nbroken.warc.gz\n")
    inputs = [str(SAMPLES), str(tmp_path / "more.paths"), str(tmp_path / "gone.txt")]
    out = tmp_path / "out"

    summary = run_spark(
        spark,
        inputs,
        output=str(out),
        partitions=2,  # one per Python worker: the stages are built once in each
        stages=fake_stages.default_stages_failing_on_mark,
    )

    problems = {
        (p["kind"], Path(p["source_file"]).name): p
        for p in pq.read_table(out / "problems").to_pylist()
    }
    assert set(problems) == {
        ("skipped", "sample-072-es-colombia-emboscada.txt"),
        ("skipped", "sample-073-fr-mali-attaque-camp.txt"),
        ("skipped", "extra.jsonl"),
        ("skipped", "broken.warc.gz"),
        ("skipped", "gone.txt"),
        ("failed", "extra.jsonl"),
    }
    assert "fails on purpose" in problems["failed", "extra.jsonl"]["reason"]
    assert problems["skipped", "extra.jsonl"]["record"] == 2
    assert (summary.records, summary.articles, summary.skipped) == (73 + 4 + 3 + 1 + 1, 72, 5)
    assert (summary.duplicates, summary.failed) == (4, 1)

    local = local_events([str(SAMPLES), str(tmp_path / "extra.jsonl")])
    assert summary.events == len(local) > 500
    events = read_events(out)
    assert_same_events(events, local)
    # partitioned by the month of the event's day (else of its article's publication day)
    months = {p.name.removeprefix("event_month=") for p in (out / "events").iterdir() if p.is_dir()}
    assert months == {
        e["event_date"][:7] if e["event_date"] else "__HIVE_DEFAULT_PARTITION__"
        for e in local.values()
    }
    # the same columns, in the same order and of the same types, as the store's events table
    table = pq.read_table(next((out / "events").glob("event_month=*/*.parquet")))
    table = table.drop_columns(["event_date"])  # the day, next to the store's columns
    assert table.cast(arrow_schema(event_columns())).schema.names == table.schema.names
    articles = pq.read_table(out / "articles").to_pylist()
    assert len(articles) == 72 and sum(a["n_events"] for a in articles) == len(local)
    assert summary.incidents == "written"
    assert_incidents_merge_blocks_like_the_library(out, events)

    with pytest.raises(SparkJobError, match="E307"):
        run_spark(spark, inputs, output=str(out))


@pytest.mark.spark
@pytest.mark.model
@pytest.mark.filterwarnings(PANDAS_WARNING)
def test_cli_prints_the_counters_and_keeps_a_session_it_did_not_start(
    spark, tmp_path: Path, monkeypatch, capsys
) -> None:
    from eventwire.cli import main

    monkeypatch.chdir(REPO)
    article = "samples/articles/sample-001-idlib-shelling-turkish-soldiers.txt"
    out = tmp_path / "out"
    assert main(["spark", article, "--output", str(out), "--partitions", "1"]) == 0
    printed = capsys.readouterr().out
    assert "read       1 records from 1 inputs" in printed
    assert "coded      1 articles" in printed
    assert "skipped    0 records" in printed
    assert "failed     0 articles" in printed
    assert spark.sparkContext._jsc is not None  # still usable
    assert_same_events(read_events(out), local_events([article]))
    assert main(["spark", article, "--output", str(out)]) == 1  # E307: output exists
    assert "E307" in capsys.readouterr().err


@pytest.mark.parametrize(
    "entry", [["-m", "eventwire.spark"], [str(REPO / "src/eventwire/spark/submit.py")]]
)
def test_entry_points_for_python_m_and_spark_submit(entry: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, *entry, "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "usage: eventwire spark" in done.stdout
