"""The trigger lexicon: which words can start an event, and with which CAMEO code.

Loaded from ``data/triggers.yaml`` (see its header for the format). User dictionaries can add
or override entries with the same format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..dictionaries.conditions import Condition, Roles

KINDS = frozenset(
    {
        "speech",
        "threat",
        "demand",
        "appeal",
        "intent",
        "reject",
        "deny",
        "comment",
        "light",
        "agent",
    }
)
READING_KEYS = frozenset({"code", "mode", "context", "targets", "instrument", "kind", "reverse"})
#: Keys of user dictionaries in the PETRARCH style (see eventwire.dictionaries.conditions).
IMPORT_KEYS = frozenset({"before", "after", "np", "form", "source", "target", "reciprocal",
                         "mirror", "negated", "origin", "style"})  # fmt: skip
CONDITION_KEYS = ("object", "prep", "particle", "subject", "compound", "amod", "child", "subtree")
ANY = "@any"
GPE = "@gpe"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a trigger means in one context: the code and how it treats its complement."""

    code: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()
    targets: tuple[str, ...] | None = None
    kind: str | None = None
    instrument: bool = False  # the object is what is used or given, not the target
    reverse: bool = False  # "received weapons from X": X is the source, the subject the target
    roles: Roles | None = None  # roles and codes as a user dictionary states them


@dataclass(frozen=True, slots=True)
class Pattern:
    """A more specific reading that applies when all its conditions hold.

    Each condition is a set of lemmas; ``ANY`` matches any word, ``GPE`` a place entity."""

    conditions: Mapping[str, frozenset[str]]
    reading: Reading
    extra: tuple[Condition, ...] = ()  # word sequences, forms (eventwire.dictionaries)
    needs: frozenset[str] = frozenset()  # one of these words must be in the sentence


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # "VERB" or "NOUN"
    reading: Reading  # the default reading (code None: only patterns may fire)
    patterns: tuple[Pattern, ...] = ()
    forms: tuple[str, ...] = ()  # irregular forms a dictionary lists, for the sentence prefilter
    _index: PatternIndex | None = field(default=None, compare=False, repr=False)

    def candidates(self, words: frozenset[str]) -> list[Pattern] | tuple[Pattern, ...]:
        """The patterns that may hold in a sentence of ``words`` (forms, lemmas), in order:
        those whose needed words it holds and those that need none."""
        if len(self.patterns) < PatternIndex.WORTH:
            return self.patterns
        if self._index is None:  # built on first use: most of a big dictionary never is
            object.__setattr__(self, "_index", PatternIndex(self.patterns))
        return self._index.candidates(words)  # type: ignore[union-attr]


