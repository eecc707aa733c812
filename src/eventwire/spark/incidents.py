"""Incident merging as a Spark stage, on top of ``eventwire.incidents``.

Events are blocked by ``eventwire.incidents.incident_key(event)`` — events that may be one
incident share a key; an event whose key is None merges with nothing outside its article, so
such events are blocked by article — and each block is merged on one executor by
``merge_incidents(events, articles=...)`` with the metadata of the events' articles. The
incidents are written with the store's column mapping of ``eventwire.incidents.Incident``.
When that package is missing or lacks these names, ``incident_stage`` returns the reason and
the job writes no incidents.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..store.schema import event_columns, event_from_row, record_columns, to_table
from .schema import spark_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

MODULE = "eventwire.incidents"
REQUIRED = ("incident_key", "merge_incidents", "Incident", "ArticleMeta")
META_FIELDS = ("source", "published", "url", "title")


def incidents_module() -> Any | str:
    """The incidents package, or why it cannot be used."""
    try:
        module = importlib.import_module(MODULE)
    except ImportError as e:
        return f"not merged: {MODULE} is not available ({e})"
    missing = [name for name in REQUIRED if not hasattr(module, name)]
    if missing:
        return f"not merged: {MODULE} lacks {', '.join(missing)} (see eventwire.spark.incidents)"
    return module


def block_of(module: Any, row: dict[str, Any]) -> tuple[Any, ...]:
    """The merge block of an event row: its incident key, else its article."""
    key = module.incident_key(event_from_row(row))
    return ("key", *key) if key is not None else ("article", row["article_id"])


def merge_block(module: Any, rows: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The incidents of one block of event rows (each carrying its article's metadata)."""
    events, metas = [], {}
    for row in rows:
        events.append(event_from_row(row))
        metas[row["article_id"]] = module.ArticleMeta(
            article_id=row["article_id"], **{f: row[f"article_{f}"] for f in META_FIELDS}
        )
    columns = record_columns(module.Incident)
    merged = module.merge_incidents(events, articles=metas)
    table = to_table([dataclasses.asdict(incident) for incident in merged], columns)
    names = [c.name for c in columns]
    return [tuple(row[n] for n in names) for row in table.to_pylist()]


def incident_stage(spark: SparkSession, events: DataFrame, articles: DataFrame) -> DataFrame | str:
    """Incidents of the coded events as a DataFrame, or the reason there are none."""
    module = incidents_module()
    if isinstance(module, str):
        return module
    meta = articles.select(
        articles.id.alias("article_id"), *(articles[f].alias(f"article_{f}") for f in META_FIELDS)
    )
    rows = events.select(*(c.name for c in event_columns())).join(meta, "article_id", "left")
    blocks = (
        rows.rdd.map(lambda row: row.asDict(recursive=True))
        .keyBy(lambda row: block_of(module, row))
        .groupByKey()
        .flatMap(lambda block: merge_block(module, block[1]))
    )
    return spark.createDataFrame(blocks, spark_schema(record_columns(module.Incident)))
