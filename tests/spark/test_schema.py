"""Rows for Spark: the values the store's Arrow columns give, in the Spark schema's order."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Actor, Article, Casualties, Event, Location
from eventwire.readers import Origin
from eventwire.spark.job import (
    LOCAL_DEFAULTS,
    LOCAL_JAVA_KEY,
    LOCAL_JAVA_OPTIONS,
    session_settings,
)
from eventwire.spark.schema import article_row, event_rows
from eventwire.store.schema import event_columns, to_table

ARTICLE = Article.from_text(
    "Rebels attacked an army post near Gao.", id="a1", published=date(2024, 3, 4)
)


def events() -> list[Event]:
    actor = Actor(text="Rebels", code="MLIREB", country="MLI", sector="REB", start=0, end=6)
    return [
        Event(
            event_id="e1",
            article_id="a1",
            sentence_index=0,
            sentence=ARTICLE.text,
            trigger="attacked",
            trigger_start=7,
            trigger_end=15,
            goldstein=-10,  # an int where the schema says float
            plover_context=["a", "b"],
            source_actors=[actor],
            target_actors=[actor, actor],
            location=Location(name="Gao", geonameid=2457163, lat=16.27, lon=-0.04),
            killed=Casualties(best=3, low=2, high=4, military=3),
            date="2024-03",
        ),
        Event(
            event_id="e2",
            article_id="a1",
            sentence_index=0,
            sentence="",
            trigger="x",
            trigger_start=0,
            trigger_end=1,
        ),
    ]


def test_event_rows_hold_the_stores_values_then_the_day_and_month() -> None:
    found = events()
    names = [c.name for c in event_columns()]
    store = to_table([e.to_dict() for e in found], event_columns()).to_pylist()
    expected = [tuple(row[n] for n in names) for row in store]
    rows = event_rows(ARTICLE, found)
    assert [row[: len(names)] for row in rows] == expected
    assert [row[len(names) :] for row in rows] == [
        (date(2024, 3, 1), "2024-03"),  # its own date, a month padded to its first day
        (date(2024, 3, 4), "2024-03"),  # none: the article's publication day
    ]
    assert isinstance(rows[0][names.index("goldstein")], float)


def test_an_article_without_events_has_no_event_rows() -> None:
    assert event_rows(ARTICLE, []) == []
    row = article_row(ARTICLE, Origin("in.jsonl", 7), 0)
    assert row[0] == "a1" and row[-3:] == ("in.jsonl", 7, 0)


@pytest.mark.parametrize(
    ("conf", "local", "expected"),
    [
        ({}, True, LOCAL_DEFAULTS),
        ({"a": "1"}, True, {**LOCAL_DEFAULTS, "a": "1"}),
        ({LOCAL_JAVA_KEY: "-Xss4m"}, True, {**LOCAL_DEFAULTS, LOCAL_JAVA_KEY: "-Xss4m"}),  # wins
        ({"spark.ui.enabled": "true"}, True, {**LOCAL_DEFAULTS, "spark.ui.enabled": "true"}),
        ({"a": "1"}, False, {"a": "1"}),  # a cluster's JVMs are long-lived: C2 pays there
    ],
)
def test_a_local_session_compiles_with_c1_and_has_no_ui_unless_told_otherwise(
    conf, local, expected
) -> None:
    assert LOCAL_DEFAULTS[LOCAL_JAVA_KEY] == LOCAL_JAVA_OPTIONS
    assert session_settings(conf, local=local) == expected


@pytest.mark.spark
def test_the_local_test_session_runs_with_the_local_java_options(spark) -> None:
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert LOCAL_JAVA_OPTIONS in list(runtime.getInputArguments())
