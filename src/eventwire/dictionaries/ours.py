"""Our own dictionary formats: YAML (any of the sections below) and CSV actor lists.

YAML sections (docs/dictionaries.md has examples):

- ``actors``: ``{name, code, names, periods: [{code, from, to}]}``: PETRARCH-style actors whose
  code composes with role words ("Gondor soldiers" -> GONMIL); ``code`` may list several;
- ``people``, ``organisations``, ``institutions``: the built-in formats (actors/data/);
- ``agents``: the built-in format (``sectors``, ``generic``, ``state_organs``, ``titles``) plus
  ``compose``: ``[{words, code, before, plurals}]``, role words that add their code to the
  actor's (``before: true``: in front of it; ``plurals: []``: no plural forms);
- ``discards``: ``{sentence: [...], story: [...]}``;
- ``verbs``, ``nouns``, ``adjectives``, ``classes``, ``default_targets``, ``style``,
  ``builtin``: a trigger lexicon (coding/data/triggers.yaml, docs/dictionaries.md).

CSV: a header with ``name`` and ``code``, optionally ``names`` (";"-separated), ``from`` and
``to`` (dates); rows with the same name give its dated codes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..actors.agents import AgentEntry, AgentTable
from ..actors.codes import split_code
from ..actors.dates import parse_bound
from ..actors.dictionary import parse_agents, parse_institutions, parse_organisations, parse_people
from ..actors.records import ActorEntry, Role
from ..errors import ConfigError
from .parts import AgentSpec, Discards, FileParts

ACTOR_SECTIONS = {"actors", "people", "organisations", "institutions", "agents", "discards"}
LEXICON_SECTIONS = {
    "verbs",
    "nouns",
    "adjectives",
    "classes",
    "default_targets",
    "style",
    "builtin",
}
SECTIONS = ACTOR_SECTIONS | LEXICON_SECTIONS
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _codes(value: Any, where: str) -> str | None:
    """A code, or several joined by "/"; upper-case letters and digits."""
    if value is None:
        return None
    items = [value] if isinstance(value, str | int) else list(value)
    codes = [str(c).strip().upper() for c in items if str(c).strip()]
    for code in codes:
        if not code.replace("/", "").isalnum():
            raise ConfigError(f"[E131] {where}: '{code}' is not an actor code (letters and digits)")
    return "/".join(codes) or None


def _period(raw: Any, where: str) -> Role:
    if not isinstance(raw, Mapping) or raw.get("code") is None:
        raise ConfigError(f"[E132] {where}: a period is a mapping with code, from and to")
    code = _codes(raw["code"], where) or ""
    country, sector = split_code(code.split("/")[0])
    role = Role(code=code, country=country, sector=sector,
                start=parse_bound(raw.get("from"), end=False, where=where),
                end=parse_bound(raw.get("to"), end=True, where=where))  # fmt: skip
    if role.start and role.end and role.start > role.end:
        raise ConfigError(f"[E114] {where}: period {code} ends before it starts")
    return role


def parse_actors(rows: Iterable[Any], *, where: str) -> list[ActorEntry]:
    out = []
    for i, raw in enumerate(rows):
        here = f"{where} actor {i + 1}"
        if not isinstance(raw, Mapping) or not raw.get("name"):
            raise ConfigError(f"[E133] {here}: every actor needs a name")
        names = raw.get("names") or []
        if not isinstance(names, list):
            raise ConfigError(f"[E115] {here}: names must be a list")
        periods = tuple(_period(p, here) for p in raw.get("periods") or [])
        code = _codes(raw.get("code"), here)
        if "code" not in raw and not periods:  # code: null is a name known but not coded
            raise ConfigError(f"[E134] {here} ({raw['name']}): give a code or dated periods")
        all_names = tuple(dict.fromkeys(str(n) for n in [raw["name"], *names]))
        origin = str(raw.get("origin") or f"{where}: {raw['name']}")
        name = str(raw["name"])
        out.append(ActorEntry(name, all_names, code, periods, origin))
    return out


def parse_compose(rows: Iterable[Any], *, where: str) -> list[AgentSpec]:
    out = []
    for raw in rows:
        if not isinstance(raw, Mapping) or not raw.get("words") or not raw.get("code"):
            raise ConfigError(f"[E135] {where}: a compose entry needs words and code")
        plurals = raw.get("plurals")
        forms = None if plurals is None else tuple(str(p).lower() for p in plurals)
        entry = AgentEntry(
            " ".join(str(raw["words"]).lower().split()), str(raw["code"]).upper(),
            prefix=bool(raw.get("before", False)), compose=True, inflect=plurals is None,
            origin=str(raw.get("origin") or f"{where}: {raw['words']}"),
        )  # fmt: skip
        out.append(AgentSpec(entry, forms))
    return out


def _agents(
    raw: Mapping[str, Any], where: str
) -> tuple[list[AgentSpec], list[tuple[str, str | None]]]:
    table = AgentTable()
    parse_agents({k: v for k, v in raw.items() if k != "compose"}, table, where=where)
    specs = [
        AgentSpec(AgentEntry(e.phrase, e.sector, e.generic, e.organ, origin=f"{where}: {e.phrase}"))
        for e in dict.fromkeys(table.entries.values())
    ]
    specs += parse_compose(raw.get("compose") or [], where=where)
    return specs, list(table.titles.items())


def _discards(raw: Any, where: str) -> Discards:
    if not isinstance(raw, Mapping) or set(raw) - {"sentence", "story"}:
        raise ConfigError(f"[E136] {where}: discards are {{sentence: [...], story: [...]}}")

    def words(items: Any) -> tuple[str, ...]:  # noqa: E306
        return tuple(" ".join(str(p).lower().split()) for p in items or [])

    return Discards(sentence=words(raw.get("sentence")), story=words(raw.get("story")))


def read_yaml(path: Path) -> FileParts:
    where = path.name
    try:
        with path.open(encoding="utf-8") as f:
            raw = yaml.load(f, Loader=_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        raise ConfigError(f"[E111] {path} is not valid YAML: {e}") from e
    except OSError as e:
        raise ConfigError(f"[E130] cannot read dictionary file {path}: {e.strerror}") from e
    if not isinstance(raw, dict) or set(raw) - SECTIONS:
        unknown = sorted(set(raw) - SECTIONS) if isinstance(raw, dict) else []
        raise ConfigError(
            f"[E121] {path}: a user dictionary is a mapping with the sections "
            f"{', '.join(sorted(SECTIONS))}" + (f" (not {', '.join(unknown)})" if unknown else "")
        )
    agents, titles = _agents(raw["agents"], where) if raw.get("agents") else ([], [])
    lexicon_data = {k: v for k, v in raw.items() if k in LEXICON_SECTIONS} or None
    lexicon = None
    if lexicon_data:
        from ..coding.lexicon import parse_lexicon

        lexicon = parse_lexicon(lexicon_data, source=str(path))
    return FileParts(
        path=str(path),
        format="yaml",
        actors=tuple(parse_actors(raw.get("actors") or [], where=where)),
        people=tuple(_origin(parse_people(raw.get("people") or [], where=where), where)),
        organisations=tuple(
            _origin(parse_organisations(raw.get("organisations") or [], where=where), where)
        ),
        institutions=tuple(
            _origin(parse_institutions(raw.get("institutions") or [], where=where), where)
        ),
        agents=tuple(agents),
        titles=tuple(titles),
        lexicon_data=lexicon_data,
        lexicon=lexicon,
        discards=_discards(raw["discards"], where) if raw.get("discards") else Discards(),
    )


def _origin(records: list[Any], where: str) -> list[Any]:
    from dataclasses import replace

    return [replace(r, origin=f"{where}: {r.name}") for r in records]


def read_csv(path: Path) -> FileParts:
    """A CSV actor list: name, code[, names][, from][, to]."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = [h.strip().lower() for h in reader.fieldnames or []]
            if "name" not in header or "code" not in header:
                raise ConfigError(
                    f"[E137] {path}: a CSV actor list needs the columns name and code"
                )
            rows = [
                {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
                for row in reader
            ]
    except OSError as e:
        raise ConfigError(f"[E130] cannot read dictionary file {path}: {e.strerror}") from e
    merged: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(rows, 2):
        if not row.get("name"):
            continue
        entry = merged.setdefault(row["name"], {"name": row["name"], "names": [], "periods": [],
                                                 "origin": f"{path.name}:{n}"})  # fmt: skip
        entry["names"] += [a.strip() for a in row.get("names", "").split(";") if a.strip()]
        if row.get("from") or row.get("to"):
            entry["periods"].append({"code": row["code"], "from": row.get("from") or None,
                                     "to": row.get("to") or None})  # fmt: skip
        elif row.get("code"):
            entry["code"] = row["code"]
    return FileParts(path=str(path), format="csv",
                     actors=tuple(parse_actors(merged.values(), where=path.name)))  # fmt: skip
