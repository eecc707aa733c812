"""One local[2] SparkSession for the whole spark suite, and helpers to read its output."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def spark():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pandas.*", category=FutureWarning)
        pyspark = pytest.importorskip("pyspark", reason="pip install 'eventwire[spark]'")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)")
    import fake_stages
    from pyspark import cloudpickle

    from eventwire.spark import spark_session

    cloudpickle.register_pickle_by_value(fake_stages)  # executors cannot import tests/
    session = spark_session(
        master="local[2]",
        app_name="eventwire-tests",
        conf={
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "4",
            "spark.driver.memory": "1g",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    assert pyspark.__version__ >= "3.5"
    yield session
    session.stop()


def read_events(output: Path) -> dict[str, dict[str, Any]]:
    """The events of a Spark output as ``Event.to_dict()`` by event id, plus ``event_date``."""
    import pyarrow.parquet as pq

    from eventwire.store.schema import event_from_row

    table = pq.read_table(output / "events", partitioning="hive")
    out: dict[str, dict[str, Any]] = {}
    for row in table.to_pylist():
        day, month = row.pop("event_date"), row.pop("event_month")
        assert month == (None if day is None else day.isoformat()[:7])
        data = event_from_row(row).to_dict()
        assert data["event_id"] not in out, f"duplicate event {data['event_id']}"
        out[data["event_id"]] = {**data, "event_date": None if day is None else str(day)}
    return out
