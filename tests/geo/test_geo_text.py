"""Name keys: spellings of one place meet, different places do not."""

from __future__ import annotations

import pytest

from eventwire.geo import text as t


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khan Younis", "Khan Yunis"),
        ("Maarat al-Numan", "Ma'arrat an Nu'man"),
        ("Ma‘arrat an Nu‘mān", "Maarat al-Numan"),
        ("Raqqa", "Raqqah"),
        ("Deir ez-Zor", "Deir ez Zor"),
        ("São Paulo", "Sao Paulo"),
        ("Saint Petersburg", "St Petersburg"),
    ],
)
def test_spellings_share_a_key(a, b):
    assert t.key(a) == t.key(b)


def test_loose_key_merges_vowel_spellings():
    assert t.loose(t.key("Idleb")) == t.loose(t.key("Idlib"))


def test_leading_article_is_optional():
    assert "raqa" in t.name_keys("Ar Raqqah")


@pytest.mark.parametrize(("a", "b"), [("Paris", "Perris"), ("Iran", "Iraq")])
def test_different_places_keep_different_keys(a, b):
    assert t.key(a) != t.key(b)


def test_tokens_keep_offsets_and_drop_possessives():
    text = "Russia’s envoy met al-Bab officials"
    tokens = t.tokenize(text)
    assert [text[x.start : x.end] for x in tokens][:1] == ["Russia"]
    al = next(x for x in tokens if x.text == "al")
    assert al.key == "al"


def test_english_words_are_not_read_as_articles():
    tokens = t.tokenize("Shelling at Raqqa")
    assert [x.key for x in tokens] == ["sheling", "at", "raqa"]


def test_dotted_abbreviations_join_the_name():
    assert [x.glued for x in t.tokenize("St. Louis")] == [False, True]
    assert [x.glued for x in t.tokenize("Louis. Then")] == [False, False]
    assert t.key("Ft. Worth") == t.key("Fort Worth")
