"""JSON Lines records: ids, fields, and every way a line can be wrong."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest
from reader_helpers import ENGLISH, page

from eventwire.model import Article
from eventwire.readers import Skipped, read_inputs


def read(path):
    return list(read_inputs([path]))


def write_lines(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_record_fields_and_id(tmp_path):
    path = write_lines(
        tmp_path / "a.jsonl",
        json.dumps({"id": "wire-1", "text": ENGLISH, "url": "https://e.example/1",
                    "title": "T", "published": "2020-02-28T17:31:00Z", "source": "Wire"}),
        json.dumps({"text": ENGLISH + " More.", "published": "Fri, 28 Feb 2020 17:31:00 GMT"}),
        json.dumps({"id": 42, "text": ENGLISH + " Again."}),
    )  # fmt: skip
    first, second, third = read(path)
    assert (first.id, first.url, first.title, first.source) == (
        "wire-1", "https://e.example/1", "T", "Wire",
    )  # fmt: skip
    assert first.published == date(2020, 2, 28) == second.published
    assert second.id == Article.from_text(ENGLISH + " More.").id  # content hash
    assert third.id == "42"


def test_html_field_is_extracted(tmp_path):
    path = write_lines(
        tmp_path / "h.jsonl", json.dumps({"html": page(), "url": "https://x.example/a"})
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.url == "https://x.example/a" and article.title == "Troops enter Saraqeb"
    assert article.published == date(2020, 2, 27)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": 5}', "field 'text' must be a string, not int"),
        ('{"text": "x", "id": [1]}', "field 'id' must be a string, not list"),
        ('{"text": "x", "published": 2020}', "field 'published' must be a string, not int"),
        ('{"text": "x", "published": "yesterday"}', "field 'published' is not a date"),
        ('{"url": "https://e.example"}', "record has neither 'text' nor 'html'"),
        ("[1, 2]", "expected a JSON object, got list"),
        ("not json", "invalid JSON"),
        ('{"text": ""}', "empty document"),
    ],
)
def test_bad_records_are_skipped_and_the_rest_read(tmp_path, line, reason):
    good = json.dumps({"text": ENGLISH})
    path = write_lines(tmp_path / "bad.jsonl", good, line, "", good.replace("Thursday", "Friday"))
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Article", "Skipped", "Article"]
    skipped = results[1]
    assert (skipped.source, skipped.record) == (str(path), 2)
    assert reason in skipped.reason
    assert results[2].id != results[0].id


def test_truncated_last_line(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text(json.dumps({"text": ENGLISH}) + '\n{"text": "Police arr', encoding="utf-8")
    article, skipped = read(path)
    assert isinstance(article, Article)
    assert isinstance(skipped, Skipped) and skipped.record == 2 and "invalid JSON" in skipped.reason


def test_invalid_utf8_line(tmp_path):
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(b'{"text": "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"}\n')
    (skipped,) = read(path)
    assert isinstance(skipped, Skipped) and "not UTF-8" in skipped.reason


def test_gzipped_and_truncated_gzip(tmp_path):
    lines = "".join(json.dumps({"text": f"{ENGLISH} Story {i}."}) + "\n" for i in range(50))
    data = gzip.compress(lines.encode())
    (tmp_path / "ok.jsonl.gz").write_bytes(data)
    assert len(read(tmp_path / "ok.jsonl.gz")) == 50
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    results = read(tmp_path / "cut.jsonl.gz")
    assert isinstance(results[-1], Skipped)
    assert "truncated or corrupt input" in results[-1].reason
    assert all(isinstance(r, Article) for r in results[:-1])
