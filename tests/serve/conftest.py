"""Fixtures for the server tests: a store of hand-built events and clients of the app over it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from serve_helpers import CASES, build, fill

from eventwire.serve import create_app


@pytest.fixture(scope="session")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "events.duckdb"
    fill(path)
    return path


@pytest.fixture(scope="session")
def cases():
    """(article, event) of every case, as stored."""
    return [build(case, n) for n, case in enumerate(CASES, 1)]


@pytest.fixture(scope="session")
def client(store_path):
    with TestClient(create_app(store_path)) as test_client:
        yield test_client
