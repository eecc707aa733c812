"""What a dictionary file holds, typed: actors, people, groups, role words, triggers, discards."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import ahocorasick

from ..actors.agents import AgentEntry
from ..actors.names import on_boundaries
from ..actors.records import ActorEntry, Institution, Organisation, Person

if TYPE_CHECKING:
    from ..coding.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class AgentSpec:
    """A role word as a file gives it, with its other forms (None: regular plurals)."""

    entry: AgentEntry
    forms: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Discards:
    """Phrases that keep a sentence, or a whole story, from being coded (lower case words)."""

    sentence: tuple[str, ...] = ()
    story: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sentence or self.story)

    def merged(self, other: Discards) -> Discards:
        return Discards(
            sentence=tuple(dict.fromkeys(self.sentence + other.sentence)),
            story=tuple(dict.fromkeys(self.story + other.story)),
        )


@dataclass(frozen=True, slots=True)
class FileParts:
    """Everything read from one dictionary file. ``lexicon_data`` is the trigger lexicon in
    our YAML structure (see docs/dictionaries.md); ``notes`` say what was skipped and why."""

    path: str
    format: str
    actors: tuple[ActorEntry, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    institutions: tuple[Institution, ...] = ()
    agents: tuple[AgentSpec, ...] = ()
    titles: tuple[tuple[str, str | None], ...] = ()
    lexicon_data: dict[str, Any] | None = None
    lexicon: Lexicon | None = None
    discards: Discards = field(default_factory=Discards)
    notes: tuple[str, ...] = ()


class DiscardMatcher:
    """Finds discard phrases in text: whole words, any case."""

    def __init__(self, discards: Discards) -> None:
        self.discards = discards

    @cached_property
    def _sentence(self) -> _Phrases | None:
        return _Phrases.of(self.discards.sentence)

    @cached_property
    def _story(self) -> _Phrases | None:
        return _Phrases.of(self.discards.story)

    def story(self, text: str) -> str | None:
        """The story discard phrase found in ``text``, or None."""
        return self._story.search(text) if self._story is not None else None

    def sentence(self, text: str) -> str | None:
        return self._sentence.search(text) if self._sentence is not None else None


_SEPARATORS = re.compile(r"[\s-]+")


class _Phrases:
    """Whole-word phrases, words apart by spaces or hyphens. A search runs one automaton over
    the text first and the exact expression only where some phrase occurs at all: a big
    alternation is slow to run over every sentence, and nearly none holds a phrase."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        parts = [r"[\s-]+".join(re.escape(w) for w in p.split()) for p in phrases]
        self.pattern = re.compile(
            rf"(?<![\w-])(?:{'|'.join(sorted(parts, key=len, reverse=True))})(?![\w-])",
            re.IGNORECASE,
        )
        self.automaton = ahocorasick.Automaton()
        for phrase in phrases:
            key = _SEPARATORS.sub(" ", phrase.lower()).strip()
            if key:
                self.automaton.add_word(key, key)
        self.automaton.make_automaton()

    @classmethod
    def of(cls, phrases: tuple[str, ...]) -> _Phrases | None:
        return cls(phrases) if any(p.strip() for p in phrases) else None

    def search(self, text: str) -> str | None:
        folded = _SEPARATORS.sub(" ", text.lower())
        if not any(on_boundaries(folded, end - len(key) + 1, end + 1)
                   for end, key in self.automaton.iter(folded)):  # fmt: skip
            return None
        found = self.pattern.search(text)
        return found.group() if found else None
