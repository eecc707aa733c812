from __future__ import annotations

import pytest

from eventwire.actors.dictionary import load_dictionary
from eventwire.actors.names import fold, name_index


@pytest.fixture(scope="module")
def index():
    return name_index(load_dictionary())


def found(index, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.kind) for m in index.matches(text)]


def test_fold_keeps_length():
    text = "Erdoğan’s Türkiye — al-Qaeda İstanbul"
    assert len(fold(text)) == len(text)
    assert fold("Erdoğan").startswith("erdogan")


def test_longest_match_and_kinds(index):
    text = "The U.S.-backed Syrian Democratic Forces met Turkish officials in Ankara."
    assert found(index, text) == [
        ("U.S.", "country"),
        ("Syrian Democratic Forces", "organisation"),
        ("Turkish", "demonym"),
        ("Ankara", "capital"),
    ]


@pytest.mark.parametrize(
    "text",
    ["Tell us more.", "a roast turkey", "chad and jordan", "Latin American leaders", "the car",
     "the Washington Post reported", "Nigerian", "told Agence France-Presse",
     "told Agence France Presse", "the Jerusalem Post reported"],
)  # fmt: skip
def test_no_false_country(index, text):
    assert all(t != "US" for t, _ in found(index, text))
    hits = found(index, text)
    if text == "Nigerian":
        assert hits == [("Nigerian", "demonym")]
    else:
        assert hits == []


def test_accents_and_hyphens(index):
    assert found(index, "Erdoğan and al Qaeda") == [
        ("Erdoğan", "person"),
        ("al Qaeda", "organisation"),
    ]


def test_a_name_typed_with_a_stray_capital_still_matches(index):
    assert found(index, "talks with iRAN and pERU") == [("iRAN", "country"), ("pERU", "country")]
