"""Shapes of the API's answers, for the OpenAPI document (answers are built as plain JSON)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class EventSummary(BaseModel):
    """An event as listed: the flat columns the API filters on."""

    event_id: str
    article_id: str
    sentence_index: int
    day: str | None = Field(description="the event's day (its date, else the article's)")
    date: str | None
    date_precision: str | None
    plover_type: str | None
    plover_mode: str | None
    cameo_code: str | None
    cameo_root: str | None
    goldstein: float | None
    quad_class: int | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    place: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    geo_precision: str | None
    killed: int | None
    injured: int | None
    source_codes: list[str | None] | None
    target_codes: list[str | None] | None
    trigger: str | None
    sentence: str | None
    negated: bool | None
    hypothetical: bool | None
    historical: bool | None
    future: bool | None
    confidence: float | None
    url: str | None
    title: str | None


class EventPage(BaseModel):
    events: list[EventSummary]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page")
    total: int | None = Field(None, description="all matching events (with total=true)")
    generation: int = Field(description="the snapshot answered from")


class Highlight(BaseModel):
    role: str = Field(description="trigger, source, target or location")
    start: int = Field(description="offset in the sentence")
    end: int
    text: str


class EventDetail(BaseModel):
    """The stored Event record (see DESIGN.md) with the article and highlight spans."""

    model_config = {"extra": "allow"}

    event_id: str
    sentence: str
    trigger: str
    article: dict[str, Any]
    sentence_start: int | None = Field(description="the sentence's offset in the article")
    highlights: list[Highlight]


class Count(BaseModel):
    value: Any
    count: int


class Bucket(BaseModel):
    start: str
    count: int
    killed: int


class Timeline(BaseModel):
    interval: str
    buckets: list[Bucket]


class Facets(BaseModel):
    total: int
    killed: int
    plover_type: list[Count] | None = None
    country: list[Count] | None = None
    cameo_root: list[Count] | None = None
    acled_event_type: list[Count] | None = None
    day: Timeline | None = None


class Cell(BaseModel):
    lat: float
    lon: float
    count: int
    killed: int
    plover_type: str | None
    event_id: str | None = Field(description="set when the cell holds one event")


class GridCells(BaseModel):
    cell: float
    cells: list[Cell]
    truncated: bool


class IncidentPage(BaseModel):
    incidents: list[dict[str, Any]]
    total: int
    next_offset: int | None


class Status(BaseModel):
    db: str
    generation: int
    taken_at: str
    build_seconds: float
    events: int
    incidents: bool
    last_error: str | None
    version: str
