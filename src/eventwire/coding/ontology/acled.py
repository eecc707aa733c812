"""ACLED event and sub-event types for a coded event, by the ordered rules in ``acled.yaml``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import ConfigError
from ...model import Actor, Event
from .tables import cameo_codes, plover_for, plover_types, read_yaml

CONDITION_KEYS = (
    "cameo",
    "plover_type",
    "plover_mode",
    "context",
    "source",
    "target",
    "killed",
    "cues",
    "not_cues",
    "target_cues",
    "trigger",
)
CUE_KEYS = ("cues", "not_cues", "target_cues")
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
    cues: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()
    target_cues: tuple[str, ...] = ()
    trigger: tuple[tuple[str, ...], ...] = ()  # phrases, split as the trigger's words are


#: A cue phrase as words; a word ending in "*" matches any word it begins.
Phrase = tuple[str, ...]


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
    cues: dict[str, tuple[Phrase, ...]]


@dataclass(slots=True)
class _Text:
    """A text's words, their set, and which cue classes it was found to hold."""

    words: tuple[str, ...]
    present: frozenset[str]
    hits: dict[str, bool]

    @classmethod
    def of(cls, text: str | None) -> _Text:
        words = words_of(text)
        return cls(words, frozenset(words), {})

    def holds(self, name: str, rules: AcledRules) -> bool:
        hit = self.hits.get(name)
        if hit is None:
            hit = any(has_phrase(self.words, p, self.present) for p in rules.cues[name])
            self.hits[name] = hit
        return hit


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
    words: _Text
    target_words: tuple[_Text, ...]
    trigger: tuple[str, ...]


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
    trigger = tuple(_phrase(v) for v in values.pop("trigger"))
    return Condition(**values, trigger=trigger, killed=spec.get("killed"))


def words_of(text: str | None) -> tuple[str, ...]:
    """Lower-case word tokens of a text; hyphens and punctuation split words ("air-strike")."""
    return tuple(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word in (pattern, pattern + "s", pattern + "es")


def has_phrase(words: Sequence[str], phrase: Phrase, present: frozenset[str] | None = None) -> bool:
    """True when the words hold the phrase (plural -s/-es and "*" prefixes allowed).
    ``present``, the set of the words, answers most phrases without a scan."""
    n = len(phrase)
    if present is not None:
        first = phrase[0]
        if first.endswith("*"):
            found = any(w.startswith(first[:-1]) for w in present)
        else:
            found = first in present or first + "s" in present or first + "es" in present
        if not found or n == 1:
            return found
    return any(
        all(_word_matches(p, w) for p, w in zip(phrase, words[i : i + n], strict=True))
        for i in range(len(words) - n + 1)
    )


def _cue_classes(data: Any) -> dict[str, tuple[Phrase, ...]]:
    if not isinstance(data, dict):
        raise ConfigError("[E037] acled.yaml: `cues` must map a cue name to a list of phrases")
    return {str(name): tuple(_phrase(str(p)) for p in phrases) for name, phrases in data.items()}


def _phrase(text: str) -> Phrase:
    """ "roadside bomb*" -> ("roadside", "bomb*"): words split as in the sentence."""
    out: list[str] = []
    for part in text.lower().split():
        pieces = words_of(part)
        if part.endswith("*") and pieces:
            pieces = (*pieces[:-1], pieces[-1] + "*")
        out.extend(pieces)
    return tuple(out)


def _check(
    rule: AcledRule,
    groups: dict[str, frozenset[str]],
    cues: dict[str, tuple[Phrase, ...]],
    where: str,
) -> None:
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
        bad += [c for c in cond.cues + cond.not_cues + cond.target_cues if c not in cues]
        if bad:
            raise ConfigError(f"[E038] {where}: unknown codes, types, modes or tags {bad}")


@lru_cache(maxsize=1)
def acled_rules() -> AcledRules:
    """The ordered ACLED mapping rules, validated against the CAMEO and PLOVER tables."""
    data = read_yaml("acled.yaml")
    groups = {k: frozenset(v) for k, v in (data.get("sector_groups") or {}).items()}
    cues = _cue_classes(data.get("cues") or {})
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
        _check(rule, groups, cues, where)
        rules.append(rule)
    return AcledRules(
        rules=tuple(rules),
        sector_groups=groups,
        infer_target_from_casualties=bool(data.get("infer_target_from_casualties", False)),
        cues=cues,
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
        words=_Text.of(event.sentence),
        target_words=tuple(_Text.of(a.text) for a in event.target_actors),
        trigger=words_of(event.trigger),
    )


def _cued(names: Sequence[str], text: _Text, rules: AcledRules) -> bool:
    """True when the text holds a phrase of any of the named cue classes."""
    return any(text.holds(name, rules) for name in names)


def _matches(cond: Condition, view: _View, rules: AcledRules) -> bool:
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
    if cond.killed is not None and cond.killed != view.killed:
        return False
    if cond.trigger and not any(has_phrase(view.trigger, t) for t in cond.trigger):
        return False
    if any(not _cued([name], view.words, rules) for name in cond.cues):
        return False
    if cond.not_cues and _cued(cond.not_cues, view.words, rules):
        return False
    return not cond.target_cues or any(
        _cued(cond.target_cues, text, rules) for text in view.target_words
    )


def acled_for(event: Event) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a coded event, or None when ACLED would not record it."""
    rules = acled_rules()
    view = _view(event, rules)
    for rule in rules.rules:
        if any(_matches(cond, view, rules) for cond in rule.when):
            return rule.event_type, rule.sub_event_type
    return None
