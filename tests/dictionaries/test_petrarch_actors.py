from __future__ import annotations

from datetime import date

import pytest
from petrarch_snippets import ACTORS

from eventwire.dictionaries.petrarch.actors import (
    parse_actor_text,
    parse_bracket,
    parse_day,
    recase,
)


@pytest.fixture(scope="module")
def actors():
    entries, notes = parse_actor_text(ACTORS, source="test.actors.txt")
    assert notes == []
    return {e.name: e for e in entries}


def test_names_synonyms_and_origins(actors):
    gondor = actors["Gondor"]
    assert gondor.names == ("Gondor", "Minas Tirith", "Anorien")
    assert gondor.code == "GON"
    assert gondor.origin == "test.actors.txt:3"
    assert actors["Rohan"].code == "ROH"  # the final underscore goes
    assert actors["Shire"].code == "FRO/BIL/SAM"  # "THE_" goes too


def test_null_code_keeps_the_name_uncoded(actors):
    assert actors["Boromir"].code is None and actors["Boromir"].periods == ()


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(1995, 1, 4), "HOBCIV"),
        (date(2008, 1, 19), "HOBCIV"),
        (date(2008, 1, 20), "HOBMIL"),
        (date(2010, 1, 9), "ORCHOB"),  # listed first, so it wins over HOBMIL
        (date(2010, 1, 12), "ORCHOB"),
        (date(2010, 1, 13), "HOBMIL"),
        (date(2013, 1, 19), "HOB"),  # between the ranges: the default
        (date(2014, 1, 4), "HOBELI"),
    ],
)
def test_date_restricted_codes(actors, day, code):
    assert actors["Sam Gamgee"].code_on(day) == code


@pytest.mark.parametrize(
    ("day", "code"),
    [(date(1978, 12, 23), "HOB"), (date(1995, 11, 1), "HOBGOV"), (date(1999, 8, 16), None),
     (date(2001, 1, 1), "HOBREB")],
)  # fmt: skip
def test_codes_without_a_default(actors, day, code):
    gollum = actors["Gollum"]
    assert gollum.names == ("Gollum", "Smeagol")
    assert gollum.code_on(day) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ISR", ("ISR", None, None)), ("---", (None, None, None)),
     ("HOBCIV <20080120", ("HOBCIV", None, date(2008, 1, 19))),
     ("USAGOV >090120", ("USAGOV", date(2009, 1, 21), None)),
     ("AFGELI 320101-331108", ("AFGELI", date(1932, 1, 1), date(1933, 11, 8))),
     ("pse", ("PSE", None, None))],
)  # fmt: skip
def test_bracket(text, expected):
    assert parse_bracket(text) == expected


def test_two_digit_years_follow_tabari():
    assert parse_day("300101").year == 2030 and parse_day("310101").year == 1931


def test_bad_dates_are_noted_not_fatal():
    entries, notes = parse_actor_text("X [ABC 999999-000000]\nY [DEF]\n", source="f")
    assert [e.name for e in entries] == ["X", "Y"]
    assert notes and "f:1" in notes[0]


@pytest.mark.parametrize(
    ("raw", "form"),
    [("HAMAS", "Hamas"), ("US", "US"), ("U.S.", "U.S."), ("MINAS TIRITH", "Minas Tirith"),
     ("PRINCE OF DOL AMROTH", "Prince of Dol Amroth"), ("US PRESIDENT", "US President"),
     ("SAM GAMGEE", "Sam Gamgee"), ("BARAD-DUR", "Barad-Dur")],
)  # fmt: skip
def test_recase(raw, form):
    assert recase(raw) == form
