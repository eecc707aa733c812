"""The accuracy harness: scorers on hand-built events, and CI gates on the dev sets."""

import json

import pytest

from eventwire.errors import GoldFormatError
from eventwire.evaluate import (
    evaluate_events,
    gold_kind,
    quad_label,
    read_gold,
    score_cameo,
    score_quad,
)
from eventwire.model import Actor, Event


def event(code, *, source=None, target=None, negated=False, salience=0.5):
    return Event(
        event_id=f"e{code}",
        article_id="a",
        sentence_index=0,
        sentence="s",
        trigger="t",
        trigger_start=0,
        trigger_end=1,
        cameo_code=code,
        source_actors=[Actor(text="x", code=source, country=source[:3])] if source else [],
        target_actors=[Actor(text="y", code=target, country=target[:3])] if target else [],
        negated=negated,
        salience=salience,
    )


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("010", 0),
        ("020", 0),
        ("042", 1),
        ("073", 2),
        ("112", 3),
        ("163", 3),
        ("190", 4),
        ("145", 4),
    ],
)
def test_quad_labels_follow_the_penta_class(code, label):
    assert quad_label(code) == label


def test_quad_scorer_uses_the_main_event():
    records = [{"id": "r1", "text": "x", "label": 4}, {"id": "r2", "text": "y", "label": 1}]
    predicted = {
        "r1": [event("010", salience=0.1), event("190", salience=0.9)],
        "r2": [],
    }
    scores = score_quad(records, predicted)
    assert scores.metrics["accuracy"] == 0.5
    assert scores.metrics["coverage"] == 0.5
    assert ("1", "none", 1) in scores.confusions


def test_cameo_scorer_exact_records_and_countries():
    records = [
        {"id": "r1", "text": "x", "events": [
            {"source_actor_code": "TURMIL", "target_actor_code": "SYR", "cameo_code": "190"}]},
        {"id": "r2", "text": "y", "events": [], "expect_no_events": True},
        {"id": "r3", "text": "z", "events": [
            {"source_actor_code": "USAGOV", "target_actor_code": "RUS", "cameo_code": "111"}]},
    ]  # fmt: skip
    predicted = {
        "r1": [event("190", source="TURMIL", target="SYR")],
        "r2": [event("040", negated=True)],  # a negated event is no event
        "r3": [event("112", source="USAGOV", target="CHN")],
    }
    scores = score_cameo(records, predicted)
    assert scores.metrics["record_exact"] == pytest.approx(2 / 3)
    assert scores.metrics["source_country_accuracy"] == 1.0
    assert scores.metrics["target_country_accuracy"] == 0.5


def test_cameo_scorer_reads_petrarch_no_actor_as_empty():
    records = [
        {
            "id": "r1",
            "text": "x",
            "events": [
                {"source_actor_code": "TURMIL", "target_actor_code": "---", "cameo_code": "190"}
            ],
        }
    ]
    predicted = {"r1": [event("190", source="TURMIL")]}
    assert score_cameo(records, predicted).metrics["record_exact"] == 1.0


def test_repeated_gold_ids_are_made_unique(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"id": "a", "text": "x", "label": 1}, {"id": "a", "text": "y", "label": 2}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    assert [r["id"] for r in read_gold(path)] == ["a", "a#2"]


def test_unknown_gold_format_says_what_it_expects(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "x", "stuff": 1}) + "\n")
    with pytest.raises(GoldFormatError, match="unknown gold format"):
        gold_kind(read_gold(path))


def test_broken_gold_line_names_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": 1, "text": "x", "label": 1}\n{broken\n')
    with pytest.raises(GoldFormatError, match="line 2"):
        read_gold(path)


# --- gates on the public dev sets (floors at what we reach; raise them as we improve) ----------

GATES = [
    ("conflibert_cameo_class.jsonl", "test", {"accuracy": 0.80}),
    ("conflibert_cameo_ner.jsonl", "test", {"source_f1": 0.78, "target_f1": 0.645}),
    (
        "up_petr2_gsr_validation.jsonl",
        None,
        {
            "source_country_accuracy": 0.835,
            "target_country_accuracy": 0.69,
            "main_root_accuracy": 0.675,
        },
    ),
    ("case2021_dev.jsonl", None, {"accuracy": 0.84}),
]


@pytest.mark.model
@pytest.mark.devsets
@pytest.mark.parametrize(("name", "split", "floors"), GATES, ids=[g[0] for g in GATES])
def test_dev_set_gate(devsets, name, split, floors):
    scores = evaluate_events(devsets / "events" / name, split=split)
    for metric, floor in floors.items():
        assert scores.metrics[metric] >= floor, (name, metric, scores.metrics[metric])


def test_cameo_scorer_matches_each_gold_dyad_to_its_own_event():
    gold = [
        {"source_actor_code": s, "target_actor_code": t, "cameo_code": "040"}
        for s, t in (("FRA", "DEU"), ("DEU", "FRA"))
    ]
    records = [{"id": "r", "text": "x", "events": gold}]
    dyads = [event("040", source="FRA", target="DEU"), event("040", source="DEU", target="FRA")]
    scores = score_cameo(records, {"r": dyads})
    assert scores.metrics["source_country_accuracy"] == 1.0
    assert scores.metrics["target_country_accuracy"] == 1.0
    assert scores.metrics["dyad_precision"] == scores.metrics["dyad_recall"] == 1.0


def test_cameo_scorer_dyad_precision_counts_spurious_dyads():
    gold = [{"source_actor_code": "FRA", "target_actor_code": "DEU", "cameo_code": "040"}]
    records = [{"id": "r", "text": "x", "events": gold}]
    dyads = [event("040", source="FRA", target="DEU"), event("040", source="ITA", target="ESP")]
    scores = score_cameo(records, {"r": dyads})
    assert scores.metrics["dyad_precision"] == 0.5
    assert scores.metrics["dyad_recall"] == 1.0


def test_cameo_scorer_reads_petrarch_unknown_country_as_a_bare_sector():
    gold = [{"source_actor_code": "---GOV", "target_actor_code": "---", "cameo_code": "010"}]
    records = [{"id": "r", "text": "x", "events": gold}]
    predicted = {"r": [event("010", source="GOV")]}
    assert score_cameo(records, predicted).metrics["record_exact"] == 1.0
