"""The DuckDB store: articles, events, runs and skipped records; corpus runs; exports.

- ``run_corpus(inputs, db=..., workers=..., progress=...)`` codes a corpus idempotently.
- ``Store.open(path)`` gives the tables; ``iter_rows``/``EventFilter`` select events.
- ``export_events(fmt, out, db=..., filter=...)`` writes csv, jsonl, parquet, geojson, gdelt,
  acled or plover.
"""

from __future__ import annotations

from .db import DEFAULT_DB, Coded, Problem, Store, StoreError
from .exports import FORMATS as EXPORT_FORMATS
from .exports import export_events
from .query import EventFilter, EventRow, iter_rows
from .run import RunInterrupted, RunProgress, RunSummary, run_corpus

__all__ = [
    "DEFAULT_DB",
    "EXPORT_FORMATS",
    "Coded",
    "EventFilter",
    "EventRow",
    "Problem",
    "RunInterrupted",
    "RunProgress",
    "RunSummary",
    "Store",
    "StoreError",
    "export_events",
    "iter_rows",
    "run_corpus",
]
