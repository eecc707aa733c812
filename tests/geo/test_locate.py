"""The locate stage on hand-built documents (parsed by spaCy, events made by hand)."""

from __future__ import annotations

import pytest

from eventwire.model import Actor, Article, Event
from eventwire.nlp import prepare

pytestmark = pytest.mark.model

TEXT = (
    "ANKARA (Reuters) - Turkish soldiers shelled positions near Idlib on Monday, the ministry "
    "said.\n"
    "Foreign Minister Mevlut Cavusoglu told reporters in Brussels that the attack killed 13 "
    "soldiers.\n"
    "Syrian government forces entered the strategic town of Maarat al-Numan, in Idlib province.\n"
    "The talks will continue next week."
)


@pytest.fixture(scope="module")
def located(nlp, geoparser):
    from eventwire.geo.locate import Locator

    article = Article.from_text(TEXT)
    doc = prepare(article)
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)

    def event(word: str, actors: tuple[Actor, ...] = ()) -> Event:
        start = TEXT.index(word)
        index = next(s.index for s in doc.sentences if s.start <= start < s.end)
        sentence = doc.sentences[index]
        return Event(
            event_id=word,
            article_id=article.id,
            sentence_index=index,
            sentence=sentence.text,
            trigger=word,
            trigger_start=start,
            trigger_end=start + len(word),
            source_actors=list(actors),
        )

    turkish = TEXT.index("Turkish")
    doc.events = [
        event("shelled", (Actor("Turkish soldiers", start=turkish, end=turkish + 16),)),
        event("killed"),
        event("entered"),
        event("continue"),
    ]
    return {e.trigger: e.location for e in Locator(geoparser)(doc).events}


def test_place_attached_to_the_trigger(located):
    assert located["shelled"].name == "Idlib"
    assert located["shelled"].country == "SYR"
    assert TEXT[located["shelled"].start : located["shelled"].end] == "Idlib"


def test_town_not_province(located):
    assert located["entered"].precision == "place"
    assert located["entered"].admin1 == "Idlib"


def test_never_where_it_was_said(located):
    assert located["killed"].name != "Brussels"
    assert located["killed"].country == "SYR"


def test_falls_back_to_the_article_focus(located):
    assert located["continue"].country == "SYR"
    assert located["continue"].start is None


def test_dateline_is_no_event_place(geoparser):
    from eventwire.geo.locate import _is_event_place

    places = geoparser.places(TEXT)
    ankara = next(p for p in places if p.text == "ANKARA")
    assert not _is_event_place(TEXT, ankara)


def test_stage_contract():
    from eventwire.geo.locate import Locator

    assert Locator.name == "locate"
    assert callable(Locator.load)


def test_a_person_is_never_the_event_place(nlp, geoparser):
    """ "Akar" (Hulusi Akar, Turkey's defence minister) is also Lebanon's ‘Akkār governorate."""
    from eventwire.geo.locate import Locator

    text = "Defence Minister Hulusi Akar said Turkey would strike any forces that violate it."
    article = Article.from_text(text)
    doc = prepare(article)
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    start = text.index("strike")
    actor = Actor("Defence Minister Hulusi Akar", code="TURGOV", start=0, end=28)
    doc.events = [
        Event(
            event_id="e",
            article_id=article.id,
            sentence_index=0,
            sentence=doc.sentences[0].text,
            trigger="strike",
            trigger_start=start,
            trigger_end=start + 6,
            source_actors=[actor],
        )
    ]
    location = Locator(geoparser)(doc).events[0].location
    assert location is None or location.country == "TUR"


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Russian forces shelled Kharkiv overnight.", ["UKR"]),
        ("Israeli warplanes bombed Gaza City on Sunday.", ["PSE"]),
        ("Airstrikes hit Rafah on Monday.", ["PSE"]),
        # else a place where it was done, as PETRARCH's first actor after the verb
        ("Russian forces shelled positions near Kharkiv overnight.", ["UKR"]),
        ("US activists staged a protest in Beijing on Wednesday.", ["CHN"]),
        # an actor stays the target; the source's place and country never are
        ("The army shelled rebel positions in Idlib.", ["REB"]),
        ("A court in Guyana issued arrest warrants for two men.", ["CVL"]),  # not GUY
        ("Turkey held military exercises near Izmir on Monday.", []),
    ],
)
def test_a_place_struck_is_the_target_as_its_country(text, targets):
    import eventwire

    (event,) = eventwire.code_text(text)
    assert [a.code for a in event.target_actors] == targets


def test_civilians_of_no_country_are_those_of_the_place_of_the_event():
    """Killed "in shelling in Gaza": Palestinian civilians; with no place, of no country."""
    import eventwire

    [event] = [
        e
        for e in eventwire.code_text("Four children were killed in Israeli shelling in Gaza.")
        if e.cameo_code.startswith("19")
    ][:1]
    assert [a.code for a in event.target_actors] == ["PSECVL"]
    plain = eventwire.code_text("Four children were killed in shelling.")
    assert all(a.country is None for e in plain for a in e.target_actors)