class PatternIndex:
    """A trigger's patterns by the words they need, so that a verb block of hundreds of
    PETRARCH patterns is not tried one by one on every sentence."""

    WORTH = 8  # fewer patterns are tried in turn

    __slots__ = ("patterns", "free", "by_word")

    def __init__(self, patterns: tuple[Pattern, ...]) -> None:
        self.patterns = patterns
        self.free = frozenset(i for i, p in enumerate(patterns) if not p.needs)
        self.by_word: dict[str, list[int]] = {}
        for i, p in enumerate(patterns):
            for word in p.needs:
                self.by_word.setdefault(word, []).append(i)

    def candidates(self, words: frozenset[str]) -> list[Pattern]:
        found = set(self.free)
        for word in words:
            hit = self.by_word.get(word)
            if hit is not None:
                found.update(hit)
        return [self.patterns[i] for i in sorted(found)]


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Verb and noun triggers (hashed by identity, so derived word forms can be cached)."""

    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    adjectives: dict[str, Trigger] = field(default_factory=dict)
    default_targets: tuple[str, ...] = ()
    builtin: bool = True  # False: a user lexicon that replaces the built-in one

    def lookup(self, lemma: str, pos: str) -> Trigger | None:
        table = {"VERB": self.verbs, "NOUN": self.nouns, "ADJ": self.adjectives}[pos]
        return table.get(lemma.lower())

    def tables(self) -> tuple[dict[str, Trigger], ...]:
        return self.verbs, self.nouns, self.adjectives

    def merged(self, other: Lexicon) -> Lexicon:
        """A new lexicon with ``other``'s entries over this one's."""
        return Lexicon(
            verbs={**self.verbs, **other.verbs},
            nouns={**self.nouns, **other.nouns},
            adjectives={**self.adjectives, **other.adjectives},
            default_targets=other.default_targets or self.default_targets,
        )


def _codes(value: Any, classes: Mapping[str, Sequence[str]], where: str) -> frozenset[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    out: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(
                f"[E026] {where}: {item!r} is not a word; quote words YAML reads as "
                'booleans or numbers ("on", "no")'
            )
        if item in (ANY, GPE):
            out.add(item)
        elif item.startswith("@"):
            if item[1:] not in classes:
                raise ConfigError(
                    f"[E020] {where}: unknown word class {item}; define it under classes:"
                )
            out.update(w.lower() for w in classes[item[1:]])
        else:
            out.add(item.lower())
    return frozenset(out)


def _is_instrument(pattern: Mapping[str, Any]) -> bool:
    """Objects of non-coercive patterns ("send troops", "impose sanctions") are instruments."""
    objects = pattern.get("object")
    code = str(pattern.get("code") or "")
    if not objects or code[:2] in ("17", "18", "19", "20", "08"):
        return False
    names = [objects] if isinstance(objects, str) else list(objects)
    return not any(n in ("@prisoner", "@diplomat") for n in names)


def _statement_kind(code: str | None, style: str | None) -> str | None:
    """A PETRARCH-style dictionary codes "SAY" and its kin as plain statements (010): they
    are speech, which lends its speaker to the events it reports and is an event of its own
    only when the sentence reports nothing else, as the built-in "say" is."""
    return "speech" if style is not None and code == "010" else None


def _trigger(
    lemma: str,
    pos: str,
    spec: Any,
    classes: Mapping[str, Sequence[str]],
    style: str | None = None,
    shared: dict[Any, Pattern] | None = None,
) -> Trigger:
    from ..dictionaries.conditions import parse_conditions, parse_roles, pattern_needs, phrased_prep

    where = f"trigger '{lemma}' ({pos.lower()})"
    if isinstance(spec, str | int) and style is not None:
        spec = {"code": spec}
    if isinstance(spec, str | int):
        return Trigger(lemma.lower(), pos, Reading(code=str(spec)))
    if not isinstance(spec, Mapping):
        raise ConfigError(f"[E022] {where}: expected a code or a mapping, got {spec!r}")
    code = None if spec.get("code") is None else str(spec["code"])
    base = Reading(
        code=code,
        mode=spec.get("mode"),
        context=tuple(spec.get("context", ())),
        targets=tuple(spec["targets"]) if spec.get("targets") is not None else None,
        kind=spec.get("kind") or _statement_kind(code, style),
        reverse=bool(spec.get("reverse", False)),
        roles=parse_roles({"style": style, **spec} if style else spec, None, where),
    )
    if base.kind is not None and base.kind not in KINDS:
        raise ConfigError(f"[E021] {where}: unknown kind '{base.kind}'; use one of {sorted(KINDS)}")
    patterns = []
    for p in spec.get("patterns", ()):
        key = (id(p), replace(base, code=None))  # one block's patterns serve all its verbs
        if shared is not None and key in shared:
            patterns.append(shared[key])
            continue
        keys = [k for k in CONDITION_KEYS if k in p and not (k == "prep" and phrased_prep(p))]
        conditions = {k: _codes(p[k], classes, where) for k in keys}
        unknown = set(p) - set(CONDITION_KEYS) - READING_KEYS - IMPORT_KEYS
        if p.get("kind") is not None and p["kind"] not in KINDS:
            raise ConfigError(
                f"[E021] {where}: unknown kind '{p['kind']}'; use one of {sorted(KINDS)}"
            )
        if unknown:
            raise ConfigError(f"[E023] {where}: unknown pattern keys {sorted(unknown)}")
        code = None if p.get("code") is None else str(p["code"])
        if "kind" in p:
            kind = p["kind"]
        else:
            kind = _statement_kind(code, style) if style is not None else base.kind
        reading = replace(
            base,
            code=code,
            mode=p.get("mode", base.mode),
            context=tuple(p.get("context", base.context)),
            targets=tuple(p["targets"]) if "targets" in p else base.targets,
            kind=kind,
            instrument=bool(p.get("instrument", _is_instrument(p))),
            reverse=bool(p.get("reverse", base.reverse)),
            roles=parse_roles(p, base.roles, where),
        )
        extra = parse_conditions(p, classes, where)
        pattern = Pattern(conditions, reading, extra, pattern_needs(extra))
        if shared is not None:
            shared[key] = pattern
        patterns.append(pattern)
    forms = tuple(str(f).lower() for f in spec.get("forms") or ())
    return Trigger(lemma.lower(), pos, base, tuple(patterns), forms)


def parse_lexicon(data: Mapping[str, Any], *, source: str = "lexicon") -> Lexicon:
    """Build a Lexicon from the YAML structure described in data/triggers.yaml."""
    unknown = set(data) - {"verbs", "nouns", "adjectives", "classes", "default_targets",
                           "style", "builtin"}  # fmt: skip
    if unknown:
        raise ConfigError(f"[E024] {source}: unknown sections {sorted(unknown)}")
    classes = data.get("classes") or {}
    style, shared = data.get("style"), {}  # type: ignore[var-annotated]

    def table(section: str, pos: str) -> dict[str, Trigger]:
        items = (data.get(section) or {}).items()
        return {k.lower(): _trigger(k, pos, v, classes, style, shared) for k, v in items}

    targets = data.get("default_targets") or ()
    if not all(isinstance(t, str) for t in targets):
        raise ConfigError(f'[E026] {source}: default_targets must be words; quote "on"')
    return Lexicon(
        verbs=table("verbs", "VERB"),
        nouns=table("nouns", "NOUN"),
        adjectives=table("adjectives", "ADJ"),
        default_targets=tuple(targets),
        builtin=bool(data.get("builtin", True)),
    )


def load_lexicon_file(path: Path) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"[E025] cannot read trigger lexicon {path}: {e}") from e
    return parse_lexicon(data, source=str(path))


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    text = resources.files("eventwire.coding").joinpath("data/triggers.yaml").read_text("utf-8")
    return parse_lexicon(yaml.safe_load(text), source="built-in triggers.yaml")


# --- word forms for the sentence prefilter ---------------------------------------------------


def inflections(lemma: str) -> set[str]:
    """Generous English inflections of a lemma (over-generation is harmless for a filter),
    with the irregular forms the parser's lemmatizer reads as the lemma's."""
    from ..nlp import irregular_verb_forms

    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    if "-" in w:
        forms |= inflections(w.replace("-", ""))
    forms.update(irregular_verb_forms().get(w, ()))
    return forms
