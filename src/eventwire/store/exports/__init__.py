"""Exports of stored events, one module per format; each has ``export(store, filter, out)``
writing to a binary stream and returning the number of events written."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import IO

import duckdb

from ..db import DEFAULT_DB, Store, StoreError
from ..query import EventFilter

FORMATS = {
    "csv": "csvfile",
    "jsonl": "jsonl",
    "parquet": "parquet",
    "geojson": "geojson",
    "gdelt": "gdelt",
    "acled": "acled",
    "plover": "plover",
}


def exporter(fmt: str) -> ModuleType:
    """The module writing ``fmt``."""
    try:
        name = FORMATS[fmt]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise ValueError(f"unknown export format {fmt!r}; choose one of {choices}") from None
    return importlib.import_module(f"{__name__}.{name}")


def export_events(
    fmt: str,
    out: str | Path | IO[bytes],
    *,
    db: str | Path = DEFAULT_DB,
    filter: EventFilter | None = None,
) -> int:
    """Write the stored events matching ``filter`` as ``fmt`` to ``out`` (a path, ``-`` for
    standard output, or a binary stream); returns how many events were written."""
    module = exporter(fmt)
    flt = filter or EventFilter()
    try:
        with Store.open(db, read_only=True) as store:
            return _export(module, store, flt, out)
    except duckdb.Error as e:
        raise StoreError(f"[E211] reading events from {db} failed: {e}") from e


def _export(module: ModuleType, store: Store, flt: EventFilter, out: str | Path | IO[bytes]) -> int:
    if not isinstance(out, str | Path):
        return module.export(store, flt, out)
    if str(out) == "-":
        n = module.export(store, flt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return n
    path = Path(out)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as stream:
            n = module.export(store, flt, stream)
        partial.replace(path)
    except OSError as e:
        raise StoreError(f"[E210] cannot write {path}: {e}") from e
    finally:
        partial.unlink(missing_ok=True)
    return n


__all__ = ["FORMATS", "EventFilter", "export_events", "exporter"]
