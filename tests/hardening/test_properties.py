"""Property-based tests (hypothesis, bounded): readers, number parsing and date resolution never
raise and stay within their documented ranges. The DuckDB -> JSONL/Parquet round trip lives in
tests/store/test_roundtrip.py."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.casualties.numbers import MAX_NUMBER, parse_number, parse_quantity
from eventwire.model import Article
from eventwire.readers import Origin, Skipped
from eventwire.readers.jsonl import record_of
from eventwire.when.expressions import TimeSpec, find_time_mentions, resolve

BOUNDED = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ORIGIN = Origin("records.jsonl", 1)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
field_values = st.one_of(
    json_values,
    st.sampled_from(
        [
            "",
            "2020-02-31",
            "31 February 99999",
            "Mon, 03 Feb 2020 10:00:00 GMT",
            "2020-02-03T10:00:00Z",
            "<p>Troops attacked the town.</p>",
        ]
    ),
    st.text(max_size=200),
)
records = st.dictionaries(
    st.sampled_from(["id", "text", "html", "url", "title", "published", "source", "other"]),
    field_values,
    max_size=7,
)


def _check_record(line: bytes) -> None:
    origin, result = record_of(ORIGIN, line)
    assert origin == ORIGIN
    assert isinstance(result, Article | Skipped)
    if isinstance(result, Skipped):
        assert result.reason and "\n" not in result.reason
    else:
        assert result.text.strip()


@BOUNDED
@given(records)
@example({"text": "Troops attacked the town on Monday.", "published": "31 February 99999"})
@example({"id": True, "text": "x"})
def test_jsonl_records_give_an_article_or_a_skip(record):
    _check_record(json.dumps(record).encode())


@BOUNDED
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@example(b"[" * 100_000)  # was a RecursionError that ended the file
@example(b'{"text": "\xff\xfe broken"}')
def test_jsonl_lines_of_any_bytes_give_an_article_or_a_skip(line):
    _check_record(line)


number_words = st.sampled_from(
    [
        "a",
        "an",
        "one",
        "twenty-three",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "dozens",
        "scores",
        "several",
        "at least",
        "more than",
        "up to",
        "between",
        "and",
        "to",
        "or",
        "nearly",
        "about",
        "half",
        "-",
        "1,200",
        "1.5",
        "10^400",
        "1e400",
        "0",
        "999999999999999999999",
        "9" * 400,
        "-5",
        "people",
        "killed",
        "soldiers",
        ",",
    ]
)
phrases = st.lists(number_words | st.text(max_size=8), max_size=10).map(" ".join)


@BOUNDED
@given(phrases)
@example("999999999999999999999 soldiers")
@example("10^400 people were killed")
@example("9" * 5000 + " million")
def test_numbers_never_raise_and_stay_in_range(text):
    value = parse_number(text)
    assert value is None or 0 <= value <= MAX_NUMBER
    found = parse_quantity(text)
    if found is not None:
        quantity, end = found
        assert 0 <= end <= len(text)
        for figure in (quantity.best, quantity.low, quantity.high):
            assert figure is None or 0 <= figure <= MAX_NUMBER


date_words = st.sampled_from(
    [
        "on",
        "31",
        "February",
        "Feb.",
        "99999",
        "2020",
        "1900",
        "0",
        "last",
        "next",
        "Friday",
        "within",
        "48",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "ago",
        "by the end of",
        "since",
        "yesterday",
        "overnight",
        "gave them",
        "to",
        "a",
        "-hour ultimatum",
        "9" * 30,
        "9" * 5000,
        "March 3",
        "3 March 2020",
        "2020-02-30",
        "this month",
        "earlier this year",
    ]
)
date_texts = st.lists(date_words | st.text(max_size=6), max_size=10).map(" ".join)
anchors = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def _check_resolved(resolved) -> None:
    if resolved is not None:
        assert date.fromisoformat(resolved.date.isoformat()) == resolved.date
        assert resolved.date <= resolved.last
        assert resolved.precision in ("day", "week", "month", "year")


@BOUNDED
@given(date_texts, anchors, st.booleans())
@example("within " + "9" * 400 + " hours", date(2020, 2, 3), False)  # was OverflowError
@example("gave them " + "9" * 5000 + " days to leave", date(2020, 2, 3), False)  # was ValueError
@example("on 31 February 99999", date(2020, 2, 3), False)
@example("by the end of December", date(9999, 12, 31), True)
def test_dates_never_raise_and_are_valid(text, anchor, future):
    for mention in find_time_mentions(text):
        assert 0 <= mention.start < mention.end <= len(text)
        _check_resolved(resolve(mention.spec, anchor, future=future))


small = st.none() | st.integers(min_value=-(10**12), max_value=10**12)


@BOUNDED
@given(
    st.builds(
        TimeSpec,
        role=st.sampled_from(["date", "deadline", "since", "background", "compare"]),
        year=small,
        month=small,
        day=small,
        weekday=st.none() | st.integers(0, 6),
        relation=st.sampled_from([None, "last", "this", "next"]),
        unit=st.sampled_from([None, "day", "week", "month", "year"]),
        offset=st.integers(min_value=-(10**12), max_value=10**12),
        shift_days=st.integers(min_value=-(10**6), max_value=10**6),
        end=st.booleans(),
    ),
    anchors,
    st.booleans(),
)
def test_any_time_spec_resolves_or_gives_none(spec, anchor, future):
    _check_resolved(resolve(spec, anchor, future=future))


@pytest.mark.parametrize(
    "text", ["within " + "9" * 400 + " hours", "a " + "9" * 5000 + "-hour ultimatum"]
)
def test_huge_counts_in_deadlines_do_not_raise(text):
    (mention,) = find_time_mentions(text)
    assert resolve(mention.spec, date(2020, 2, 3)) is None  # beyond the calendar: no date
