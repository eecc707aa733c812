"""Role nouns ("soldiers", "foreign minister") and the sectors they code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HYPHEN = re.compile(r"\s*-\s*")


def agent_key(phrase: str) -> str:
    """Lookup form of a role phrase: lower case, single spaces, hyphens glued."""
    return _HYPHEN.sub("-", " ".join(phrase.lower().split()))


def plurals(word: str) -> set[str]:
    """Regular English plurals of a singular role noun (or of the last word of a phrase)."""
    if word.endswith("man"):
        return {word[:-3] + "men"}
    if word.endswith(("s", "x", "ch", "sh")):
        return {word + "es"}
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return {word[:-1] + "ies"}
    return {word + "s"}


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One role phrase: its sector (None for a generic head with no default), whether it is a
    generic head that defers to other words of its phrase, and whether it names a state organ."""

    phrase: str
    sector: str | None
    generic: bool = False
    organ: bool = False


@dataclass(slots=True)
class AgentTable:
    """Role phrases by lookup key, singular and plural forms alike."""

    entries: dict[str, AgentEntry] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)  # title -> sector (None: any)
    longest: int = 1  # words in the longest phrase

    def add(self, entry: AgentEntry) -> None:
        key = agent_key(entry.phrase)
        words = key.split(" ")
        forms = {key}
        *rest, last = words
        forms |= {" ".join([*rest, p]) for p in plurals(last)}
        for form in forms:
            if form == key or form not in self.entries:
                self.entries[form] = entry
        self.longest = max(self.longest, len(words))

    def get(self, phrase: str) -> AgentEntry | None:
        return self.entries.get(agent_key(phrase))

    def __len__(self) -> int:
        return len({e.phrase for e in self.entries.values()})
