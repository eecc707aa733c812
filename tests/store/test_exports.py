"""Each export format, read back by the tools users load it with."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from datetime import date

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventwire.store import EventFilter, StoreError, export_events
from eventwire.store.exports import FORMATS, exporter
from eventwire.store.exports.acled import COLUMNS as ACLED_COLUMNS
from eventwire.store.exports.gdelt import COLUMNS as GDELT_COLUMNS


@pytest.fixture
def db(filled, tmp_path):
    """The filled store's file, closed so exports can open it read-only."""
    path = filled.path
    filled.close()
    return path


def test_geojson_read_by_ogrinfo(db, tmp_path):
    if shutil.which("ogrinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("ogrinfo (Debian gdal-bin) is required in CI")
        pytest.skip("ogrinfo not installed (apt-get install gdal-bin)")
    out = tmp_path / "events.geojson"
    assert export_events("geojson", out, db=db) == 5  # the unlocated event is left out
    info = subprocess.run(
        ["ogrinfo", "-ro", "-so", "-al", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "Feature Count: 5" in info
    assert "Geometry: Point" in info
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert (lon, lat) == (36.8006, 35.8621)  # RFC 7946 order: longitude first
    assert data["features"][0]["properties"]["killed"]["best"] == 14


def test_gdelt_read_by_pandas(db, tmp_path):
    out = tmp_path / "events.tsv"
    assert export_events("gdelt", out, db=db) == 5  # the event without CAMEO code is left out
    frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str)
    assert frame.shape == (5, 61)
    syria = frame[frame.ActionGeo_CountryCode == "SY"].iloc[0]
    assert syria.EventCode == "0195" and syria.EventBaseCode == "019"
    assert syria.EventRootCode == "19" and syria.QuadClass == "4"
    assert syria.SQLDATE == "20200203" and syria.MonthYear == "202002" and syria.Year == "2020"
    assert syria.Actor1Code == "SYRMIL" and syria.Actor1Type1Code == "MIL"
    assert syria.Actor2CountryCode == "TUR"
    assert syria.ActionGeo_Type == "4" and syria.ActionGeo_ADM1Code == "SY09"
    assert syria.ActionGeo_FullName == "Saraqeb, Syria"
    assert syria.ActionGeo_FeatureID == "163270"
    assert float(syria.ActionGeo_Lat) == pytest.approx(35.8621)
    assert syria.SOURCEURL.startswith("https://news.example/")
    kenya = frame[frame.ActionGeo_CountryCode == "KE"].iloc[0]
    assert kenya.EventCode == "141" and kenya.SQLDATE == "20240601"  # month: first day


def test_acled_header_and_conventions(db, tmp_path):
    out = tmp_path / "acled.csv"
    assert export_events("acled", out, db=db) == 5
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ACLED_COLUMNS and len(rows[0]) == 31
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    shelling = next(r for r in records if r["event_type"] == "Explosions/Remote violence")
    assert shelling["fatalities"] == "13"  # conservative: low, not best
    assert shelling["time_precision"] == "1" and shelling["geo_precision"] == "1"
    assert shelling["inter1"] == "1" and shelling["inter2"] == "8"  # Turkish forces in Syria
    assert shelling["interaction"] == "18"
    assert shelling["iso"] == "760" and shelling["country"] == "Syria"
    assert shelling["disorder_type"] == "Political violence"
    assert shelling["actor1"] == "Military Forces of Syria"
    protest = next(r for r in records if r["event_type"] == "Protests")
    assert protest["inter1"] == "6" and protest["inter2"] == "1" and protest["interaction"] == "16"
    assert protest["time_precision"] == "3" and protest["geo_precision"] == "1"
    assert protest["tags"] == "crowd size=5000" and protest["fatalities"] == "0"
    assert protest["actor1"] == "Protesters (Kenya)"
    assert all(r["geo_precision"] in {"1", "2", "3"} for r in records)
    assert all(r["time_precision"] in {"1", "2", "3"} for r in records)


def test_parquet_read_by_duckdb_and_pyarrow(db, tmp_path):
    out = tmp_path / "events.parquet"
    assert export_events("parquet", out, db=db) == 6
    table = pq.read_table(out)
    assert table.num_rows == 6
    assert str(table.schema.field("killed").type).startswith("struct<best: int64")
    assert str(table.schema.field("article_published").type) == "date32[day]"
    con = duckdb.connect()
    count, best = con.execute(
        "SELECT count(*), max(killed.best) FROM read_parquet(?)", [str(out)]
    ).fetchone()
    assert (count, best) == (6, 14)


def test_csv_has_every_field(db, tmp_path):
    out = tmp_path / "events.csv"
    assert export_events("csv", out, db=db) == 6
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6
    assert json.loads(rows[0]["source_actors"])[0]["code"] == "SYRMIL"
    assert rows[0]["negated"] == "false"
    assert "article_url" in rows[0] and "schema_version" in rows[0]


def test_plover_records(db, tmp_path):
    out = tmp_path / "plover.jsonl"
    assert export_events("plover", out, db=db) == 6
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first = records[0]
    for key in ("id", "has_event", "date", "actor", "recipient", "event", "event_loc",
                "event_text", "quad_code", "mode", "context", "coder"):  # fmt: skip
        assert key in first
    assert first["event"] == ["ASSAULT"] and first["mode"] == ["heavy-weapons"]
    assert first["actor"][0]["code"] == "SYRMIL"
    assert first["event_loc"]["country_code"] == "SYR"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), 6),
        (EventFilter(country="KEN"), 1),
        (EventFilter(country="syr"), 4),
        (EventFilter(plover_type="protest"), 1),
        (EventFilter(since=date(2024, 1, 1)), 2),  # the undated event takes its article's date
        (EventFilter(until=date(2020, 12, 31)), 4),
        (EventFilter(since=date(2024, 6, 1), until=date(2024, 6, 1)), 1),
        (EventFilter(country="SYR", plover_type="ASSAULT", since=date(2021, 1, 1)), 0),
    ],
)
def test_filters(db, tmp_path, flt, expected):
    assert export_events("jsonl", tmp_path / "x.jsonl", db=db, filter=flt) == expected


def test_filter_values_are_parameters_not_sql(db, tmp_path):
    sneaky = EventFilter(plover_type="x' OR '1'='1")
    assert export_events("jsonl", tmp_path / "x.jsonl", db=db, filter=sneaky) == 0
    with pytest.raises(ValueError):
        EventFilter(country="SY'; DROP TABLE events; --")


def test_every_format_is_registered():
    assert set(FORMATS) == {"csv", "jsonl", "parquet", "geojson", "gdelt", "acled", "plover"}
    for fmt in FORMATS:
        assert callable(exporter(fmt).export)
    with pytest.raises(ValueError, match="unknown export format"):
        exporter("xml")


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="E201"):
        export_events("csv", tmp_path / "x.csv", db=tmp_path / "none.duckdb")
    assert not (tmp_path / "x.csv").exists()
