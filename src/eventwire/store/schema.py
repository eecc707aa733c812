"""Table layouts derived from the typed records, so the store follows the model as it grows.

Each record field maps to a DuckDB column and an Arrow field of the same shape: ``str`` VARCHAR,
``int`` BIGINT, ``float`` DOUBLE, ``bool`` BOOLEAN, ``date`` DATE, a record STRUCT, ``list[X]``
X[]. ``X | None`` is nullable. Anything else is kept as JSON text.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import pyarrow as pa

from ..model import Article, Event

_SCALARS: dict[type, tuple[str, pa.DataType]] = {
    str: ("VARCHAR", pa.string()),
    int: ("BIGINT", pa.int64()),
    float: ("DOUBLE", pa.float64()),
    bool: ("BOOLEAN", pa.bool_()),
    date: ("DATE", pa.date32()),
    datetime: ("TIMESTAMP", pa.timestamp("us")),
}


class Unsupported(TypeError):
    """A field type with no column shape; such a field is stored as JSON text."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its DuckDB type, its Arrow type and whether values travel as JSON text."""

    name: str
    sql: str
    arrow: pa.DataType
    json: bool = False

    def to_store(self, value: Any) -> Any:
        return json.dumps(value, ensure_ascii=False) if self.json and value is not None else value

    def from_store(self, value: Any) -> Any:
        return json.loads(value) if self.json and value is not None else value


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        raise Unsupported(hint)
    return hint


def _shape(hint: Any) -> tuple[str, pa.DataType]:
    hint = _strip_optional(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        sql, arrow = _shape(item)
        return f"{sql}[]", pa.list_(arrow)
    if dataclasses.is_dataclass(hint):
        parts = [(f.name, _shape(h)) for f, h in _fields(hint)]
        sql = ", ".join(f'"{name}" {s}' for name, (s, _) in parts)
        return f"STRUCT({sql})", pa.struct([pa.field(name, a) for name, (_, a) in parts])
    raise Unsupported(hint)


def _fields(cls: Any) -> list[tuple[dataclasses.Field, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


@cache
def record_columns(cls: type) -> tuple[Column, ...]:
    """The columns of a record type, in field order."""
    columns = []
    for f, hint in _fields(cls):
        try:
            sql, arrow = _shape(hint)
            columns.append(Column(f.name, sql, arrow))
        except Unsupported:
            columns.append(Column(f.name, "VARCHAR", pa.string(), json=True))
    return tuple(columns)


# Provenance kept with each article, after the Article fields.
ARTICLE_EXTRA = (
    Column("source_file", "VARCHAR", pa.string()),
    Column("record", "BIGINT", pa.int64()),
    Column("run_id", "BIGINT", pa.int64()),
    Column("coded_at", "TIMESTAMP", pa.timestamp("us")),
    Column("n_events", "BIGINT", pa.int64()),
)


def article_columns() -> tuple[Column, ...]:
    return record_columns(Article) + ARTICLE_EXTRA


def event_columns() -> tuple[Column, ...]:
    return record_columns(Event)


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.arrow) for c in columns])


def to_table(rows: list[dict[str, Any]], columns: tuple[Column, ...]) -> pa.Table:
    """An Arrow table of dict rows, JSON columns serialised."""
    json_columns = [c for c in columns if c.json]
    if json_columns:
        rows = [
            {**row, **{c.name: c.to_store(row.get(c.name)) for c in json_columns}} for row in rows
        ]
    return pa.Table.from_pylist(rows, schema=arrow_schema(columns))


def _copier(hint: Any) -> Any:
    """A function copying a value of type ``hint`` into plain dicts and lists (None-safe)."""
    hint = _strip_optional_or_none(hint)
    if dataclasses.is_dataclass(hint):
        parts = [(f.name, _copier(h)) for f, h in _fields(hint)]
        names = tuple(name for name, _ in parts)
        # one attrgetter call reads every field; only nested values need copying
        nested = [(i, name, copy) for i, (name, copy) in enumerate(parts) if copy is not _same]
        getter = operator.attrgetter(*names) if len(names) > 1 else None

        def record(value: Any) -> Any:
            if value is None:
                return None
            if getter is None:
                return {name: copy(getattr(value, name)) for name, copy in parts}
            values = getter(value)
            row = dict(zip(names, values, strict=True))
            for i, name, copy in nested:
                row[name] = copy(values[i])
            return row

        return record
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        copy_item = _copier(item)
        if copy_item is _same:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [copy_item(v) for v in value]
    return _same


def _same(value: Any) -> Any:
    return value


def _strip_optional_or_none(hint: Any) -> Any:
    try:
        return _strip_optional(hint)
    except Unsupported:
        return hint


@cache
def _row_maker(cls: Any) -> Any:
    return _copier(cls)


def record_row(record: Any) -> dict[str, Any]:
    """A record as a dict of plain values, like ``dataclasses.asdict`` but without deep copies
    (several times faster on events)."""
    kind: Any = type(record)
    return _row_maker(kind)(record)


def event_row(event: Event) -> dict[str, Any]:
    return record_row(event)


def event_from_row(row: dict[str, Any]) -> Event:
    """The Event of a stored row (JSON columns parsed; unknown keys ignored)."""
    values = dict(row)
    for column in event_columns():
        if column.json and column.name in values:
            values[column.name] = column.from_store(values[column.name])
    return Event.from_dict(values)


def _ddl(table: str, columns: tuple[Column, ...], constraints: str = "") -> str:
    body = ",\n  ".join(f'"{c.name}" {c.sql}' for c in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {body}{constraints}\n)"


def create_statements() -> list[str]:
    """DDL for the store's tables (idempotent)."""
    return [
        "CREATE SEQUENCE IF NOT EXISTS run_ids START 1",
        """CREATE TABLE IF NOT EXISTS runs (
  run_id BIGINT PRIMARY KEY,
  started TIMESTAMP NOT NULL,
  finished TIMESTAMP,
  status VARCHAR NOT NULL,
  inputs VARCHAR[],
  workers BIGINT,
  dictionaries VARCHAR[],
  version VARCHAR,
  processed BIGINT DEFAULT 0,
  events BIGINT DEFAULT 0,
  skipped BIGINT DEFAULT 0,
  failed BIGINT DEFAULT 0,
  already BIGINT DEFAULT 0
)""",
        _ddl("articles", article_columns(), ",\n  PRIMARY KEY (id)"),
        _ddl("events", event_columns()),
        """CREATE TABLE IF NOT EXISTS skipped (
  key VARCHAR PRIMARY KEY,
  source_file VARCHAR NOT NULL,
  record BIGINT,
  kind VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  run_id BIGINT,
  skipped_at TIMESTAMP
)""",
    ]
