"""Geolocation: an offline gazetteer, toponym recognition and resolution, and event locations.

- :func:`places_in` finds and resolves the places of a text (or resolves given spans);
- :class:`Locator` is the pipeline stage that sets ``event.location``;
- :func:`evaluate_places` scores resolution against gold toponyms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .evaluate import PlaceScores, evaluate_places
    from .gazetteer import Gazetteer, default_gazetteer
    from .locate import Locator
    from .places import Geoparser, places_in
    from .records import Place

_WHERE = {
    "PlaceScores": "evaluate",
    "evaluate_places": "evaluate",
    "Gazetteer": "gazetteer",
    "default_gazetteer": "gazetteer",
    "Locator": "locate",
    "Geoparser": "places",
    "places_in": "places",
    "Place": "records",
}
__all__ = [
    "Gazetteer",
    "Geoparser",
    "Locator",
    "Place",
    "PlaceScores",
    "default_gazetteer",
    "evaluate_places",
    "places_in",
]


def __getattr__(name: str) -> Any:
    """Import submodules on first use, so that importing eventwire.geo loads no data."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
