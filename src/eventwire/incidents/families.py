"""Event-type families (data in ``data/families.yaml``): which events may be one incident, and
how far apart in space and time their reports may place it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..model import Event

_KEYS = {"cameo_roots", "plover", "max_km", "window_days", "physical"}


@dataclass(frozen=True, slots=True)
class Family:
    """One family of event types."""

    name: str
    max_km: float
    window_days: int
    physical: bool


@dataclass(frozen=True, slots=True)
class FamilyTable:
    """Families by CAMEO root and by PLOVER type."""

    families: dict[str, Family]
    by_root: dict[str, str]
    by_plover: dict[str, str]

    def family_of(self, event: Event) -> Family | None:
        """The event's family: by its CAMEO root, else by its PLOVER type; None if neither."""
        root = event.cameo_root or (event.cameo_code or "")[:2]
        name = self.by_root.get(root) if root else None
        if name is None and event.plover_type:
            name = self.by_plover.get(event.plover_type.upper())
        return self.families[name] if name is not None else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FamilyTable:
        families: dict[str, Family] = {}
        by_root: dict[str, str] = {}
        by_plover: dict[str, str] = {}
        for name, spec in (data.get("families") or {}).items():
            unknown = set(spec) - _KEYS
            if unknown:
                raise ValueError(
                    f"[E401] unknown keys {sorted(unknown)} in family {name!r}; "
                    f"allowed: {sorted(_KEYS)}"
                )
            families[name] = Family(
                name=name,
                max_km=float(spec["max_km"]),
                window_days=int(spec["window_days"]),
                physical=bool(spec["physical"]),
            )
            for root in spec.get("cameo_roots") or []:
                if str(root) in by_root:
                    raise ValueError(f"[E402] CAMEO root {root} is in two families")
                by_root[str(root)] = name
            for plover in spec.get("plover") or []:
                by_plover[str(plover).upper()] = name
        return cls(families=families, by_root=by_root, by_plover=by_plover)


@cache
def default_families() -> FamilyTable:
    """The families shipped with eventwire."""
    text = resources.files(__package__).joinpath("data/families.yaml").read_text("utf-8")
    return FamilyTable.from_dict(yaml.safe_load(text))
