"""Fixtures for the store tests: stores with hand-built events (no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import coded, make_article, make_event

from eventwire.model import Actor, Location
from eventwire.readers import Origin
from eventwire.store import Coded, Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture
def filled(store):
    """A store with three articles: two in Syria (2020), one in Kenya (2024, a protest)."""
    run_id = store.start_run(inputs=["test"], workers=1)
    items = [coded(1), coded(2)]
    kenya = make_article(3, published=date(2024, 6, 26))
    protest = make_event(
        kenya.id,
        0,
        plover_type="PROTEST",
        plover_mode="demonstrate",
        cameo_code="141",
        cameo_root="14",
        goldstein=-6.5,
        acled_event_type="Protests",
        acled_sub_event_type="Protest with intervention",
        source_actors=[Actor(text="protesters", code="KENCVL", country="KEN", sector="CVL")],
        target_actors=[Actor(text="police", code="KENCOP", country="KEN", sector="COP")],
        location=Location(
            name="Nairobi", geonameid=184745, lat=-1.2833, lon=36.8167, country="KEN"
        ),
        date="2024-06",
        date_precision="month",
        killed=None,
        injured=None,
        size=5000,
    )
    unlocated = make_event(kenya.id, 1, location=None, date=None, cameo_code=None)
    items.append(Coded(Origin("kenya.txt", None), kenya, [protest, unlocated]))
    store.write_batch(run_id, items)
    store.finish_run(run_id, status="finished")
    return store
