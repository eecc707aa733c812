"""Incidents: events from several sentences and articles that report one happening, merged.

- ``Clusterer`` merges articles' events incrementally (``add``), and takes back incidents
  stored earlier (``restore``) so new articles join them without recomputing everything.
- ``merge_incidents(events, articles=...)`` merges a set of events in one go.
- ``incident_key(event)`` is a coarse block (family, country, fortnight) for distributed runs.
- ``evaluate_incidents(gold)`` scores merging against gold (B-cubed over articles).

This package works on ``Event`` records and article metadata only; the DuckDB tables are
written by ``eventwire.incidents.db``.
"""

from __future__ import annotations

from datetime import date

from ..model import Event
from .cluster import Clusterer, incident_id_for, merge_incidents
from .families import Family, FamilyTable, default_families
from .records import ArticleMeta, Incident, Member
from .score import DEFAULT_CONFIG, MergeConfig

BLOCK_DAYS = 14


def incident_key(event: Event) -> tuple[str, str, int] | None:
    """A coarse block for distributed merging (family, country, fortnight of the event's day):
    events with different keys are never merged there. None for events merged with nothing
    (negated, of no family, or undated)."""
    family = default_families().family_of(event)
    if family is None or event.negated or not event.date or len(event.date) < 10:
        return None
    try:
        day = date.fromisoformat(event.date[:10]).toordinal()
    except ValueError:
        return None
    place = event.location
    country = place.country if place is not None and place.country else ""
    modality = "~" if (event.hypothetical or event.future) else ""
    return (family.name + modality, country, day // BLOCK_DAYS)


__all__ = [
    "DEFAULT_CONFIG",
    "ArticleMeta",
    "Clusterer",
    "Family",
    "FamilyTable",
    "Incident",
    "Member",
    "MergeConfig",
    "default_families",
    "incident_id_for",
    "incident_key",
    "merge_incidents",
]
