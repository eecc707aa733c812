"""Geo fixtures: one gazetteer and one geoparser for the whole session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GEO_DEVSETS = Path(__file__).resolve().parents[2] / ".." / "shared" / "devsets" / "geo"


@pytest.fixture(scope="session")
def gazetteer():
    from eventwire.geo.gazetteer import default_gazetteer

    return default_gazetteer()


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from eventwire.geo.places import Geoparser

    return Geoparser(gazetteer)


@pytest.fixture(scope="session")
def load_devset():
    """A loader of the shared geo dev sets, skipping where ../shared is absent."""

    def load(name: str) -> list[dict]:
        path = GEO_DEVSETS / f"{name}.jsonl"
        if not path.exists():
            pytest.skip(f"…/shared/devsets not found ({path.name}): dev-set floors run there")
        with path.open(encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    return load
