"""The record of a recognised, resolved place name."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..model import Location


@dataclass(slots=True)
class Place:
    """A toponym (or, with ``kind == "demonym"``, a country adjective) found in a text.

    ``start``/``end`` are character offsets in the text; the other fields describe the gazetteer
    entry it resolved to and are None when it did not resolve. ``precision`` is one of place,
    admin2, admin1, country or region (continents and supranational regions)."""

    start: int
    end: int
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: str | None = None
    kind: str = "toponym"
    score: float = 0.0
    # a given span the gazetteer does not hold, placed at the town or province the text names
    # nearest to it (only for given spans: ``places(text, toponyms=...)``)
    nearby: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_location(self) -> Location | None:
        """The event-record form of this place; None when unresolved or wider than a country."""
        if self.name is None or self.precision not in ("place", "admin2", "admin1", "country"):
            return None
        return Location(
            name=self.name,
            geonameid=self.geonameid,
            lat=self.lat,
            lon=self.lon,
            country=self.country,
            admin1=self.admin1,
            admin2=self.admin2,
            precision=self.precision,
            start=self.start,
            end=self.end,
        )
