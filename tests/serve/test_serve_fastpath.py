"""The fast path of ``/api/events`` answers exactly as the FastAPI route does, and hands it
every request it is not sure of."""

from __future__ import annotations

import random
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from eventwire.serve import create_app
from eventwire.serve.fastpath import parse_events_request
from eventwire.serve.filters import SORTS

VALUES = {
    "since": ["2020-02-03", "2020-2-3", "2020-02-30", "20200203", "", "2020-02-03T00:00:00"],
    "until": ["2024-12-31", "1580688000", "0000-01-01", "2020-02-05"],
    "country": ["SYR", "syr", "SYR,TUR", "", " ", "ZZZ", "KEN"],
    "admin1": ["09", "", "68"],
    "plover_type": ["ASSAULT", "protest", "X" * 201],
    "cameo_root": ["19", "9", "1,2", "14"],
    "acled_event_type": ["Battles", "protests", "Explosions/Remote violence"],
    "actor": ["TUR", "akar", "", "turkish sold", "%"],
    "actor_role": ["any", "source", "target", "SOURCE", "x"],
    "killed_min": ["0", "1", "14", "007", "-1", "1.0", "1000000000", "x", "", " 5"],
    "bbox": ["30,30,40,40", "170,-90,-160,90", "1,2,3", "x", ""],
    "q": ["forces", "' OR 1=1 --", "%", "", "SÉGOU"],
    "negated": ["true", "false", "1", "0", "True", "yes", "x", ""],
    "future": ["true", "false", "off"],
    "min_confidence": ["0", "0.5", "1", "1.0", "1.5", ".5", "x", "0.50", "1e-1"],
    "sort": [*SORTS, "bogus", ""],
    "limit": ["1", "2", "100", "1000", "1001", "0", "01", "-1", "", "3"],
    "cursor": ["", "abc", "WyIyMDIwLTAyLTAzIiwxXQ"],
    "total": ["true", "false", "1", "0", "yes", "TRUE"],
    "unknown": ["1"],
}


@pytest.fixture(scope="module")
def clients(store_path):
    with (
        TestClient(create_app(store_path, cache_entries=0)) as fast,
        TestClient(create_app(store_path, cache_entries=0, fast_events=False)) as route,
    ):
        yield fast, route


def same_answer(clients, query: str) -> int:
    fast, route = clients
    a, b = fast.get(f"/api/events?{query}"), route.get(f"/api/events?{query}")
    assert (a.status_code, a.content) == (b.status_code, b.content), query
    assert a.headers["content-type"] == b.headers["content-type"], query
    return a.status_code


def test_random_requests_get_the_routes_answers(clients):
    rng = random.Random(8)
    codes = set()
    for _ in range(400):
        pairs = [
            (name, rng.choice(VALUES[name]))
            for name in rng.sample(sorted(VALUES), rng.randint(0, 5))
        ]
        if pairs and rng.random() < 0.2:  # a repeated parameter
            pairs.append((pairs[0][0], rng.choice(VALUES[pairs[0][0]])))
        codes.add(same_answer(clients, urlencode(pairs)))
    assert codes >= {200, 400, 422}


def test_cursor_pages_get_the_routes_answers(clients):
    fast, _ = clients
    cursor, pages = None, 0
    while True:
        query = urlencode({"limit": 2, "sort": "-killed", **({"cursor": cursor} if cursor else {})})
        assert same_answer(clients, query) == 200
        cursor = fast.get(f"/api/events?{query}").json()["next_cursor"]
        pages += 1
        if cursor is None:
            break
    assert pages > 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=SYR&country=TUR&limit=5&sort=-killed&total=true",
        "since=2020-02-01&until=2020-02-28&killed_min=1&min_confidence=0.5&negated=false",
        "actor=akar&actor_role=source&q=threat&bbox=30,30,40,40&unknown=x",
        "limit=5&limit=1000",  # the last value wins
    ],
)
def test_plainly_valid_requests_take_the_fast_path(query):
    assert parse_events_request(query.encode()) is not None


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=01", "since=2020-2-3", "negated=yes", "sort=bogus", "killed_min=-1"]
    + ["min_confidence=1.5", "actor_role=SOURCE", "total=TRUE", "bbox=1,2,3", "limit="],
)
def test_anything_unsure_goes_to_the_route(query):
    assert parse_events_request(query.encode()) is None
