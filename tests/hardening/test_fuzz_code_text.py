"""Fuzz target: ``eventwire.code_text`` on generated text mixing trigger words, actors, places,
numbers, dates, punctuation and unicode, for a bounded time (``EVENTWIRE_FUZZ_SECONDS``,
default 20 s), never crashes and keeps every event's fields in range."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import code_text
from eventwire.casualties.numbers import MAX_NUMBER

pytestmark = [pytest.mark.slow, pytest.mark.model]

FUZZ_SECONDS = float(os.environ.get("EVENTWIRE_FUZZ_SECONDS", "20"))
WORDS = (
    "attacked killed wounded shelled clashed arrested threatened protested seized captured "
    "bombed fired struck ambushed mobilized deployed withdrew signed warned demanded said "
    "Turkish troops Syrian forces rebels police protesters the army militants civilians soldiers "
    "Idlib Saraqeb Aleppo Ankara Mosul Kyiv Gaza province town border "
    "at least dozens hundreds several a civilian 13 1,200 1.5 million 10^400 "
    "999999999999999999999 -5 0 on Monday last Friday yesterday 31 February 99999 "
    "within 48 hours by the end of the month ago not would may if"
).split()
PUNCT = list(".,;:!?()[]\"'-—–…/\\@#%&*\n\t") + ["\u200b", "\ufeff", "\u202e", "\x00", "  "]
tokens = st.sampled_from(WORDS) | st.sampled_from(PUNCT) | st.text(max_size=6)
texts = st.lists(tokens, min_size=1, max_size=60).map(" ".join)
anchors = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))

runs = {"examples": 0, "events": 0, "started": 0.0}


def _check(event, text: str) -> None:
    assert event.sentence and event.sentence in text
    for tally in (event.killed, event.injured):
        if tally is not None:
            for figure in (tally.best, tally.low, tally.high, tally.military, tally.civilian):
                assert figure is None or 0 <= figure <= MAX_NUMBER
    if event.date is not None:
        date.fromisoformat(str(event.date))
    for actor in [*event.source_actors, *event.target_actors]:
        if actor.start is not None:
            assert 0 <= actor.start <= actor.end


@settings(
    max_examples=50,  # per round; rounds repeat until the time budget is spent
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(texts, anchors)
def _fuzz(text: str, published: date | None) -> None:
    runs["examples"] += 1
    events = code_text(text, published=published)
    runs["events"] += len(events)
    for event in events:
        _check(event, text)


def test_code_text_survives_fuzzing(nlp):
    code_text("Warm up: troops attacked the town.")  # load the stages outside the budget
    runs["started"] = time.monotonic()
    rounds = 0
    while time.monotonic() - runs["started"] < FUZZ_SECONDS:
        _fuzz()  # a fresh random round each time (no example database)
        rounds += 1
    seconds = time.monotonic() - runs["started"]
    print(
        f"\nfuzz: {runs['examples']} texts, {runs['events']} events, {rounds} rounds, "
        f"{seconds:.1f} s"
    )
    assert runs["examples"] > 0
