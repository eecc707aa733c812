"""The actor dictionary: the built-in data files, typed, plus optional user dictionaries.

Loading is lazy and cached (:func:`load_dictionary`); nothing is read at import time.
User dictionaries (files or folders, read by :mod:`eventwire.dictionaries`: our YAML and CSV,
PETRARCH/TABARI files) add actors, people, organisations, institutions and role words; an
entry with the same canonical name (or role phrase) replaces the built-in one, and a name a
user entry spells takes precedence over built-in entries spelt the same.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from .agents import AgentEntry, AgentTable, agent_key
from .codes import is_code, split_code
from .countries import load_countries
from .dates import parse_bound
from .records import ActorEntry, Country, Institution, Organisation, Person, Role


@dataclass(frozen=True, slots=True, eq=False)
class ActorDictionary:
    """Everything the actor coder looks up, typed (hashed by identity, as it is cached)."""

    countries: dict[str, Country]
    agents: AgentTable
    people: tuple[Person, ...]
    organisations: tuple[Organisation, ...]
    institutions: tuple[Institution, ...]
    actors: tuple[ActorEntry, ...] = ()  # user dictionaries' actors (PETRARCH style)


def _data(name: str) -> Any:
    return resources.files("eventwire.actors") / "data" / name


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(source: Any, where: str) -> Any:
    try:
        with source.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        raise ConfigError(f"[E111] {where} is not valid YAML: {e}") from e


def _code_parts(code: str, where: str) -> tuple[str | None, str | None]:
    if not is_code(code):
        raise ConfigError(f"[E112] {where}: '{code}' is not an actor code like TURGOV or IGOUNO")
    return split_code(code)


def _role(raw: Any, where: str) -> Role:
    if isinstance(raw, dict):
        code, title, start, end = raw.get("code"), raw.get("title"), raw.get("from"), raw.get("to")
    elif isinstance(raw, list | tuple) and len(raw) == 4:
        code, title, start, end = raw
    else:
        raise ConfigError(f"[E113] {where}: a role is [code, title, from, to] or a mapping")
    country, sector = _code_parts(str(code), where)
    role = Role(
        code=str(code),
        country=country,
        sector=sector,
        title=title,
        start=parse_bound(start, end=False, where=where),
        end=parse_bound(end, end=True, where=where),
    )
    if role.start and role.end and role.start > role.end:
        raise ConfigError(f"[E114] {where}: role {code} ends before it starts")
    return role


def _names(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    names = raw.get("names") or []
    if not isinstance(names, list):
        raise ConfigError(f"[E115] {where}: names must be a list")
    seen: dict[str, None] = {str(raw["name"]): None}
    for name in names:
        seen.setdefault(str(name), None)
    return tuple(seen)


def parse_people(rows: Iterable[dict[str, Any]], *, where: str) -> list[Person]:
    people = []
    for i, raw in enumerate(rows):
        here = f"{where} person {i + 1} ({raw.get('name', '?')})"
        if not isinstance(raw, dict) or not raw.get("name"):
            raise ConfigError(f"[E116] {here}: every person needs a name")
        roles = tuple(_role(r, here) for r in raw.get("roles") or [])
        people.append(
            Person(
                name=str(raw["name"]),
                names=_names(raw, here),
                roles=roles,
                country=raw.get("country"),
            )
        )
    return people


def parse_organisations(rows: Iterable[dict[str, Any]], *, where: str) -> list[Organisation]:
    orgs = []
    for i, raw in enumerate(rows):
        here = f"{where} organisation {i + 1} ({raw.get('name', '?')})"
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("code"):
            raise ConfigError(f"[E117] {here}: every organisation needs a name and a code")
        country, sector = _code_parts(str(raw["code"]), here)
        periods = tuple(
            _role({**p, "title": p.get("title")}, here) for p in raw.get("periods") or []
        )
        orgs.append(
            Organisation(
                name=str(raw["name"]),
                code=str(raw["code"]),
                country=country,
                sector=raw.get("sector") or sector or "",
                names=_names(raw, here),
                kind=str(raw.get("kind") or "other"),
                periods=periods,
            )
        )
    return orgs


def parse_institutions(rows: Iterable[dict[str, Any]], *, where: str) -> list[Institution]:
    out = []
    for raw in rows:
        names = [raw["name"], *[a.strip() for a in (raw.get("alternates") or "").split(";")]]
        if isinstance(raw.get("alternates"), list):
            names = [raw["name"], *raw["alternates"]]
        out.append(
            Institution(
                name=raw["name"],
                country=raw["country"],
                sector=raw["sector"],
                names=tuple(dict.fromkeys(n for n in names if n)),
            )
        )
        if raw["country"] not in load_countries():
            raise ConfigError(f"[E118] {where}: {raw['name']} has unknown country {raw['country']}")
    return out


def parse_agents(raw: dict[str, Any], table: AgentTable, *, where: str) -> None:
    unknown = set(raw) - {"sectors", "generic", "state_organs", "titles"}
    if unknown:
        raise ConfigError(f"[E119] {where}: unknown agents keys {sorted(unknown)}")
    organs = {str(p).lower() for p in raw.get("state_organs") or []}
    for sector, phrases in (raw.get("sectors") or {}).items():
        for phrase in phrases:
            table.add(AgentEntry(str(phrase), str(sector), organ=str(phrase).lower() in organs))
    for phrase, sector in (raw.get("generic") or {}).items():
        table.add(AgentEntry(str(phrase), sector, generic=True, organ=str(phrase) in organs))
    for sector, phrases in (raw.get("titles") or {}).items():
        for phrase in phrases:
            table.titles[agent_key(str(phrase))] = None if sector == "ANY" else str(sector)


def _merge(base: Sequence[Any], extra: Sequence[Any]) -> tuple[Any, ...]:
    """Entries of ``extra`` replace entries of ``base`` with the same canonical name."""
    replaced = {e.name for e in extra}
    return (*[e for e in base if e.name not in replaced], *extra)


@lru_cache(maxsize=1)
def _builtin() -> tuple[Any, tuple[Person, ...], tuple[Organisation, ...], tuple[Institution, ...]]:
    """The built-in files, parsed once: raw agents, people, organisations, institutions."""
    agents_raw = _read_yaml(_data("agents.yaml"), "agents.yaml")
    people = parse_people(_read_yaml(_data("people.yaml"), "people.yaml"), where="people.yaml")
    orgs = parse_organisations(
        _read_yaml(_data("organisations.yaml"), "organisations.yaml"), where="organisations.yaml"
    )
    with _data("institutions.csv").open(encoding="utf-8", newline="") as f:
        institutions = parse_institutions(csv.DictReader(f), where="institutions.csv")
    return agents_raw, tuple(people), tuple(orgs), tuple(institutions)


def load_dictionary(extra: tuple[Path, ...] = ()) -> ActorDictionary:
    """The built-in dictionary, extended by user dictionaries: files or folders in any format
    :mod:`eventwire.dictionaries` reads (cached while the files stay the same)."""
    from ..dictionaries import load_dictionaries

    return _with_user(load_dictionaries(tuple(Path(p) for p in extra)))


@lru_cache(maxsize=8)
def _with_user(user: Any) -> ActorDictionary:
    agents_raw, builtin_people, builtin_orgs, builtin_institutions = _builtin()
    agents = AgentTable()
    parse_agents(agents_raw, agents, where="agents.yaml")
    for spec in user.agents:
        agents.add(spec.entry, forms=spec.forms, replace=True)
    for title, sector in user.titles:
        agents.titles[title] = sector
    by_name: dict[str, ActorEntry] = {}
    for actor in user.actors:  # a later entry with the same name replaces an earlier one
        by_name.pop(actor.name, None)
        by_name[actor.name] = actor
    return ActorDictionary(
        countries=load_countries(),
        agents=agents,
        people=_merge(builtin_people, user.people),
        organisations=_merge(builtin_orgs, user.organisations),
        institutions=_merge(builtin_institutions, user.institutions),
        actors=tuple(by_name.values()),
    )
