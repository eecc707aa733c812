"""Event dates: time expressions, their resolution, and the dating stage."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dates_casualties_helpers import build_document

from eventwire.when import Dater, find_time_mentions, resolve

WEDNESDAY = date(2020, 2, 12)


def _resolve_one(text, anchor=WEDNESDAY, *, future=False):
    mentions = find_time_mentions(text)
    assert mentions, f"no time expression found in {text!r}"
    resolved = resolve(mentions[0].spec, anchor, future=future)
    return mentions[0].spec.role, resolved and (resolved.date.isoformat(), resolved.precision)


@pytest.mark.parametrize(
    ("text", "future", "role", "expected"),
    [
        ("on Feb. 13, 2020", False, "date", ("2020-02-13", "day")),
        ("on Feb. 3", False, "date", ("2020-02-03", "day")),
        ("on 3 March 2019", False, "date", ("2019-03-03", "day")),
        ("on Dec. 28", False, "date", ("2019-12-28", "day")),
        ("on 2019-07-04", False, "date", ("2019-07-04", "day")),
        ("in 2018", False, "date", ("2018-01-01", "year")),
        ("in March 2019", False, "date", ("2019-03-01", "month")),
        ("in early March", False, "date", ("2019-03-01", "month")),
        ("in March", True, "date", ("2020-03-01", "month")),
        ("on Wednesday", False, "date", ("2020-02-12", "day")),
        ("on Sunday night", False, "date", ("2020-02-09", "day")),
        ("Thursday", False, "date", ("2020-02-06", "day")),
        ("Thursday", True, "date", ("2020-02-13", "day")),
        ("last Friday", False, "date", ("2020-02-07", "day")),
        ("last Wednesday", False, "date", ("2020-02-05", "day")),
        ("next Monday", False, "date", ("2020-02-17", "day")),
        ("yesterday", False, "date", ("2020-02-11", "day")),
        ("overnight", False, "date", ("2020-02-11", "day")),
        ("last night", False, "date", ("2020-02-11", "day")),
        ("earlier today", False, "date", ("2020-02-12", "day")),
        ("two days ago", False, "date", ("2020-02-10", "day")),
        ("three weeks ago", False, "date", ("2020-01-20", "week")),
        ("last week", False, "date", ("2020-02-03", "week")),
        ("earlier this month", False, "date", ("2020-02-01", "month")),
        ("last month", False, "date", ("2020-01-01", "month")),
        ("last year", False, "date", ("2019-01-01", "year")),
        ("next week", False, "date", ("2020-02-17", "week")),
        ("on New Year's Day", False, "date", ("2020-01-01", "day")),
        ("by the end of February", False, "deadline", ("2020-02-29", "day")),
        ("by Friday", False, "deadline", ("2020-02-14", "day")),
        ("until the end of the month", False, "deadline", ("2020-02-29", "day")),
        ("within 48 hours", False, "deadline", ("2020-02-14", "day")),
        ("within a week", False, "deadline", ("2020-02-19", "day")),
        ("a 72-hour ultimatum", False, "deadline", ("2020-02-15", "day")),
        ("gave them 48 hours to leave", False, "deadline", ("2020-02-14", "day")),
        ("since 2011", False, "since", ("2011-01-01", "year")),
        ("so far this year", False, "background", None),
        ("previously", False, "background", None),
        ("the deadliest attack since 2014", False, "compare", None),
    ],
)
def test_time_expressions(text, future, role, expected):
    assert _resolve_one(text, future=future) == (role, expected)


@pytest.mark.parametrize(
    "text", ["Theresa May said", "The Sun reported", "a march on the capital", "killed 2020 people"]
)
def test_not_time_expressions(text):
    assert [m for m in find_time_mentions(text) if m.spec.role == "date"] == []


def test_relative_dates_need_a_publication_date():
    assert _resolve_one("on Sunday", anchor=None) == ("date", None)
    assert _resolve_one("on 3 March 2019", anchor=None) == ("date", ("2019-03-03", "day"))


def test_invalid_dates_resolve_to_nothing():
    assert _resolve_one("on Feb. 31, 2020") == ("date", None)


def _date(nlp, text, *events, published=WEDNESDAY):
    specs = [
        {"trigger": e[0], "cameo_code": e[1] if len(e) > 1 else "190", "future": len(e) > 2}
        for e in events
    ]
    doc = build_document(text, nlp, published=published, events=specs)
    return [(e.date, e.date_precision, e.deadline, e.historical) for e in Dater()(doc).events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "events", "expected"),
    [
        ("Turkish forces attacked the town on Feb. 10, killing 13.", [("attacked",)],
         [("2020-02-10", "day", None, False)]),
        ("An attack on Sunday which left 13 dead was blamed on rebels.", [("attack",)],
         [("2020-02-09", "day", None, False)]),
        ("Rebels attacked the town, officials said on Monday.", [("attacked",)],
         [("2020-02-10", "day", None, False)]),
        ("Government forces entered the strategic town of Saraqib.", [("entered",)],
         [("2020-02-12", "day", None, False)]),
        ("Turkey deployed troops on Sunday after an attack killed 13 soldiers.",
         [("deployed", "152"), ("attack",)],
         [("2020-02-09", "day", None, False), (None, "unknown", None, False)]),
        ("Erdogan gave Syrian forces until the end of February to pull back.", [("gave", "139")],
         [("2020-02-12", "day", "2020-02-29", False)]),
        ("The group has so far carried out three attacks in the province.", [("attacks",)],
         [(None, "unknown", None, True)]),
        ("In 2018, rebels stormed the prison.", [("stormed",)],
         [("2018-01-01", "year", None, True)]),
        ("Officials will meet on Friday to discuss the ceasefire.", [("meet", "040", True)],
         [("2020-02-14", "day", None, False)]),
        ("Two days ago, gunmen killed five farmers.", [("killed",)],
         [("2020-02-10", "day", None, False)]),
        ("Militants ambushed a bus carrying soldiers on Thursday, killing 23 of them.",
         [("ambushed",)], [("2020-02-06", "day", None, False)]),
        ("Jihadists killed 132 civilians in an overnight raid, the government said on Saturday.",
         [("raid",)], [("2020-02-07", "day", None, False)]),
        ("The attack, which left 13 dead, was the deadliest in the province since 2014.",
         [("attack",)], [("2020-02-12", "day", None, False)]),
        ("Gunmen attacked the village late on Friday. They killed at least 30 people.",
         [("attacked",), ("killed",)],
         [("2020-02-07", "day", None, False), ("2020-02-07", "day", None, False)]),
        # a place name the parser reads as a verb ("in Sagaing") holds no time of its own
        ("Government warplanes bombed two villages in Sagaing on Saturday, killing nine.",
         [("bombed", "195")], [("2020-02-08", "day", None, False)]),
        # a participle describing the verb's argument shares the verb's time
        ("Police opened fire on farmers marching toward the capital on Monday.",
         [("opened", "193")], [("2020-02-10", "day", None, False)]),
        # ... but neither an "after" phrase nor a relative clause does
        ("Troops withdrew from the town after shelling the market on Monday.",
         [("withdrew", "0874")], [("2020-02-12", "day", None, False)]),
        # (the arrest is not the attack's day)
        ("Police arrested a man who attacked a church on Sunday.",
         [("arrested", "173"), ("attacked",)],
         [("2020-02-12", "day", None, False), ("2020-02-09", "day", None, False)]),
    ],
)  # fmt: skip
def test_dater(nlp, text, events, expected):
    assert _date(nlp, text, *events) == expected


@pytest.mark.model
def test_no_publication_date(nlp):
    assert _date(nlp, "Rebels attacked the town on Sunday.", ("attacked",), published=None) == [
        (None, "unknown", None, False)
    ]
    assert _date(nlp, "Rebels attacked the town on 3 March 2019.", ("attacked",), published=None)[
        0
    ][:2] == ("2019-03-03", "day")


@pytest.mark.model
def test_publication_datetime_is_accepted(nlp):
    published = datetime(2020, 2, 12, 23, 30)
    assert _date(nlp, "Rebels attacked the town yesterday.", ("attacked",), published=published)[0][
        :2
    ] == ("2020-02-11", "day")


@pytest.mark.model
def test_unparsed_sentence_uses_text_rules(nlp):
    doc = build_document("Rebels attacked the town on Sunday.", nlp, published=WEDNESDAY,
                         events=[{"trigger": "attacked"}])  # fmt: skip
    doc.sentences[0].doc = None
    (event,) = Dater()(doc).events
    assert (event.date, event.date_precision) == ("2020-02-09", "day")
