"""Accuracy floors on the shared dev sets (CI gates: a change that lowers a score fails)."""

from __future__ import annotations

import pytest

from eventwire.geo.evaluate import evaluate_places

pytestmark = pytest.mark.devsets

# floors sit just under the measured scores; move them up as the scores rise
FLOORS = {
    ("trnews", True): {"accuracy_161": 0.84, "country_accuracy": 0.969, "entity_accuracy": 0.94},
    ("trnews", False): {"accuracy_161": 0.85, "precision": 0.855, "recall": 0.94},
    ("geovirus", True): {"accuracy_161": 0.888, "country_accuracy": 0.984},
    ("geovirus", False): {"accuracy_161": 0.90, "precision": 0.885, "recall": 0.943},
}


@pytest.mark.parametrize(("name", "gold_spans"), list(FLOORS))
def test_floor(name, gold_spans, geoparser, load_devset):
    records = load_devset(name)
    scores = evaluate_places(
        records, gold_spans=gold_spans, demonyms=name == "trnews", geoparser=geoparser
    ).to_dict()
    for metric, floor in FLOORS[(name, gold_spans)].items():
        assert scores[metric] >= floor, f"{name} {metric} {scores[metric]:.3f} < {floor}"
