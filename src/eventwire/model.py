"""Typed records that flow through the pipeline. Data only: no logic beyond (de)serialisation."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cache
from typing import Any

SCHEMA_VERSION = 1

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
PLACE_PRECISIONS = ("place", "admin2", "admin1", "country")


def article_id_for(text: str, *, url: str | None = None) -> str:
    """Content hash of an article: the same text (and URL) always gets the same id."""
    digest = hashlib.sha1(((url or "") + "\n" + text).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article as read from a source."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    language: str = "en"

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        id: str | None = None,
        url: str | None = None,
        title: str | None = None,
        published: date | None = None,
        source: str | None = None,
    ) -> Article:
        return cls(
            id=id or article_id_for(text, url=url),
            text=text,
            url=url,
            title=title,
            published=published,
            source=source,
        )


@dataclass(slots=True)
class Actor:
    """A coded actor mention. `code` is country + sector(s), e.g. "TURMIL"."""

    text: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Location:
    """Where an event happened, with its administrative path and precision."""

    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: str = "place"
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Casualties:
    """A count with UCDP-style low/best/high bounds and victim breakdown."""

    best: int
    low: int | None = None
    high: int | None = None
    military: int | None = None
    civilian: int | None = None


@dataclass(slots=True)
class Event:
    """One coded event. Field names are the JSON contract (see DESIGN.md)."""

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    trigger: str
    trigger_start: int
    trigger_end: int
    plover_type: str | None = None
    plover_mode: str | None = None
    plover_context: list[str] = field(default_factory=list)
    cameo_code: str | None = None
    cameo_root: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source_actors: list[Actor] = field(default_factory=list)
    target_actors: list[Actor] = field(default_factory=list)
    speaker: Actor | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: str = "unknown"
    deadline: str | None = None
    killed: Casualties | None = None
    injured: Casualties | None = None
    arrested: int | None = None
    size: int | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    future: bool = False
    confidence: float = 0.5
    salience: float = 0.5
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        known = _field_names(cls)
        values = {k: v for k, v in data.items() if k in known}
        values["source_actors"] = [Actor(**a) for a in values.get("source_actors") or []]
        values["target_actors"] = [Actor(**a) for a in values.get("target_actors") or []]
        for key, kind in (("speaker", Actor), ("location", Location)):
            if values.get(key) is not None:
                values[key] = kind(**values[key])
        for key in ("killed", "injured"):
            if values.get(key) is not None:
                values[key] = Casualties(**values[key])
        return cls(**values)


def event_id_for(article_id: str, trigger_start: int, cameo_code: str | None) -> str:
    """Stable event id: the same article coded twice gives the same ids."""
    raw = f"{article_id}:{trigger_start}:{cameo_code or ''}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))
