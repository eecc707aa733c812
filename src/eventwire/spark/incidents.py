"""Incident merging as a Spark stage — the hook between the Spark job and ``eventwire.incidents``.

The stage blocks events by ``eventwire.incidents.incident_key(event)`` (events that may be one
incident share a key; with ``None`` the event is an incident of its own), groups each block on one executor and merges it
with ``eventwire.incidents.merge_incidents(events)``, which returns dataclass records written as
``incidents/`` Parquet with the store's column mapping. Until that module provides both
functions, ``incident_stage`` returns the reason it did nothing and the job writes no incidents.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import TYPE_CHECKING, Any

from ..store.schema import event_from_row, record_columns, to_table
from .schema import PARTITION_COLUMN, spark_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

MODULE = "eventwire.incidents"
REQUIRED = ("incident_key", "merge_incidents", "Incident")


def incidents_module() -> Any | str:
    """The incidents module, or why it cannot be used yet."""
    try:
        module = importlib.import_module(MODULE)
    except ImportError as e:
        return f"not merged: {MODULE} is not available ({e})"
    missing = [name for name in REQUIRED if not hasattr(module, name)]
    if missing:
        return f"not merged: {MODULE} lacks {', '.join(missing)} (see eventwire.spark.incidents)"
    return module


def incident_stage(spark: SparkSession, events: DataFrame) -> DataFrame | str:
    """Incidents of the coded events as a DataFrame, or the reason there are none."""
    module = incidents_module()
    if isinstance(module, str):
        return module
    if not dataclasses.is_dataclass(module.Incident):
        return f"not merged: {MODULE}.Incident is not a dataclass"
    columns = record_columns(module.Incident)
    names = [c.name for c in columns]

    def merge(block: tuple[Any, Any]) -> list[tuple[Any, ...]]:
        merged = module.merge_incidents([event_from_row(row) for row in block[1]])
        rows = to_table([dataclasses.asdict(i) for i in merged], columns).to_pylist()
        return [tuple(row[n] for n in names) for row in rows]

    blocks = (
        events.drop(PARTITION_COLUMN)
        .rdd.map(lambda row: row.asDict(recursive=True))
        .keyBy(lambda row: module.incident_key(event_from_row(row)) or ("", row["event_id"]))
        .groupByKey()
    )
    return spark.createDataFrame(blocks.flatMap(merge), spark_schema(columns))
