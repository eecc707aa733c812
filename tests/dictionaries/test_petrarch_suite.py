"""Gates: PETRARCH2's own unit-test suite coded with its validation dictionaries, and actor
codes on the UniversalPetrarch validation sentences with the Phoenix dictionaries.

Floors sit just under what the coder reaches; a change that lowers a score fails unless the
floor is consciously moved. Run `eventwire eval events FILE --dictionaries DIR` for the
breakdown. PETRARCH's "---" for an unknown country is scored as eventwire's bare sector
("---GOV" is "GOV"); a few records expect quoted texts as codes, which eventwire does not
write; two ids are repeated (read_gold makes them unique)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.api import code_documents
from eventwire.coding.extract import Extractor
from eventwire.evaluate import _published, read_gold, score_cameo
from eventwire.model import Article

pytestmark = [pytest.mark.devsets, pytest.mark.model]

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVENTS = SHARED / "devsets" / "events"
SUITE = EVENTS / "petrarch2_unittest.jsonl"
SUITE_DICTIONARIES = EVENTS / "petrarch2_validate_dictionaries"
UP = EVENTS / "up_petr2_gsr_validation.jsonl"
PHOENIX = SHARED / "reference" / "dictionaries" / "petrarch2"

SUITE_FLOOR = 0.90
CATEGORY_FLOORS = {
    "SYNSET": 0.98,
    "DATE": 0.98,
    "DEMO": 0.90,
    # two records expect no event for "a senior official said" when nothing else in the
    # sentence is coded, while others expect GOV for the same clause
    "VERB": 0.91,
    "AGENT": 0.85,
    "PATTERN": 0.93,
    "COMPOUND": 0.90,
}
UP_SOURCE_FLOOR = 0.85
# the extractor alone (the whole pipeline, `eventwire eval events`, reads 0.932: civilians
# hurt in a place the event's phrase names are that place's, which the locate stage tells)
UP_TARGET_FLOOR = 0.90


def _need(*paths: Path) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"shared data not found ({', '.join(missing)}): gates run where it is present")


def _score(gold: Path, dictionaries: Path):
    records = read_gold(gold)
    extractor = Extractor.load(dictionaries=[dictionaries])
    articles = [Article(id=str(r["id"]), text=str(r["text"]), published=_published(r))
                for r in records]  # fmt: skip
    coded = {d.article.id: d.events for d in code_documents(articles, stages=[extractor])}
    return score_cameo(records, coded)


def test_petrarch2_unit_tests():
    _need(SUITE, SUITE_DICTIONARIES)
    scores = _score(SUITE, SUITE_DICTIONARIES)
    exact = scores.metrics["record_exact"]
    assert exact >= SUITE_FLOOR, f"record exact {exact:.3f} fell below {SUITE_FLOOR}"
    for category, floor in CATEGORY_FLOORS.items():
        got = scores.by_category[category]["exact"]
        assert got >= floor, f"{category}: {got:.3f} fell below {floor}"


def test_phoenix_actor_codes():
    _need(UP, PHOENIX)
    scores = _score(UP, PHOENIX)
    source = scores.metrics["source_country_accuracy"]
    target = scores.metrics["target_country_accuracy"]
    assert source >= UP_SOURCE_FLOOR, f"source actor accuracy {source:.3f} < {UP_SOURCE_FLOOR}"
    assert target >= UP_TARGET_FLOOR, f"target actor accuracy {target:.3f} < {UP_TARGET_FLOOR}"
