"""Planning on the driver and reading work units give exactly the local reader's records."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from spark_helpers import REPO

from eventwire.readers import Corpus, Skipped
from eventwire.spark.plan import WorkUnit, is_remote, manifest_entries, plan_inputs
from eventwire.spark.worker import read_unit


@pytest.mark.parametrize(
    ("name", "remote"),
    [
        ("s3a://commoncrawl/crawl-data/x.warc.gz", True),
        ("https://data.example/x.warc.gz", True),
        ("file:///tmp/x.warc", False),
        ("samples/jsonl", False),
        ("C:/corpus/x.txt", False),
    ],
)
def test_is_remote(name: str, remote: bool) -> None:
    assert is_remote(name) is remote


def test_manifest_entries_resolve_relative_paths() -> None:
    lines = [
        "# CC-NEWS\n",
        "\n",
        "crawl-data/a.warc.gz\n",
        "/abs/b.warc\n",
        "https://x.example/c\n",
    ]
    assert manifest_entries("lists/warc.paths", lines) == [
        "lists/crawl-data/a.warc.gz",
        "/abs/b.warc",
        "https://x.example/c",
    ]
    assert manifest_entries("lists/warc.paths", lines, base_url="s3a://commoncrawl")[0] == (
        "s3a://commoncrawl/crawl-data/a.warc.gz"
    )


def test_plan_reads_the_same_records_as_the_local_corpus(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    units = plan_inputs(["samples", "samples/no-such-file.txt"])
    spark_records = [record for unit in units for record in read_unit(unit)]
    assert spark_records == list(Corpus(["samples", "samples/no-such-file.txt"]))
    # the feed's saved pages are the feed's entries, never standalone HTML units
    assert sum(u.path is None and u.name.endswith(".xml") for u in units) == 1


def test_manifests_expand_in_place(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "Police arrested ten protesters."}\n')
    with gzip.open(tmp_path / "inputs.paths.gz", "wt") as fh:
        fh.write("a.jsonl\nmissing.warc.gz\nhttps://data.example/crawl/c.warc.gz\n")
    (tmp_path / "more.lst").write_text(f"{tmp_path / 'a.jsonl'}\n")
    units = plan_inputs([str(tmp_path / "inputs.paths.gz")], manifests=[str(tmp_path / "more.lst")])
    assert [(u.name, u.path) for u in units] == [
        (str(tmp_path / "missing.warc.gz"), None),
        (str(tmp_path / "a.jsonl"), str(tmp_path / "a.jsonl")),
        ("https://data.example/crawl/c.warc.gz", "https://data.example/crawl/c.warc.gz"),
    ]
    assert isinstance(units[0].records[0][1], Skipped)


def test_an_unreadable_remote_input_is_one_skipped_record() -> None:
    unit = WorkUnit(0, "nosuchscheme://bucket/x.warc.gz", path="nosuchscheme://bucket/x.warc.gz")
    [(origin, item)] = list(read_unit(unit))
    assert isinstance(item, Skipped)
    assert item.source == unit.name and "nosuchscheme" in item.reason
