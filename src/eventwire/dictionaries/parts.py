"""What a dictionary file holds, typed: actors, people, groups, role words, triggers, discards."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..actors.agents import AgentEntry
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
    def _sentence(self) -> re.Pattern[str] | None:
        return _alternation(self.discards.sentence)

    @cached_property
    def _story(self) -> re.Pattern[str] | None:
        return _alternation(self.discards.story)

    def story(self, text: str) -> str | None:
        """The story discard phrase found in ``text``, or None."""
        return _search(self._story, text)

    def sentence(self, text: str) -> str | None:
        return _search(self._sentence, text)


def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = [r"[\s-]+".join(re.escape(w) for w in p.split()) for p in phrases]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(parts, key=len, reverse=True))})(?![\w-])",
                      re.IGNORECASE)  # fmt: skip


def _search(pattern: re.Pattern[str] | None, text: str) -> str | None:
    if pattern is None:
        return None
    found = pattern.search(text)
    return found.group() if found else None
