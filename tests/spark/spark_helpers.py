"""Paths and readers shared by the spark tests (a module of its own: every test folder has a
``conftest``, so importing from one by name is ambiguous)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


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
