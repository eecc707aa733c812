"""The Spark shapes of the outputs, derived from the store's columns so both stay identical.

``events`` has exactly the columns of the store's events table plus ``event_date``, the day the
event happened (the store's ``EVENT_DAY`` rule: the event's own date, else the article's
publication date), and ``event_month`` (``YYYY-MM`` of that day), which partitions the Parquet
output: one folder per month, as a folder per day would make thousands of tiny files of the
historical days news mentions.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ..model import Article, Event
from ..readers import Origin, Skipped
from ..store.schema import Column, article_columns, event_columns, event_row, to_table

if TYPE_CHECKING:
    from pyspark.sql.types import DataType, StructType

DAY_COLUMN = "event_date"
PARTITION_COLUMN = "event_month"
# Article columns kept in the Spark output: the store's, less those a Spark job has no use for.
_RUN_ONLY = ("run_id", "coded_at")

PROBLEM_COLUMNS = (
    Column("key", "VARCHAR", pa.string()),
    Column("source_file", "VARCHAR", pa.string()),
    Column("record", "BIGINT", pa.int64()),
    Column("kind", "VARCHAR", pa.string()),
    Column("reason", "VARCHAR", pa.string()),
)


def spark_article_columns() -> tuple[Column, ...]:
    return tuple(c for c in article_columns() if c.name not in _RUN_ONLY)


def spark_type(arrow: pa.DataType) -> DataType:
    """The Spark type of an Arrow type used by the store's columns."""
    from pyspark.sql import types as T

    scalars = {
        pa.string(): T.StringType(),
        pa.int64(): T.LongType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
        pa.date32(): T.DateType(),
        pa.timestamp("us"): T.TimestampType(),
    }
    if arrow in scalars:
        return scalars[arrow]
    if pa.types.is_list(arrow):
        return T.ArrayType(spark_type(arrow.value_type), containsNull=True)
    if pa.types.is_struct(arrow):
        return T.StructType(
            [T.StructField(f.name, spark_type(f.type), nullable=True) for f in arrow]
        )
    raise TypeError(f"[E301] no Spark type for Arrow type {arrow}; extend spark_type()")


def spark_schema(columns: tuple[Column, ...], *extra: tuple[str, DataType]) -> StructType:
    from pyspark.sql import types as T

    fields = [T.StructField(c.name, spark_type(c.arrow), nullable=True) for c in columns]
    fields += [T.StructField(name, kind, nullable=True) for name, kind in extra]
    return T.StructType(fields)


@cache
def events_schema() -> StructType:
    from pyspark.sql import types as T

    return spark_schema(
        event_columns(), (DAY_COLUMN, T.DateType()), (PARTITION_COLUMN, T.StringType())
    )


@cache
def articles_schema() -> StructType:
    return spark_schema(spark_article_columns())


@cache
def problems_schema() -> StructType:
    return spark_schema(PROBLEM_COLUMNS)


KINDS = ("event", "article", "problem")


@cache
def tagged_schema() -> StructType:
    """What the coding stage yields: a ``kind`` and the one matching struct filled."""
    from pyspark.sql import types as T

    parts = (events_schema(), articles_schema(), problems_schema())
    return T.StructType(
        [T.StructField("kind", T.StringType(), nullable=False)]
        + [T.StructField(k, part, nullable=True) for k, part in zip(KINDS, parts, strict=True)]
    )


def event_day(event: Event, article: Article) -> date | None:
    """The day an event happened: its own date (partial dates padded), else the publication's."""
    if event.date:
        text = event.date.strip()
        padded = {4: text + "-01-01", 7: text + "-01"}.get(len(text), text[:10])
        try:
            return date.fromisoformat(padded)
        except ValueError:
            pass
    return article.published


def _rows(dicts: list[dict[str, Any]], columns: tuple[Column, ...]) -> list[tuple[Any, ...]]:
    """Rows normalised exactly as the store writes them (same Arrow types), as tuples, read
    column by column (a dict per row would cost more than the conversion itself)."""
    if not dicts:
        return []
    table = to_table(dicts, columns)
    return list(zip(*(column.to_pylist() for column in table.columns), strict=True))


def event_rows(article: Article, events: list[Event]) -> list[tuple[Any, ...]]:
    """One row per event, in the column order of ``events_schema()``."""
    # event_row, not Event.to_dict: the same values without dataclasses.asdict's deep copies
    rows = _rows([event_row(event) for event in events], event_columns())
    out = []
    for row, event in zip(rows, events, strict=True):
        day = event_day(event, article)
        out.append((*row, day, day.isoformat()[:7] if day is not None else None))
    return out


def article_row(article: Article, origin: Origin, n_events: int) -> tuple[Any, ...]:
    values = {
        **{c.name: getattr(article, c.name, None) for c in spark_article_columns()},
        "source_file": origin.source,
        "record": origin.record,
        "n_events": n_events,
    }
    return _rows([values], spark_article_columns())[0]


def problem_row(skipped: Skipped, kind: str) -> tuple[Any, ...]:
    key = f"{skipped.source}#{'' if skipped.record is None else skipped.record}"
    return (key, skipped.source, skipped.record, kind, skipped.reason)
