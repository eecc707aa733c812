"""Coding a partition: per-record failures, duplicates and skipped records, without Spark."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import fake_stages
import pytest

from eventwire.errors import EventwireError
from eventwire.model import Article, Event
from eventwire.readers import Origin, Skipped
from eventwire.spark.worker import COUNTER_NAMES, Counters, code_partition, code_resiliently


class Accumulator:
    def __init__(self) -> None:
        self.value = 0

    def add(self, n: int) -> None:
        self.value += n


def counters() -> Counters:
    return Counters({name: Accumulator() for name in COUNTER_NAMES})


def articles(*texts: str) -> list[tuple[Origin, Article]]:
    return [(Origin("in.jsonl", i), Article.from_text(t)) for i, t in enumerate(texts, 1)]


def reading_ahead(batch: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
    """A coder that, like nlp.pipe, reads three articles before returning the first."""
    it = iter(batch)
    buffer: list[Article] = []
    while True:
        buffer.extend(a for _, a in zip(range(3 - len(buffer)), it, strict=False))
        if not buffer:
            return
        article = buffer.pop(0)
        if "FAIL" in article.text:
            raise RuntimeError(f"cannot code {article.text}")
        yield article, []


def test_only_the_failing_record_fails() -> None:
    items = articles("one", "two FAIL", "three", "four", "five FAIL", "six")
    results = list(code_resiliently(iter(items), reading_ahead))
    assert [a.text for _, a, _ in results] == [a.text for _, a in items]
    failed = [a.text for _, a, r in results if isinstance(r, Exception)]
    assert failed == ["two FAIL", "five FAIL"]


def test_errors_about_the_setup_stop_the_task() -> None:
    def broken(batch: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        next(iter(batch))
        raise EventwireError("[E010] spaCy pipeline is not installed")
        yield  # pragma: no cover

    with pytest.raises(EventwireError, match="E010"):
        list(code_resiliently(iter(articles("one")), broken))


@pytest.mark.model
def test_a_partition_codes_the_first_of_duplicate_ids_and_reports_the_rest() -> None:
    text = "Syrian forces shelled Idlib on Monday, killing 13 soldiers."
    first = Article.from_text(text, id="a1")
    again = Article.from_text(text, id="a1", source="copy")
    failing = Article.from_text(f"Police arrested ten people. {fake_stages.FAIL_MARK}", id="b2")
    skipped = Skipped("x.txt", None, "empty document (no text)")
    items = [
        (("\x00skipped:x.txt", 0, 0), (Origin("x.txt", None), skipped)),
        (("a1", 1, 4), (Origin("a.jsonl", 4), first)),
        (("a1", 2, 1), (Origin("b.jsonl", 1), again)),
        (("b2", 3, 1), (Origin("c.jsonl", 1), failing)),
    ]
    totals = counters()
    tagged = list(code_partition(iter(items), counters=totals, make_stages=fake_stages.make_stages))
    kinds = [kind for kind, _ in tagged]
    assert kinds.count("article") == 1 and kinds.count("event") >= 1
    problems = [row for kind, row in tagged if kind == "problem"]
    assert [(p[1], p[3]) for p in problems] == [("x.txt", "skipped"), ("c.jsonl", "failed")]
    assert "fails on purpose" in problems[1][4]
    assert totals.values() == {
        "records": 0,  # counted when read, not here
        "articles": 1,
        "events": kinds.count("event"),
        "skipped": 0,
        "duplicates": 1,
        "failed": 1,
    }
