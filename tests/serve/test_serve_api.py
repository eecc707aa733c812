"""The JSON API through FastAPI's in-process client, over a store of hand-built events."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import duckdb
import pytest
from fastapi.testclient import TestClient
from serve_helpers import EMOJI_SENTENCE, SCRIPT_SENTENCE, SQL_SENTENCE, event_day, fill

from eventwire.serve import create_app


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


def expected(cases, keep) -> set[str]:
    return {event.event_id for article, event in cases if keep(article, event)}


def test_lists_every_event_newest_first_undated_last(client, cases):
    body = client.get("/api/events").json()
    assert len(body["events"]) == len(cases)
    assert body["next_cursor"] is None
    days = [e["day"] for e in body["events"]]
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert days[-1] is None  # the event with neither a date nor a published day
    assert body["generation"] >= 1


def test_event_summary_fields(client, cases):
    article, event = cases[0]
    row = next(
        e for e in client.get("/api/events").json()["events"] if e["event_id"] == event.event_id
    )
    assert row["plover_type"] == "ASSAULT"
    assert row["country"] == "SYR"
    assert (row["lat"], row["lon"]) == (35.8621, 36.8006)
    assert row["killed"] == 14
    assert row["source_codes"] == ["SYRMIL"]
    assert row["target_codes"] == ["TURMIL"]
    assert row["url"] == article.url
    assert row["day"] == "2020-02-03"


def test_day_falls_back_to_published_and_pads_partial_dates(client, cases):
    rows = {e["event_id"]: e for e in client.get("/api/events").json()["events"]}
    for article, event in cases:
        assert rows[event.event_id]["day"] == event_day(event, article.published)


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"since": "2022-01-01"}, lambda a, e: (event_day(e, a.published) or "") >= "2022-01-01"),
        (
            {"since": "2021-01-01", "until": "2021-12-31"},
            lambda a, e: "2021-01-01" <= (event_day(e, a.published) or "") <= "2021-12-31",
        ),
        ({"country": "syr"}, lambda a, e: e.location is not None and e.location.country == "SYR"),
        (
            {"country": ["SYR", "TUR"]},
            lambda a, e: e.location is not None and e.location.country in ("SYR", "TUR"),
        ),
        (
            {"country": "SYR,KEN"},
            lambda a, e: e.location is not None and e.location.country in ("SYR", "KEN"),
        ),
        ({"admin1": "07"}, lambda a, e: e.location is not None and e.location.admin1 == "07"),
        (
            {"actor": "TUR"},
            lambda a, e: any(
                (x.code or "").startswith("TUR") for x in e.source_actors + e.target_actors
            ),
        ),
        ({"actor": "akar"}, lambda a, e: any("akar" in x.text.lower() for x in e.source_actors)),
        (
            {"actor": "SYRMIL", "actor_role": "target"},
            lambda a, e: any(x.code == "SYRMIL" for x in e.target_actors),
        ),
        ({"plover_type": "assault"}, lambda a, e: e.plover_type == "ASSAULT"),
        ({"plover_type": "PROTEST,AID"}, lambda a, e: e.plover_type in ("PROTEST", "AID")),
        ({"cameo_root": "19"}, lambda a, e: e.cameo_root == "19"),
        ({"cameo_root": "4"}, lambda a, e: e.cameo_root == "04"),
        ({"acled_event_type": "protests"}, lambda a, e: e.acled_event_type == "Protests"),
        ({"killed_min": 10}, lambda a, e: e.killed is not None and e.killed.best >= 10),
        (
            {"bbox": "20,-10,60,50"},
            lambda a, e: (
                e.location is not None
                and 20 <= e.location.lon <= 60
                and -10 <= e.location.lat <= 50
            ),
        ),
        (  # across the antimeridian: Suva (178E) and Uelen (170W)
            {"bbox": "170,-30,-165,70"},
            lambda a, e: e.location is not None and abs(e.location.lon) > 165,
        ),
        ({"q": "KILLING"}, lambda a, e: "killing" in e.sentence.lower()),
        ({"negated": "true"}, lambda a, e: e.negated),
        ({"future": "true"}, lambda a, e: e.future),
        ({"min_confidence": 0.9}, lambda a, e: False),
    ],
)
def test_filters_match_a_python_reading_of_the_events(client, cases, params, keep):
    found = ids(client.get("/api/events", params=params))
    assert set(found) == expected(cases, keep)
    assert len(found) == len(set(found))


@pytest.mark.parametrize(
    "needle",
    ["' OR 1=1 --", "%", "_", "100%", "_wild_", "'", '"', "\\", "😀", "Ségou", "café", ";"],
)
def test_text_search_takes_metacharacters_literally(client, cases, needle):
    found = ids(client.get("/api/events", params={"q": needle}))
    assert set(found) == expected(cases, lambda a, e: needle.lower() in e.sentence.lower())


INJECTIONS = ["' OR 1=1 --", "%", "_", "%' --", "1; DROP TABLE events; --", "ü", "😀", "\u0000"]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    "name", ["country", "admin1", "actor", "plover_type", "cameo_root", "acled_event_type"]
)
def test_metacharacters_in_filters_match_nothing_and_never_fail(client, name, value):
    response = client.get("/api/events", params={name: value})
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 200:
        assert response.json()["events"] == []


@pytest.mark.parametrize("value", INJECTIONS + ["1,2,3", "0,0,0", "-200,0,10,10", "a,b,c,d"])
@pytest.mark.parametrize(
    "name", ["bbox", "sort", "cursor", "since", "until", "killed_min", "negated", "limit"]
)
def test_malformed_values_are_4xx_not_5xx(client, name, value):
    response = client.get("/api/events", params={name: value})
    assert 400 <= response.status_code < 500, response.text
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "path",
    ["/api/facets", "/api/grid", "/api/events.csv", "/api/events.geojson", "/api/events"],
)
def test_every_endpoint_survives_sql_metacharacters(client, path):
    params = [("q", v) for v in INJECTIONS[:1]] + [("country", "' OR 1=1 --"), ("actor", "%")]
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("sort", ["-date", "date", "-killed", "killed", "-confidence", "goldstein"])
def test_cursor_pages_cover_every_event_once_in_order(client, cases, sort):
    whole = ids(client.get("/api/events", params={"sort": sort, "limit": 1000}))
    paged: list[str] = []
    cursor = None
    for _ in range(20):
        params = {"sort": sort, "limit": 5}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).json()
        paged += [e["event_id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert paged == whole
    assert len(set(paged)) == len(cases)


def test_sort_by_killed_puts_unknown_tolls_last(client):
    events = client.get("/api/events", params={"sort": "-killed"}).json()["events"]
    tolls = [e["killed"] for e in events]
    known = [t for t in tolls if t is not None]
    assert tolls[: len(known)] == sorted(known, reverse=True) == [30, 14, 5]


def test_total_on_request(client, cases):
    body = client.get("/api/events", params={"limit": 2, "total": "true"}).json()
    assert body["total"] == len(cases)
    assert len(body["events"]) == 2


def test_event_detail_has_sentence_offsets_and_highlights(client, cases):
    article, event = cases[0]
    body = client.get(f"/api/events/{event.event_id}").json()
    assert body["sentence"] == event.sentence
    assert body["sentence_start"] == article.text.index(event.sentence)
    assert body["article"]["url"] == article.url
    assert body["article"]["title"] == article.title
    spans = {h["role"]: h for h in body["highlights"]}
    assert spans["trigger"]["text"] == "shelled"
    assert spans["source"]["text"] == "Syrian government forces"
    assert spans["target"]["text"] == "Turkish soldiers"
    assert spans["location"]["text"] == "Saraqeb"
    for h in body["highlights"]:
        assert event.sentence[h["start"] : h["end"]] == h["text"]
    assert body["killed"]["best"] == 14
    assert body["location"]["name"] == "Saraqeb"


def test_highlights_count_code_points(client, cases):
    article, event = next((a, e) for a, e in cases if e.sentence == EMOJI_SENTENCE)
    body = client.get(f"/api/events/{event.event_id}").json()
    spans = {h["role"]: h for h in body["highlights"]}
    assert spans["trigger"]["text"] == "dispersed"
    assert spans["location"]["text"] == "Ségou"
    assert EMOJI_SENTENCE[spans["trigger"]["start"] : spans["trigger"]["end"]] == "dispersed"


def test_detail_returns_markup_verbatim_as_json_text(client, cases):
    article, event = next((a, e) for a, e in cases if e.sentence == SCRIPT_SENTENCE)
    response = client.get(f"/api/events/{event.event_id}")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["sentence"] == SCRIPT_SENTENCE


@pytest.mark.parametrize("event_id", ["nope", "' OR 1=1 --", "%", "x" * 300, "😀"])
def test_unknown_event_is_404(client, event_id):
    response = client.get(f"/api/events/{event_id}")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_facets_count_what_the_list_returns(client, cases):
    body = client.get("/api/facets").json()
    assert body["total"] == len(cases)
    assert body["killed"] == 14 + 5 + 30
    types = {f["value"]: f["count"] for f in body["plover_type"]}
    assert types == dict(Counter(e.plover_type for _, e in cases))
    countries = {f["value"]: f["count"] for f in body["country"]}
    assert countries == dict(Counter(e.location.country if e.location else None for _, e in cases))
    assert body["day"]["interval"] in ("day", "week", "month", "year")
    assert sum(b["count"] for b in body["day"]["buckets"]) == len(cases) - 1  # one is undated


def test_facets_follow_filters_and_choice(client):
    body = client.get(
        "/api/facets", params={"country": "SYR", "facet": ["plover_type", "day"], "interval": "day"}
    ).json()
    assert body["total"] == 1
    assert set(body) == {"total", "killed", "plover_type", "day"}
    assert body["day"] == {
        "interval": "day",
        "buckets": [{"start": "2020-02-03", "count": 1, "killed": 14}],
    }


def test_grid_cells_add_up_to_located_events(client, cases):
    body = client.get("/api/grid", params={"cell": 1}).json()
    located = [e for _, e in cases if e.location is not None]
    assert sum(c["count"] for c in body["cells"]) == len(located)
    assert sum(c["killed"] for c in body["cells"]) == 49
    singles = {c["event_id"] for c in body["cells"] if c["count"] == 1}
    assert singles <= {e.event_id for e in located}
    big = client.get("/api/grid", params={"cell": 90}).json()
    assert all(c["event_id"] is None for c in big["cells"] if c["count"] > 1)
    view = client.get("/api/grid", params={"cell": 1, "view": "30,30,40,40"}).json()
    assert sum(c["count"] for c in view["cells"]) == 3  # Saraqeb, Ankara, Gaza


@pytest.mark.parametrize(
    "params", [{"cell": 0}, {"cell": "x"}, {"view": "1,2,3"}, {"view": "0,50,10,40"}]
)
def test_grid_rejects_bad_cells_and_views(client, params):
    assert client.get("/api/grid", params=params).status_code in (400, 422)


def test_csv_export_has_the_filtered_rows(client, cases):
    response = client.get("/api/events.csv", params={"plover_type": "PROTEST"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["event_id"] for r in rows} == expected(cases, lambda a, e: e.plover_type == "PROTEST")
    sql_row = next(r for r in rows if r["sentence"] == SQL_SENTENCE)
    assert sql_row["source_codes"] == "IRNEDU"


def test_geojson_export_has_located_points(client, cases):
    response = client.get("/api/events.geojson")
    assert response.status_code == 200
    body = json.loads(response.text)
    assert body["type"] == "FeatureCollection"
    located = {e.event_id: e for _, e in cases if e.location is not None}
    assert {f["id"] for f in body["features"]} == set(located)
    for feature in body["features"]:
        loc = located[feature["id"]].location
        assert feature["geometry"] == {"type": "Point", "coordinates": [loc.lon, loc.lat]}


def test_incidents_say_when_there_are_none(client):
    response = client.get("/api/incidents")
    assert response.status_code == 404
    assert "no incidents" in response.json()["detail"]


def test_incidents_are_listed_once_the_table_exists(tmp_path):
    path = tmp_path / "with-incidents.duckdb"
    fill(path)
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE incidents (incident_id VARCHAR, n_events BIGINT, day DATE)")
        con.execute(
            "INSERT INTO incidents VALUES "
            "('a', 2, DATE '2020-02-03'), ('b', 1, NULL), ('c', 5, NULL)"
        )
    with TestClient(create_app(path)) as local:
        first = local.get("/api/incidents", params={"limit": 2}).json()
        assert first["total"] == 3
        assert [i["incident_id"] for i in first["incidents"]] == ["a", "b"]
        assert first["incidents"][0]["day"] == "2020-02-03"
        rest = local.get("/api/incidents", params={"offset": first["next_offset"]}).json()
        assert [i["incident_id"] for i in rest["incidents"]] == ["c"]
        assert rest["next_offset"] is None


def test_status_names_the_snapshot(client, store_path, cases):
    body = client.get("/api/status").json()
    assert body["db"] == str(store_path)
    assert body["events"] == len(cases)
    assert body["incidents"] is False


def test_openapi_and_docs_work_offline(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/facets",
        "/api/grid",
        "/api/events.csv",
        "/api/events.geojson",
        "/api/incidents",
        "/api/status",
    ):
        assert path in spec["paths"]
    sort = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "sort")
    assert "-killed" in json.dumps(sort)
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_dashboard_is_served_with_a_strict_content_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "<canvas" in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    for asset in ("/static/app.js", "/static/app.css", "/static/countries.geo.json"):
        static = client.get(asset)
        assert static.status_code == 200
        assert static.headers["content-security-policy"] == policy
    assert client.get("/api/status").headers["x-content-type-options"] == "nosniff"
    assert "http" not in response.text.replace("http-equiv", "")  # no external URL at all


def test_country_outlines_are_packaged_geojson(client):
    geo = client.get("/static/countries.geo.json").json()
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) > 150
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Syria", "Kenya", "Fiji"} <= names


def test_a_cached_answer_is_the_computed_one_with_the_same_headers(client):
    url = "/api/events?country=SYR&limit=2&total=true"
    first = client.get(url)  # computed (or cached by an earlier test: then both are cached)
    again = client.get(url)
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    for name in ("content-type", "content-length", "x-content-type-options", "referrer-policy"):
        assert again.headers[name] == first.headers[name]
    other = client.get("/api/events?country=SYR&limit=1")  # another query: its own answer
    assert len(other.json()["events"]) == 1
