from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors.dictionary import load_dictionary


def person(name: str):
    return next(p for p in load_dictionary().people if p.name == name)


@pytest.mark.parametrize(
    ("name", "day", "code", "title"),
    [
        ("Recep Tayyip Erdogan", date(2010, 1, 1), "TURGOV", "prime minister"),
        ("Recep Tayyip Erdogan", date(2020, 1, 1), "TURGOV", "president"),
        ("Dmitry Medvedev", date(2010, 1, 1), "RUSGOV", "president"),
        ("Dmitry Medvedev", date(2015, 1, 1), "RUSGOV", "prime minister"),
        ("Barack Obama", date(2010, 1, 1), "USAGOV", "president"),
        ("Hulusi Akar", date(2016, 1, 1), "TURMIL", "chief of the general staff"),
        ("Hulusi Akar", date(2019, 10, 10), "TURGOV", "defence minister"),
        ("Ahmed al-Sharaa", date(2020, 1, 1), "SYRREBHTS", None),
        ("Ahmed al-Sharaa", date(2025, 6, 1), "SYRGOV", "president"),
    ],
)
def test_role_on_date(name, day, code, title):
    role = person(name).code_on(day)
    assert role.code == code
    if title:
        assert role.title == title


def test_before_and_after_office():
    trump = person("Donald Trump")
    assert trump.code_on(date(2010, 1, 1)).code == "USA"
    assert trump.role_on(date(2010, 1, 1)) is None
    assert person("Saddam Hussein").code_on(date(2010, 1, 1)).code == "IRQELI"
