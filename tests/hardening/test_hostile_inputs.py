"""Hostile inputs: every one gives a clear Skipped (naming the input) or an Article, never a
crash or a hang, and the rest of the batch still lands. Files are generated in tmp_path."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.readers import Corpus, Skipped, read_inputs, write_warc

GOOD = (
    "Government forces attacked rebels in the town of Saraqeb on Monday, officials said. "
    "The army said that the fighting went on for hours."
)
ARTICLE = "article"  # expected: an Article is read


def _random_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def _gzip_cut(data: bytes) -> bytes:
    packed = gzip.compress(data)
    return packed[: len(packed) // 2]


def _truncated_warc(tmp_path: Path) -> bytes:
    full = write_warc(
        tmp_path / "whole.warc.gz",
        [
            (f"https://example.org/{i}", f"<html><body><p>{GOOD} {i}</p></body></html>")
            for i in range(5)
        ],
    )
    data = full.read_bytes()
    full.unlink()
    return data[: len(data) * 2 // 3]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>t</title><description>&lol9;</description></item></channel></rss>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>t</title><description>&xxe;</description></item>
</channel></rss>
"""

# name -> (content maker, expected reason words or ARTICLE)
Maker = Callable[[Path], bytes]
CASES: dict[str, tuple[Maker, str]] = {
    "empty.txt": (lambda _: b"", "empty document"),
    "whitespace.txt": (lambda _: b"  \n\t\r\n   \n", "empty document"),
    "punctuation-only.txt": (lambda _: b"!!! ??? ... --- 123 456", "empty document"),
    "nul-only.txt": (lambda _: b"\x00" * 1000, "empty document"),
    "binary-garbage.txt": (lambda _: _random_bytes(50_000), "not UTF-8"),
    "binary-garbage-no-suffix": (lambda _: _random_bytes(50_000, seed=3), "not UTF-8"),
    "latin1.txt": (
        lambda _: ("Le général a été tué à Aléppo. " * 40).encode("latin-1"),
        "not UTF-8",
    ),
    "few-bad-bytes.txt": (lambda _: GOOD.encode() + b"\xff\xfe" + GOOD.encode(), ARTICLE),
    "utf16-bom.txt": (lambda _: GOOD.encode("utf-16"), ARTICLE),
    "nul-bytes.txt": (lambda _: GOOD.replace(" ", " \x00").encode(), ARTICLE),
    "not-english.txt": (
        lambda _: "Les forces gouvernementales ont attaqué les rebelles lundi. ".encode() * 5,
        "is not English",
    ),
    "ten-megabytes.txt": (lambda _: (GOOD + "\n").encode() * (10_500_000 // len(GOOD)), "MB limit"),
    "hundred-k-sentences.txt": (lambda _: b"The weather was mild. " * 100_000, ARTICLE),
    "deeply-nested.html": (
        lambda _: b"<html><body>" + b"<div>" * 100_000 + GOOD.encode() + b"</div>" * 100_000,
        "no main text",  # libxml2 stops at its depth limit
    ),
    "gigantic.html": (
        lambda _: b"<html><body>" + b"<p>" + b"x " * 10_500_000 + b"</p></body></html>",
        "larger than",
    ),
    "garbage.html": (lambda _: b"<" + _random_bytes(5000), "not UTF-8|no main text|not English"),
    "truncated.txt.gz": (lambda _: _gzip_cut(GOOD.encode() * 200), "cannot read"),
    "not-gzip.txt.gz": (lambda _: b"this is not gzip at all", "cannot read"),
    "truncated.warc.gz": (_truncated_warc, "truncated or corrupt"),
    "garbage.warc": (lambda _: b"WARC/1.0\r\n" + _random_bytes(5000), "corrupt WARC"),
    "billion-laughs.rss": (lambda _: BILLION_LAUGHS, "entit"),
    "external-entity.rss": (lambda _: XXE, "entit"),
    "cut-feed.rss": (
        lambda _: b'<?xml version="1.0"?><rss><channel><item><title>Cl',
        "feed|no text",
    ),
    "truncated.jsonl.gz": (
        lambda _: _gzip_cut(
            b"\n".join(json.dumps({"text": GOOD + str(i)}).encode() for i in range(300))
        ),
        "truncated or corrupt",
    ),
    "ten-megabyte-line.jsonl": (
        lambda _: json.dumps({"text": GOOD * (10_500_000 // len(GOOD))}).encode(),
        "MB limit",
    ),
    "deeply-nested.jsonl": (lambda _: b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "huge-numbers.txt": (
        lambda _: (
            b"10^400 people were killed and 999999999999999999999 soldiers were wounded "
            + b"on 31 February 99999 in the town of "
            + b"9" * 5000
            + b"."
        ),
        ARTICLE,
    ),
}


def _read(path: Path) -> list[Skipped | Article]:
    return list(read_inputs([path]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_skipped_with_a_reason_or_read(tmp_path, name):
    make, expected = CASES[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    results = _read(path)
    assert results, f"{name}: nothing came back"
    if expected == ARTICLE:
        assert any(isinstance(r, Article) for r in results), [str(r) for r in results]
        return
    skips = [r for r in results if isinstance(r, Skipped)]
    assert skips, f"{name}: expected a skip, got {results!r:.300}"
    for skipped in skips:
        assert name in str(skipped)  # the reason names the input
        assert "\n" not in skipped.reason and len(skipped.reason) <= 200
    reasons = " | ".join(s.reason for s in skips)
    assert any(word.lower() in reasons.lower() for word in expected.split("|")), reasons


def test_article_size_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "two-megabytes.txt"
    path.write_bytes((GOOD + "\n").encode() * (2_100_000 // len(GOOD)))
    assert isinstance(_read(path)[0], Article)
    monkeypatch.setenv("EVENTWIRE_MAX_ARTICLE_MB", "1")
    (skipped,) = _read(path)
    assert isinstance(skipped, Skipped)
    assert "over the 1 MB limit" in skipped.reason
    assert "EVENTWIRE_MAX_ARTICLE_MB" in skipped.reason
    monkeypatch.setenv("EVENTWIRE_MAX_ARTICLE_MB", "lots")
    (skipped,) = _read(path)
    assert "EVENTWIRE_MAX_ARTICLE_MB must be a positive number" in skipped.reason


JSONL_LINES = [
    json.dumps({"text": GOOD, "id": "good-1"}),
    '{"text": "cut in the mid',
    "not json at all",
    json.dumps({"text": 5}),
    json.dumps({"text": GOOD, "published": 20200101}),
    json.dumps({"text": GOOD, "published": "31 February 99999"}),
    json.dumps({"text": GOOD, "id": [1, 2]}),
    json.dumps({"text": GOOD, "id": True}),
    json.dumps({"title": {"nested": "object"}, "text": GOOD}),
    json.dumps([GOOD]),
    "null",
    "1e400",
    json.dumps({"html": 12}),
    json.dumps({"url": "x"}),
    "[" * 50_000 + "]" * 50_000,
    json.dumps({"text": GOOD + " Again.", "id": "good-2"}),
]


def test_broken_jsonl_lines_are_skipped_one_by_one(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    results = list(Corpus([path]))
    assert [o.record for o, _ in results] == list(range(1, len(JSONL_LINES) + 1))
    articles = [r.id for _, r in results if isinstance(r, Article)]
    assert articles == ["good-1", "good-2"]
    for origin, result in results[1:-1]:
        assert isinstance(result, Skipped), (origin, result)
        assert str(result).startswith(f"{path} record {origin.record}: ")


def test_the_rest_of_a_hostile_batch_lands(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, (make, _) in CASES.items():
        if "megabyte" not in name and "gigantic" not in name:  # big ones are covered above
            (folder / name).write_bytes(make(tmp_path))
    for i in range(5):
        (folder / f"good-{i}.txt").write_text(f"{GOOD} Story {i}.", encoding="utf-8")
    results = list(read_inputs([folder]))
    texts = [r.text for r in results if isinstance(r, Article)]
    for i in range(5):
        assert f"{GOOD} Story {i}." in texts


HOSTILE_TEXTS = {
    "huge-power.txt": "10^400 people were killed when militants attacked the town of Idlib.",
    "huge-digits.txt": "Rebels attacked the army, killing 999999999999999999999 soldiers.",
    "bad-date.txt": "Turkish troops shelled Saraqeb on 31 February 99999, killing 3 civilians.",
    "endless-digits.txt": "Police arrested "
    + "9" * 5000
    + " protesters in Ankara within "
    + "9" * 400
    + " hours.",
    "nul-and-controls.txt": "Troops\x00 attacked\u202e the\ufeff town\x07 of Gaza, killing 2.",
}


@pytest.mark.model
def test_hostile_texts_are_coded_in_a_run_and_the_batch_lands(tmp_path, nlp):
    from eventwire.casualties.numbers import MAX_NUMBER
    from eventwire.store import Store, run_corpus

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in HOSTILE_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name in ("empty.txt", "binary-garbage.txt", "deeply-nested.jsonl", "billion-laughs.rss"):
        (folder / name).write_bytes(CASES[name][0](tmp_path))
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "events.duckdb"
    summary = run_corpus([folder], db=db)
    assert (summary.processed, summary.failed, summary.skipped) == (len(HOSTILE_TEXTS) + 1, 0, 4)
    with Store.open(db) as store:
        events = list(store.events())
    assert events
    for event in events:
        for tally in (event.killed, event.injured):
            if tally is not None:
                assert 0 <= tally.best <= MAX_NUMBER
        assert event.arrested is None or 0 <= event.arrested <= MAX_NUMBER
        if event.date is not None:
            assert 1 <= event.date.year <= 9999


def test_a_paragraph_over_a_million_characters_is_split():
    from eventwire.nlp import split_sentences

    assert len(split_sentences("The weather was mild. " * 50_000)) == 50_000
