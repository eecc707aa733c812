"""Fixtures for the incident tests: the helpers' folder on the path, the gold coded once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "data" / "incidents_gold.jsonl"
sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def gold():
    from eventwire.incidents.evaluate import read_gold

    return read_gold(GOLD)


@pytest.fixture(scope="session")
def coded_gold(gold):
    """The gold articles coded by the real pipeline, once per test session."""
    from eventwire.api import code_articles

    return list(code_articles([item.article() for item in gold]))
