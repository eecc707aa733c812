"""Sentence splitting, the trigger prefilter and parsing across processes."""

import pytest

from eventwire.api import code_articles
from eventwire.coding.prefilter import Parse
from eventwire.model import Article
from eventwire.nlp import dateline_end, load_nlp, parse, prepare


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("ANKARA, Feb 28 (Reuters) - Turkey sent troops.", "Turkey sent troops."),
        ("GAZA CITY, Palestinian Territories: Four children died.", "Four children died."),
        ("KYIV (AP) \u2014 Russian drones hit the city.", "Russian drones hit the city."),
        ("NATO said - today - it would meet.", "NATO said - today - it would meet."),
        (
            "US and British activists staged a protest.",
            "US and British activists staged a protest.",
        ),
    ],
)
def test_dateline_is_not_part_of_the_first_sentence(text, rest):
    assert text[dateline_end(text) :] == rest


def test_sentences_keep_article_offsets():
    text = "MOGADISHU (AP) - A car bomb exploded.\n\nSecond paragraph here. And a third one."
    doc = prepare(Article.from_text(text))
    assert [s.text for s in doc.sentences] == [
        "A car bomb exploded.", "Second paragraph here.", "And a third one."]  # fmt: skip
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_give_the_same_events_as_one():
    """Regression: with n_process=2 spaCy copied the sentence contexts and nothing was coded."""
    articles = [
        Article.from_text(
            "Rebels attacked an army base near Gao on Monday, killing five soldiers."
            + " Police arrested 40 protesters in Khartoum." * i
        )
        for i in range(1, 40)
    ] + [Article.from_text("Nothing happened here.")]
    one = [(a.id, [e.to_dict() for e in ev]) for a, ev in code_articles(articles, n_process=1)]
    two = [(a.id, [e.to_dict() for e in ev]) for a, ev in code_articles(articles, n_process=2)]
    assert one == two
    assert sum(len(ev) for _, ev in one) > 40


@pytest.mark.model
def test_names_are_read_only_where_asked_and_the_parse_is_the_same():
    texts = [
        "Rebels attacked an army base near Gao on Monday.",
        "Gondor vowed to help Barack Obama in Washington.",
        "Police arrested 40 protesters in Khartoum.",
        "The United Nations condemned the strike in Yemen.",
        "Nothing happened here.",
    ]
    asked = [Parse.FULL, Parse.WITHOUT_NAMES, Parse.FULL, Parse.WITHOUT_NAMES, Parse.FULL]
    docs = list(parse(zip(texts, asked, strict=True), batch_size=2))
    for doc, whole, how in zip(docs, load_nlp().pipe(texts), asked, strict=True):
        assert doc.text == whole.text
        assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc] == [
            (t.tag_, t.dep_, t.head.i, t.lemma_) for t in whole
        ]
        names = [(e.text, e.label_) for e in whole.ents]
        assert [(e.text, e.label_) for e in doc.ents] == (names if how == Parse.FULL else [])
    assert docs[0].ents and not docs[1].ents
