"""ACLED event and sub-event types for a coded event, by the ordered rules in ``acled.yaml``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import ConfigError
from ...model import Actor, Event
from .tables import cameo_codes, plover_for, plover_types, read_yaml

CONDITION_KEYS = ("cameo", "plover_type", "plover_mode", "context", "source", "target", "killed")
SIDE_TAGS = ("armed", "state", "nonstate", "civilian", "unknown")


@dataclass(frozen=True, slots=True)
class AcledType:
    """An ACLED sub-event type with its event type and disorder type."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    description: str


@dataclass(frozen=True, slots=True)
class Condition:
    """One alternative of a rule: every non-empty field must match."""

    cameo: tuple[str, ...] = ()
    plover_type: tuple[str, ...] = ()
    plover_mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    killed: bool | None = None


@dataclass(frozen=True, slots=True)
class AcledRule:
    """Events matching any of ``when`` get (event_type, sub_event_type)."""

    event_type: str
    sub_event_type: str
    when: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AcledRules:
    rules: tuple[AcledRule, ...]
    sector_groups: dict[str, frozenset[str]]
    infer_target_from_casualties: bool


@dataclass(frozen=True, slots=True)
class _View:
    """What the rules look at: the event with PLOVER fields completed from its CAMEO code."""

    cameo: str | None
    plover_type: str | None
    plover_mode: str | None
    contexts: frozenset[str]
    source: frozenset[str]
    target: frozenset[str]
    killed: bool


@lru_cache(maxsize=1)
def acled_types() -> dict[str, AcledType]:
    """The ACLED sub-event types (25), by sub-event type name."""
    data = read_yaml("acled.yaml")
    overrides = data.get("disorder_overrides") or {}
    found: dict[str, AcledType] = {}
    for event_type, spec in (data.get("event_types") or {}).items():
        for sub, description in (spec.get("sub_event_types") or {}).items():
            found[sub] = AcledType(
                event_type=event_type,
                sub_event_type=sub,
                disorder_type=overrides.get(sub, spec["disorder_type"]),
                description=description,
            )
    return found


def _condition(spec: Any, where: str) -> Condition:
    if not isinstance(spec, dict):
        raise ConfigError(f"[E037] {where}: a `when` alternative must be a mapping")
    if unknown := sorted(set(spec) - set(CONDITION_KEYS)):
        raise ConfigError(f"[E037] {where}: unknown condition keys {unknown}; use {CONDITION_KEYS}")
    values = {k: tuple(str(v) for v in spec.get(k) or ()) for k in CONDITION_KEYS if k != "killed"}
    return Condition(**values, killed=spec.get("killed"))


def _check(rule: AcledRule, groups: dict[str, frozenset[str]], where: str) -> None:
    types = acled_types()
    known = types.get(rule.sub_event_type)
    if known is None or known.event_type != rule.event_type:
        raise ConfigError(
            f"[E038] {where}: {rule.event_type} / {rule.sub_event_type} is not an ACLED type"
        )
    plover = plover_types()
    sectors = set().union(*groups.values())
    for cond in rule.when:
        bad = [c for c in cond.cameo if c not in cameo_codes()]
        bad += [t for t in cond.plover_type if t not in plover]
        bad += [m for m in cond.plover_mode if not any(m in t.modes for t in plover.values())]
        bad += [t for t in cond.source + cond.target if t not in SIDE_TAGS and t not in sectors]
        if bad:
            raise ConfigError(f"[E038] {where}: unknown codes, types, modes or tags {bad}")


@lru_cache(maxsize=1)
def acled_rules() -> AcledRules:
    """The ordered ACLED mapping rules, validated against the CAMEO and PLOVER tables."""
    data = read_yaml("acled.yaml")
    groups = {k: frozenset(v) for k, v in (data.get("sector_groups") or {}).items()}
    if missing := sorted(set(SIDE_TAGS) - {"unknown"} - set(groups)):
        raise ConfigError(f"[E038] acled.yaml: sector_groups lacks {missing}")
    rules = []
    for i, spec in enumerate(data.get("rules") or ()):
        where = f"acled.yaml, rule {i + 1}"
        try:
            rule = AcledRule(
                event_type=spec["event_type"],
                sub_event_type=spec["sub_event_type"],
                when=tuple(_condition(c, where) for c in spec["when"]),
            )
        except (KeyError, TypeError) as e:
            raise ConfigError(f"[E037] {where}: {e!r}") from e
        _check(rule, groups, where)
        rules.append(rule)
    return AcledRules(
        rules=tuple(rules),
        sector_groups=groups,
        infer_target_from_casualties=bool(data.get("infer_target_from_casualties", False)),
    )


def _sectors(actor: Actor) -> list[str]:
    raw = actor.sector
    if not raw and actor.code:
        raw = actor.code[3:] if actor.country and actor.code.startswith(actor.country) else ""
    raw = (raw or "").upper()
    return [raw[i : i + 3] for i in range(0, len(raw) - 2, 3)]


def _side(actors: Sequence[Actor], groups: dict[str, frozenset[str]]) -> set[str]:
    sectors = {s for actor in actors for s in _sectors(actor)}
    tags = set(sectors) | {name for name, members in groups.items() if sectors & members}
    if "armed" in tags:
        tags.discard("civilian")
    if not tags & {"armed", "civilian"}:
        tags.add("unknown")
    return tags


def _victims(event: Event) -> set[str]:
    military = sum(c.military or 0 for c in (event.killed, event.injured) if c is not None)
    civilian = sum(c.civilian or 0 for c in (event.killed, event.injured) if c is not None)
    if military:
        return {"armed"}
    return {"civilian"} if civilian else set()


def _view(event: Event, rules: AcledRules) -> _View:
    kind, mode, contexts = event.plover_type, event.plover_mode, set(event.plover_context)
    if event.cameo_code:
        mapping = plover_for(event.cameo_code)
        if kind is None:
            kind = mapping.type
        if mode is None and kind == mapping.type:
            mode = mapping.mode
        contexts.update(mapping.contexts)
    target = _side(event.target_actors, rules.sector_groups)
    if "unknown" in target and rules.infer_target_from_casualties and (found := _victims(event)):
        target = (target - {"unknown"}) | found
    return _View(
        cameo=event.cameo_code,
        plover_type=kind,
        plover_mode=mode,
        contexts=frozenset(contexts),
        source=frozenset(_side(event.source_actors, rules.sector_groups)),
        target=frozenset(target),
        killed=event.killed is not None and event.killed.best > 0,
    )


def _matches(cond: Condition, view: _View) -> bool:
    if cond.cameo and not (view.cameo and view.cameo.startswith(cond.cameo)):
        return False
    if cond.plover_type and view.plover_type not in cond.plover_type:
        return False
    if cond.plover_mode and view.plover_mode not in cond.plover_mode:
        return False
    if cond.context and not view.contexts.intersection(cond.context):
        return False
    if cond.source and not view.source.intersection(cond.source):
        return False
    if cond.target and not view.target.intersection(cond.target):
        return False
    return cond.killed is None or cond.killed == view.killed


def acled_for(event: Event) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a coded event, or None when ACLED would not record it."""
    rules = acled_rules()
    view = _view(event, rules)
    for rule in rules.rules:
        if any(_matches(cond, view) for cond in rule.when):
            return rule.event_type, rule.sub_event_type
    return None
