"""Selecting stored events with their article's metadata; filters are SQL parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..model import Event
from .db import Store, arrow_reader
from .schema import event_columns, event_from_row

_ISO3 = re.compile(r"^[A-Z]{3}$")

# The day an event happened, as YYYY-MM-DD: its own (partial dates padded), else the article's.
EVENT_DAY = """CASE
    WHEN e.date IS NULL OR e.date = '' THEN strftime(a.published, '%Y-%m-%d')
    WHEN length(e.date) = 4 THEN e.date || '-01-01'
    WHEN length(e.date) = 7 THEN e.date || '-01'
    ELSE left(e.date, 10) END"""

ARTICLE_FIELDS = ("url", "title", "published", "source", "coded_at")
# The event's incident (see eventwire.incidents.db), as ``incident_*``; NULL without incidents.
INCIDENT_FIELDS = (
    ("id", "m.incident_id", "VARCHAR"),
    ("num_mentions", "i.num_mentions", "BIGINT"),
    ("num_sources", "i.num_sources", "BIGINT"),
    ("num_articles", "i.num_articles", "BIGINT"),
    ("confidence", "m.confidence", "DOUBLE"),
    ("sources", "i.sources", "VARCHAR[]"),
    ("event_id", "i.event_id", "VARCHAR"),  # the event standing for the incident
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to select. Dates compare with the event's day (see ``EVENT_DAY``)."""

    since: date | None = None
    until: date | None = None
    country: str | None = None  # ISO 3166 alpha-3 of the event location
    plover_type: str | None = None

    def __post_init__(self) -> None:
        if self.country is not None and not _ISO3.match(self.country.upper()):
            raise ValueError(f"country must be an ISO 3166 alpha-3 code, not {self.country!r}")

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            clauses.append(f"({EVENT_DAY}) >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            clauses.append(f"({EVENT_DAY}) <= ?")
            params.append(self.until.isoformat())
        if self.country is not None:
            clauses.append("e.location.country = ?")
            params.append(self.country.upper())
        if self.plover_type is not None:
            clauses.append("upper(e.plover_type) = ?")
            params.append(self.plover_type.upper())
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


@dataclass(slots=True)
class EventRow:
    """A stored event with the metadata of its article."""

    event: Event
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    coded_at: datetime | None = None
    incident_id: str | None = None
    incident_num_mentions: int | None = None
    incident_num_sources: int | None = None
    incident_num_articles: int | None = None
    incident_confidence: float | None = None
    incident_sources: list[str] | None = None
    incident_event_id: str | None = None

    @property
    def stands_for_incident(self) -> bool:
        """Whether this event is the row of its incident in one-row-per-incident formats
        (its representative event), or has no incident."""
        return self.incident_id is None or self.incident_event_id == self.event.event_id


def select_sql(flt: EventFilter, *, incidents: bool = False) -> tuple[str, list[Any]]:
    """SQL (and its parameters) for the filtered events, article metadata as ``article_*``,
    the event's incident as ``incident_*`` (NULL unless ``incidents``: the tables exist)."""
    where, params = flt.where()
    columns = ", ".join(f'e."{c.name}"' for c in event_columns())
    article = ", ".join(f'a."{name}" AS "article_{name}"' for name in ARTICLE_FIELDS)
    incident = ", ".join(
        f'{value if incidents else f"CAST(NULL AS {kind})"} AS "incident_{name}"'
        for name, value, kind in INCIDENT_FIELDS
    )
    joins = (
        " LEFT JOIN incident_members m ON m.event_id = e.event_id"
        " LEFT JOIN incidents i ON i.incident_id = m.incident_id"
        if incidents
        else ""
    )
    sql = (
        f"SELECT {columns}, {article}, {incident} FROM events e "
        f"JOIN articles a ON a.id = e.article_id{joins}"
        f"{where} ORDER BY ({EVENT_DAY}) NULLS LAST, e.article_id, e.sentence_index, "
        "e.trigger_start, e.event_id"
    )
    return sql, params


def has_incidents(store: Store) -> bool:
    """Whether the store has incident tables (``eventwire run`` or ``eventwire incidents``)."""
    rows = store.con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name IN ('incidents', 'incident_members')"
    ).fetchall()
    return rows[0][0] == 2


def arrow_batches(store: Store, flt: EventFilter) -> Any:
    """The filtered events (typed columns, article metadata) as Arrow record batches."""
    sql, params = select_sql(flt, incidents=has_incidents(store))
    return arrow_reader(store.con, sql, params)


def iter_rows(store: Store, flt: EventFilter | None = None) -> Iterator[EventRow]:
    """The filtered events in a stable order, with their article's metadata."""
    for batch in arrow_batches(store, flt or EventFilter()):
        for row in batch.to_pylist():
            meta = {name: row.pop(f"article_{name}") for name in ARTICLE_FIELDS}
            incident = {f"incident_{n}": row.pop(f"incident_{n}") for n, _, _ in INCIDENT_FIELDS}
            yield EventRow(event=event_from_row(row), **meta, **incident)
