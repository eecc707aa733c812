"""Property-based requests generated from the OpenAPI document: no answer is a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, status_code_conformance

from eventwire.serve import Snapshots, create_app

PATHS = [
    "/api/events",
    "/api/events.csv",
    "/api/events.geojson",
    "/api/events/{event_id}",
    "/api/facets",
    "/api/grid",
    "/api/incidents",
    "/api/status",
]


@pytest.fixture(scope="module")
def api_schema(store_path, tmp_path_factory):
    snaps = Snapshots(store_path, workdir=tmp_path_factory.mktemp("schema-snapshots"))
    snaps.start(background=False)
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store_path, snapshots=snaps))
    snaps.stop()


def test_every_endpoint_is_covered(api_schema):
    assert sorted(r.ok().path for r in api_schema.get_all_operations()) == sorted(PATHS)


@pytest.mark.parametrize("path", PATHS)
def test_no_request_makes_the_server_fail(api_schema, path):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    def check(case):
        case.call_and_validate(checks=[not_a_server_error, status_code_conformance])

    check()
