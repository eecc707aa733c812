"""Which sentences may hold an event, told from their words before any parsing.

A sentence goes to the parser when it holds a word form of a trigger that can fire. A
trigger that fires only through its patterns (PETRARCH's "BE", "CARRY", "BEGIN": hundreds of
patterns, no code of their own) sends it only when the sentence also holds a word one of its
patterns needs ("carried out", "began an investigation"). A trigger of a PETRARCH-style
dictionary codes an event only between actors, so it sends a sentence only when that names
one: a capitalised name or a role word of the actor dictionaries ("officials"). Bare
statements ("said", and a user dictionary's "SAY" coded 010) send no sentence alone: a record
with nothing else still gets its first statements (see ``eventwire.nlp.sentences_to_parse``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..dictionaries.conditions import COMMON_WORDS, word_cost
from .lexicon import ANY, GPE, Lexicon, Pattern, Reading, Trigger, builtin_lexicon, inflections

_WORD = re.compile(r"[a-z0-9][a-z0-9'./-]*")
_JOINS = re.compile(r"['./-]")
_CAPITALISED = re.compile(r"\b[A-Za-z]*[A-Z][\w'-]*")
#: capitalised words that name no actor
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_NO_NAMES = frozenset(
    "i january february march april may june july august september october november december "
    "many most some all several few both each every other such one two three".split()
    + _DAYS
    + [d + "s" for d in _DAYS]
) | COMMON_WORDS
#: spelling pairs the parser's norms join ("favour" is read as "favor")
_SPELLINGS = (("or", "our"), ("ize", "ise"), ("yze", "yse"), ("er", "re"), ("ense", "ence"))
#: statement codes: "said", "announced", "commented"
STATEMENT_CODES = frozenset({None, "010"})
STATEMENT_KINDS = frozenset({None, "light", "speech"})


class Guard(NamedTuple):
    """When a trigger's form sends a sentence: with one of ``words`` (None: any), and only
    when the sentence names an actor if ``actor``."""

    words: frozenset[str] | None
    actor: bool


FREE = Guard(None, False)


@dataclass(frozen=True, slots=True, eq=False)
class Prefilter:
    """``forms``: one of them alone sends a sentence to the parser; ``guarded``: forms that
    do so on their guards' terms; ``actor_words``: role words that name an actor."""

    forms: frozenset[str]
    guarded: Mapping[str, tuple[Guard, ...]] = field(default_factory=dict)
    actor_words: frozenset[str] = frozenset()

    def passes(self, sentence: str) -> bool:
        words = sentence_words(sentence)
        if not self.forms.isdisjoint(words):
            return True
        named: bool | None = None  # whether the sentence names an actor, found out once
        for w in words:
            for guard in self.guarded.get(w, ()):
                if guard.words is not None and guard.words.isdisjoint(words):
                    continue
                if not guard.actor:
                    return True
                if named is None:
                    named = self.names_actor(sentence, words)
                if named:
                    return True
        return False

    def names_actor(self, sentence: str, words: set[str]) -> bool:
        """Whether a sentence may name an actor: a role word, or a capitalised word that is
        no month, weekday or function word ("The", "In")."""
        if not self.actor_words.isdisjoint(words):
            return True
        return any(w.lower() not in _NO_NAMES for w in _CAPITALISED.findall(sentence))

    def __or__(self, forms: frozenset[str]) -> Prefilter:
        """This prefilter with more forms that send a sentence alone."""
        return Prefilter(self.forms | forms, self.guarded, self.actor_words)

    def __contains__(self, form: str) -> bool:
        return form in self.forms or form in self.guarded


def sentence_words(sentence: str) -> set[str]:
    """The lower-cased words of a sentence, and the parts of hyphened, dotted or apostrophed
    ones (the parser splits "cease-fire" and "don't", and keeps "F-16")."""
    words = {w.rstrip(".") for w in _WORD.findall(sentence.lower())}
    parts = [p for w in words if _JOINS.search(w) for p in _JOINS.split(w) if p]
    words.update(parts)
    return words


def _spellings(word: str) -> set[str]:
    """A word's inflections and their other spellings."""
    out = inflections(word)
    for us, uk in _SPELLINGS:
        if word.endswith(us):
            out |= inflections(word[: -len(us)] + uk)
    return out


def statement_only(reading: Reading) -> bool:
    """A reading that at most makes a statement (or that only a noun can complete)."""
    return reading.code in STATEMENT_CODES and reading.kind in STATEMENT_KINDS


def pattern_words(pattern: Pattern) -> frozenset[str] | None:
    """Word forms one of which a sentence must hold for ``pattern`` to hold, or None when
    no such test can be read off it (any word, a place, words the tokenizer splits)."""
    tests = [pattern.needs] if pattern.needs else []
    tests += [w for w in pattern.conditions.values() if ANY not in w and GPE not in w]
    for words in sorted(tests, key=word_cost):
        if words and all(_WORD.fullmatch(w) and not w.endswith(".") for w in words):
            return frozenset(f for w in words for f in _spellings(w))
    return None


def trigger_guard(trigger: Trigger) -> Guard | None:
    """When ``trigger`` can fire (None: never, it only states)."""
    actor = trigger.reading.roles is not None  # a PETRARCH-style reading needs actors
    if not statement_only(trigger.reading):
        return Guard(None, actor)
    needs: set[str] = set()
    for pattern in trigger.patterns:
        if statement_only(pattern.reading):
            continue
        words = pattern_words(pattern)
        if words is None:
            return Guard(None, actor)
        needs |= words
    return Guard(frozenset(needs), actor) if needs else None


@lru_cache(maxsize=8)
def prefilter_of(lexicon: Lexicon, actor_words: frozenset[str] = frozenset()) -> Prefilter:
    """The prefilter of a lexicon's triggers; ``actor_words``: role words of the actor
    dictionaries (see ``role_words``)."""
    forms: set[str] = set()
    guarded: dict[str, set[Guard]] = {}
    for table in lexicon.tables():
        for lemma, trigger in table.items():
            guard = trigger_guard(trigger)
            if guard is None:
                continue
            for form in inflections(lemma) | set(trigger.forms):
                if guard == FREE:
                    forms.add(form)
                else:
                    guarded.setdefault(form, set()).add(guard)
    kept = {f: tuple(g) for f, g in guarded.items() if f not in forms}
    return Prefilter(frozenset(forms), kept, actor_words)


def role_words(phrases: Iterable[str]) -> frozenset[str]:
    """The head words of role phrases ("minister" of "foreign minister"): a phrase names an
    actor only with its head."""
    heads = (p.split()[-1] for p in phrases if p.strip())
    return frozenset(h for h in heads if h not in COMMON_WORDS)


def builtin_prefilter() -> Prefilter:
    """The prefilter of the built-in lexicon."""
    return prefilter_of(builtin_lexicon())


@lru_cache(maxsize=8)
def statement_prefilter(lexicon: Lexicon) -> Prefilter:
    """Word forms of bare speech verbs ("said", "told"): parsed only when nothing else is."""
    out: set[str] = set()
    for lemma, trigger in lexicon.verbs.items():
        if trigger.reading.kind == "speech":
            out |= inflections(lemma)
    return Prefilter(frozenset(out))
