"""The incident scorer: B-cubed arithmetic, gold reading, an article's main incident."""

from __future__ import annotations

import json
from datetime import date

import pytest
from incident_helpers import event, meta

from eventwire.incidents.evaluate import (
    GoldArticle,
    GoldError,
    bcubed,
    main_incident,
    read_gold,
    score,
)
from eventwire.incidents.records import Member


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # perfect
        ({"a": "x", "b": "x", "c": "y"}, {"a": 1, "b": 1, "c": 2}, (1.0, 1.0, 1.0)),
        # everything apart: precision 1, recall (1/2 + 1/2 + 1) / 3
        ({"a": "x", "b": "x", "c": "y"}, {"a": 1, "b": 2, "c": 3}, (1.0, 2 / 3, 0.8)),
        # everything together: precision (2/3 + 2/3 + 1/3) / 3, recall 1
        ({"a": "x", "b": "x", "c": "y"}, {"a": 1, "b": 1, "c": 1}, (5 / 9, 1.0, 5 / 7)),
    ],
)
def test_bcubed(gold, predicted, expected):
    got = bcubed(gold, {k: str(v) for k, v in predicted.items()})
    assert got == pytest.approx(expected)


def test_score_reports_splits_and_merges():
    gold = read_lines(
        [
            {"id": "a", "text": "x", "incident": "one"},
            {"id": "b", "text": "x", "incident": "one"},
            {"id": "c", "text": "x", "incident": "two"},
        ]
    )
    result = score(gold, {"a": "I1", "b": "I2", "c": "I2"})
    assert result.split == {"one": [["a"], ["b", "c"]]}
    assert result.merged == [["b", "c"]]
    assert (result.articles, result.gold_incidents, result.predicted_incidents) == (3, 2, 2)


def read_lines(records):
    return [GoldArticle(id=r["id"], text=r["text"], incident=r["incident"]) for r in records]


def test_read_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "g1",
                "source": "Meridian Wire",
                "published": "2024-07-01",
                "title": "T",
                "text": "Text.",
                "incident": "i1",
            }
        )
        + "\n\n",
        encoding="utf-8",
    )
    (article,) = read_gold(path)
    assert article.published == date(2024, 7, 1) and article.incident == "i1"
    assert article.article().source == "Meridian Wire"


@pytest.mark.parametrize(
    ("content", "code"),
    [("", "E412"), ('{"id": "x", "text": "t"}\n', "E411"), ("not json\n", "E411")],
)
def test_bad_gold_files(tmp_path, content, code):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=code):
        read_gold(path)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="E410"):
        read_gold(tmp_path / "none.jsonl")


def _placed(events, incidents):
    return [
        (i, Member(e.event_id, e.article_id, e.sentence_index, 1.0))
        for e, i in zip(events, incidents, strict=True)
    ]


def test_main_incident_is_where_most_of_the_article_went():
    article = meta(1, date(2024, 7, 1))
    events = [
        event(
            article,
            0,
            "Officials slammed the strike.",
            "slammed",
            cameo_code="111",
            plover_type="ACCUSE",
            cameo_root="11",
        ),  # fmt: skip
        event(article, 0, "It left seven dead.", "left"),
        event(article, 1, "Seven were killed.", "killed"),
    ]
    assert main_incident(events, _placed(events, ["A", "B", "B"])) == "B"


def test_main_incident_skips_statements_and_unreal_events():
    article = meta(1, date(2024, 7, 1))
    events = [
        event(
            article,
            0,
            "Officials said so.",
            "said",
            cameo_code="010",
            cameo_root="01",
            plover_type=None,
        ),  # fmt: skip
        event(article, 0, "They may attack.", "attack", hypothetical=True),
        event(article, 2, "An attack killed two.", "attack"),
    ]
    assert main_incident(events, _placed(events, ["S", "H", "R"])) == "R"
    assert main_incident([], []) is None


def test_main_incident_ties_go_to_the_better_attested():
    article = meta(1, date(2024, 7, 1))
    events = [
        event(article, 0, "A strike hit the city.", "strike"),
        event(article, 0, "A strike hit the city.", "hit"),
    ]
    placed = _placed(events, ["A", "B"])
    assert main_incident(events, placed, articles_of={"A": 1, "B": 3}) == "B"
    assert main_incident(events, placed, articles_of={"A": 2, "B": 1}) == "A"
