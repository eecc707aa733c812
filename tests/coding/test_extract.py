"""The extraction stage's choices that need a parse: which event stands for its sentence."""

import pytest

from eventwire.coding.extract import Extractor, _in_time_clause, main_event
from eventwire.model import Article
from eventwire.nlp import prepare

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Before flying to Tokyo, the president met the dissidents.", "flying", True),
        ("After he visited Kyiv, the chancellor signed the accord.", "visited", True),
        ("Before flying to Tokyo, the president met the dissidents.", "met", False),
        ("The minister said he would fly to Tokyo.", "fly", False),
    ],
)
def test_time_clauses(nlp, text, word, expected):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert _in_time_clause(token) is expected


def test_a_time_clause_is_not_the_main_event(nlp):
    text = (
        "Before visiting Hanoi on Friday, the president is scheduled to give a speech and meet "
        "Vietnamese dissidents."
    )
    doc = prepare(Article.from_text(text))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    events = Extractor.load()(doc).events
    main = main_event(events)
    assert main is not None and main.trigger == "meet"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Macron is expected to visit Beijing next month.", "042"),  # a schedule: the visit
        ("Macron will visit Beijing next month.", "036"),  # his own announcement: intent
    ],
)
def test_a_scheduled_act_keeps_its_code(nlp, text, code):
    doc = prepare(Article.from_text(text))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    events = Extractor.load()(doc).events
    assert [e.cameo_code for e in events] == [code]


def test_a_group_meeting_is_coded_as_every_ordered_pair(nlp):
    doc = prepare(Article.from_text("Chile, Peru and Bolivia met in La Paz on Monday."))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    events = [e for e in Extractor.load()(doc).events if e.cameo_code == "040"]
    pairs = {(e.source_actors[0].country, e.target_actors[0].country) for e in events}
    parties = ("CHL", "PER", "BOL")
    assert pairs == {(s, t) for s in parties for t in parties if s != t}
    assert len({e.event_id for e in events}) == len(events) == 6
