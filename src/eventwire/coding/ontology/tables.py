"""The CAMEO and PLOVER tables: typed records, loaded lazily from the package's data files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from ...errors import ConfigError, EventwireError

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


class UnknownCode(EventwireError, KeyError):
    """A CAMEO code that is not in the codebook."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its root, Goldstein score and QuadClass."""

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, slots=True)
class PloverType:
    """A PLOVER event type with the modes it allows."""

    name: str
    quad_class: int
    description: str
    modes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PloverMapping:
    """The PLOVER reading of a CAMEO code. ``type`` is None for the few public-statement codes
    (010, 014, 015, 017 and root 01) that PLOVER does not code."""

    type: str | None
    mode: str | None
    contexts: tuple[str, ...]


def _read_text(name: str) -> str:
    try:
        return files(__package__).joinpath(name).read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"[E030] cannot read the ontology table {name}: {e}") from e


def _read_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(_read_text(name)))
    if tuple(reader.fieldnames or ()) != columns:
        raise ConfigError(f"[E031] {name} must have the columns {', '.join(columns)}")
    return list(reader)


def read_yaml(name: str) -> dict[str, Any]:
    """Parse one of the ontology's YAML files."""
    try:
        data = yaml.safe_load(_read_text(name))
    except yaml.YAMLError as e:
        raise ConfigError(f"[E032] {name} is not valid YAML: {e}") from e
    if not isinstance(data, dict):
        raise ConfigError(f"[E032] {name} must hold a mapping at the top level")
    return data


def _unknown(code: str) -> UnknownCode:
    hint = ""
    if code.isdigit() and len(code) < 4:
        padded = [c for c in (code.zfill(3), code.zfill(4)) if c in cameo_codes()]
        if padded:
            hint = f"; CAMEO codes are zero-padded strings, did you mean '{padded[0]}'?"
    return UnknownCode(f"[E033] '{code}' is not a CAMEO event code{hint}")


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code (roots "01"-"20" and their 3- and 4-digit codes), by code."""
    codes: dict[str, CameoCode] = {}
    for row in _read_csv("cameo.csv", ("code", "name", "root", "goldstein", "quad_class")):
        try:
            entry = CameoCode(
                code=row["code"],
                name=row["name"],
                root=row["root"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
            )
        except ValueError as e:
            raise ConfigError(f"[E034] cameo.csv, code {row['code']}: {e}") from e
        if entry.code in codes:
            raise ConfigError(f"[E034] cameo.csv lists {entry.code} twice")
        codes[entry.code] = entry
    return codes


def cameo(code: str) -> CameoCode:
    """The CAMEO record for a code such as "0874"; raises UnknownCode for anything else."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise _unknown(code) from None


def cameo_name(code: str) -> str:
    """The codebook name of a CAMEO code, e.g. "Retreat or surrender militarily"."""
    return cameo(code).name


@lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER event types, by name."""
    data = read_yaml("plover.yaml")
    types: dict[str, PloverType] = {}
    for name, spec in (data.get("types") or {}).items():
        try:
            types[name] = PloverType(
                name=name,
                quad_class=int(spec["quad_class"]),
                description=str(spec["description"]),
                modes=tuple(spec.get("modes") or ()),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ConfigError(f"[E035] plover.yaml, type {name}: {e!r}") from e
    return types


@lru_cache(maxsize=1)
def plover_contexts() -> tuple[str, ...]:
    """The PLOVER contexts an event may carry."""
    return tuple(read_yaml("plover.yaml").get("contexts") or ())


@lru_cache(maxsize=1)
def _plover_mappings() -> dict[str, PloverMapping]:
    types, contexts = plover_types(), set(plover_contexts())
    mappings: dict[str, PloverMapping] = {}
    columns = ("code", "plover_type", "plover_mode", "plover_context")
    for row in _read_csv("cameo_plover.csv", columns):
        code, kind, mode = row["code"], row["plover_type"] or None, row["plover_mode"] or None
        found = tuple(c.strip() for c in row["plover_context"].split(";") if c.strip())
        where = f"cameo_plover.csv, code {code}"
        if code not in cameo_codes():
            raise ConfigError(f"[E036] {where}: not a code in cameo.csv")
        if kind is not None and kind not in types:
            raise ConfigError(f"[E036] {where}: unknown PLOVER type {kind}")
        if mode is not None and (kind is None or mode not in types[kind].modes):
            raise ConfigError(f"[E036] {where}: {mode} is not a mode of {kind}")
        if unknown := [c for c in found if c not in contexts]:
            raise ConfigError(f"[E036] {where}: unknown contexts {unknown}")
        mappings[code] = PloverMapping(type=kind, mode=mode, contexts=found)
    return mappings


def plover_for(code: str) -> PloverMapping:
    """The PLOVER type, mode and contexts for a CAMEO code."""
    try:
        return _plover_mappings()[code]
    except KeyError:
        if code in cameo_codes():
            raise ConfigError(f"[E036] cameo_plover.csv has no row for {code}") from None
        raise _unknown(code) from None
