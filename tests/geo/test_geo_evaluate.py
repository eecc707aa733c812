"""Scoring places against gold toponyms."""

from __future__ import annotations

import pytest

from eventwire.errors import GoldFormatError
from eventwire.geo.evaluate import auc, evaluate_places


def test_auc_bounds():
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0)


def _record():
    text = "Fighting in Aleppo and Damascus."
    return {
        "id": "x",
        "text": text,
        "toponyms": [
            {"start": 12, "end": 18, "name": "Aleppo", "lat": 36.2, "lon": 37.16},
            {"start": 23, "end": 31, "name": "Damascus", "lat": 33.51, "lon": 36.29},
        ],
    }


def test_gold_spans(geoparser):
    scores = evaluate_places([_record()], gold_spans=True, geoparser=geoparser)
    assert scores.accuracy_161 == 1.0
    assert scores.country_accuracy == 1.0
    assert scores.precision is None


def test_end_to_end(geoparser):
    scores = evaluate_places([_record()], gold_spans=False, geoparser=geoparser)
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_bad_gold_says_what_is_missing(geoparser):
    with pytest.raises(GoldFormatError, match="toponyms"):
        evaluate_places([{"id": "y", "text": "x"}], gold_spans=True, geoparser=geoparser)
