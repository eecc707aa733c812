"""Server limits: bad or oversized parameters get a 4xx with a message, never a 5xx; a short
load test on loopback (bench/serve_load.py with small numbers) answers with zero 5xx."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from eventwire.serve import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import serve_load  # noqa: E402

N_EVENTS = 3000
LOAD_SECONDS = 8.0


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "events.duckdb"
    serve_load.build_store(path, N_EVENTS)
    return path


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path)) as test_client:
        yield test_client


BAD = [
    ("/api/events", {"limit": "0"}),
    ("/api/events", {"limit": "100000"}),
    ("/api/events", {"limit": "abc"}),
    ("/api/events", {"limit": "9" * 400}),
    ("/api/events", {"since": "not-a-date"}),
    ("/api/events", {"since": "2020-02-31"}),
    ("/api/events", {"until": "99999-01-01"}),
    ("/api/events", {"killed_min": "-1"}),
    ("/api/events", {"killed_min": "1" + "0" * 400}),
    ("/api/events", {"min_confidence": "2"}),
    ("/api/events", {"min_confidence": "nan"}),
    ("/api/events", {"bbox": "1,2,3"}),
    ("/api/events", {"bbox": "a,b,c,d"}),
    ("/api/events", {"bbox": "0,0,0,1e400"}),
    ("/api/events", {"cursor": "garbage"}),
    ("/api/events", {"cursor": "!!!'; DROP TABLE events; --"}),
    ("/api/events", {"cursor": "A" * 5000}),
    ("/api/events", {"country": ",".join(["SYR"] * 51)}),
    ("/api/events", {"q": "x" * 201}),
    ("/api/events", {"actor": "y" * 201}),
    ("/api/events", {"sort": "bogus"}),
    ("/api/events", {"actor_role": "bogus"}),
    ("/api/events", {"negated": "maybe"}),
    ("/api/events.csv", {"limit": "0"}),
    ("/api/events.geojson", {"limit": "10000000"}),
    ("/api/grid", {"cell": "0"}),
    ("/api/grid", {"cell": "1e400"}),
    ("/api/incidents", {"offset": "-1"}),
    ("/api/incidents", {"limit": "1001"}),
]


@pytest.mark.parametrize(("path", "params"), BAD, ids=[f"{p}?{sorted(q)[0]}" for p, q in BAD])
def test_bad_parameters_are_a_4xx_with_a_message(client, path, params):
    r = client.get(path, params=params)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    assert r.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "' OR 1=1; DROP TABLE events; --"},
        {"actor": "%_\\'\"; --"},
        {"country": "SYR'--"},
        {"q": "\u202e\x00\ufeff"},
        {"limit": "1000"},
    ],
)
def test_hostile_but_valid_parameters_are_answered(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code in (200, 400), r.text[:300]
    assert client.get("/api/status").json()["events"] == N_EVENTS  # nothing was dropped


def _raw_status(port: int, target: str) -> int:
    """The status of a GET sent over a plain socket (httpx refuses URLs over 64 KB)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        head = sock.recv(64)
    return int(head.split()[1])


@pytest.mark.slow
def test_loopback_load_has_no_server_errors(store_path):
    port = serve_load.free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve_load.start_server(store_path, port, cache=False)
    try:
        serve_load.wait_ready(base, server, timeout=60)
        with httpx.Client(base_url=base, timeout=10) as http:
            long_query = http.get("/api/events", params={"q": "x" * 60_000})
            assert 400 <= long_query.status_code < 500
        assert 400 <= _raw_status(port, "/api/events?q=" + "x" * 300_000) < 500
        with httpx.Client(base_url=base, timeout=10) as http:
            many = http.get("/api/events?" + "&".join(["country=SYR"] * 2000))
            assert 400 <= many.status_code < 500
        latencies, errors, wall = asyncio.run(
            serve_load.load(base, clients=8, requests=100_000, seconds=LOAD_SECONDS, seed=5)
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except Exception:  # noqa: BLE001
            server.kill()
    print(f"\nload: {len(latencies)} answered in {wall:.1f} s, errors {errors}")
    assert not errors, errors
    assert len(latencies) > 50
