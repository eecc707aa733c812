"""Events survive DuckDB -> JSONL and DuckDB -> Parquet unchanged (hypothesis)."""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import make_article

from eventwire.model import Actor, Casualties, Event, Location
from eventwire.readers import Origin
from eventwire.store import Coded, EventFilter, Store, export_events
from eventwire.store.exports import exporter

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
small = st.integers(min_value=-(2**53), max_value=2**53)
maybe_text = st.none() | text
maybe_int = st.none() | small
number = st.floats(allow_nan=False, allow_infinity=False, width=64)

actors = st.builds(
    Actor,
    text=text,
    code=maybe_text,
    country=maybe_text,
    sector=maybe_text,
    name=maybe_text,
    start=maybe_int,
    end=maybe_int,
)
locations = st.builds(
    Location,
    name=text,
    geonameid=maybe_int,
    lat=st.none() | st.floats(-90, 90),
    lon=st.none() | st.floats(-180, 180),
    country=maybe_text,
    admin1=maybe_text,
    admin2=maybe_text,
    precision=st.sampled_from(["place", "admin2", "admin1", "country"]),
    start=maybe_int,
    end=maybe_int,
)
casualties = st.builds(
    Casualties, best=small, low=maybe_int, high=maybe_int, military=maybe_int, civilian=maybe_int
)


def events_for(article_id: str):
    return st.builds(
        Event,
        event_id=st.text("0123456789abcdef", min_size=16, max_size=16),
        article_id=st.just(article_id),
        sentence_index=st.integers(0, 10_000),
        sentence=text,
        trigger=text,
        trigger_start=small,
        trigger_end=small,
        plover_type=maybe_text,
        plover_mode=maybe_text,
        plover_context=st.lists(text, max_size=3),
        cameo_code=maybe_text,
        cameo_root=maybe_text,
        goldstein=st.none() | number,
        quad_class=maybe_int,
        acled_event_type=maybe_text,
        acled_sub_event_type=maybe_text,
        source_actors=st.lists(actors, max_size=3),
        target_actors=st.lists(actors, max_size=3),
        speaker=st.none() | actors,
        location=st.none() | locations,
        date=maybe_text,
        date_precision=st.sampled_from(["day", "week", "month", "year", "unknown"]),
        deadline=maybe_text,
        killed=st.none() | casualties,
        injured=st.none() | casualties,
        arrested=maybe_int,
        size=maybe_int,
        negated=st.booleans(),
        hypothetical=st.booleans(),
        historical=st.booleans(),
        future=st.booleans(),
        confidence=number,
    )


ARTICLE = make_article(1)


@pytest.fixture(scope="module")
def memory_store():
    with Store.open(":memory:") as store:
        yield store


def _stored(store: Store, events: list[Event]) -> None:
    store.con.execute("DELETE FROM events")
    store.con.execute("DELETE FROM articles")
    run_id = store.start_run(inputs=["rt"], workers=1)
    store.write_batch(run_id, [Coded(Origin("rt.txt", None), ARTICLE, events)])
    assert sorted(store.events(), key=_key) == sorted(events, key=_key)


def _export(store: Store, fmt: str) -> bytes:
    out = io.BytesIO()
    exporter(fmt).export(store, EventFilter(), out)
    return out.getvalue()


def _key(event: Event) -> str:
    return json.dumps(event.to_dict(), sort_keys=True)


SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(events=st.lists(events_for(ARTICLE.id), min_size=1, max_size=4))
def test_jsonl_round_trip(memory_store, events):
    _stored(memory_store, events)
    lines = _export(memory_store, "jsonl").decode("utf-8").splitlines()
    back = [Event.from_dict(json.loads(line)) for line in lines]
    assert sorted(back, key=_key) == sorted(events, key=_key)


@SETTINGS
@given(events=st.lists(events_for(ARTICLE.id), min_size=1, max_size=4))
def test_parquet_round_trip(memory_store, events):
    _stored(memory_store, events)
    table = pq.read_table(io.BytesIO(_export(memory_store, "parquet")))
    back = [Event.from_dict(row) for row in table.to_pylist()]
    assert sorted(back, key=_key) == sorted(events, key=_key)


def test_export_files_round_trip(tmp_path):
    """The same through files: export_events opens the database read-only."""
    events = [Event.from_dict(e.to_dict()) for e in make_events()]
    path = tmp_path / "rt.duckdb"
    with Store.open(path) as store:
        _stored(store, events)
    for fmt in ("jsonl", "parquet"):
        assert export_events(fmt, tmp_path / f"events.{fmt}", db=path) == len(events)
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted((Event.from_dict(json.loads(x)) for x in lines), key=_key) == events
    rows = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert sorted((Event.from_dict(r) for r in rows), key=_key) == events


def make_events() -> list[Event]:
    from store_helpers import make_event

    events = [make_event(ARTICLE.id, i) for i in range(3)]
    events[1].sentence = 'line\x85break\u2028and\u2029more "quoted"\ttab\nnewline'
    return sorted(events, key=_key)
