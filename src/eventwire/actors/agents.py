"""Role nouns ("soldiers", "foreign minister") and the sectors they code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HYPHEN = re.compile(r"\s*-\s*")


def agent_key(phrase: str) -> str:
    """Lookup form of a role phrase: lower case, single spaces, hyphens glued."""
    key = " ".join(phrase.lower().split())
    return _HYPHEN.sub("-", key) if "-" in key else key  # most phrases hold no hyphen


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
    generic head that defers to other words of its phrase, and whether it names a state organ.

    Entries of user dictionaries in the PETRARCH style ``compose``: every such role word of a
    phrase adds its code to the actor's ("Danish Islamist media" -> DNK MUS MED), before it when
    ``prefix`` ("MSF Arnor" -> NGO ARN). ``inflect`` False: only the forms listed match (no
    plural or lemma forms)."""

    phrase: str
    sector: str | None
    generic: bool = False
    organ: bool = False
    prefix: bool = False
    compose: bool = False
    inflect: bool = True
    origin: str | None = None


@dataclass(slots=True)
class AgentTable:
    """Role phrases by lookup key, singular and plural forms alike."""

    entries: dict[str, AgentEntry] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)  # title -> sector (None: any)
    longest: int = 1  # words in the longest phrase
    forms_of: dict[str, set[str]] = field(default_factory=dict)  # phrase key -> its forms
    #: the words phrases start with, split at hyphens ("peace" of "peace-keeper"), each with
    #: the tokens the longest phrase starting with it may take (a hyphen is a token of its
    #: own): a lookup starts at no other word and tries no longer window
    reach: dict[str, int] = field(default_factory=dict)

    def add(self, entry: AgentEntry, *, forms: tuple[str, ...] | None = None,
            replace: bool = False) -> None:  # fmt: skip
        """Add a phrase with its regular plurals, or with exactly ``forms`` besides it.
        ``replace``: first drop every form of an earlier entry for the same phrase (a user
        entry overriding a built-in one, plurals included)."""
        key = agent_key(entry.phrase)
        words = key.split(" ")
        if replace:
            for form in self.forms_of.pop(key, ()):
                if form in self.entries and agent_key(self.entries[form].phrase) == key:
                    del self.entries[form]
        found = {key}
        if forms is None:
            *rest, last = words
            found |= {" ".join([*rest, p]) for p in plurals(last)}
        else:
            found |= {agent_key(f) for f in forms}
        for form in found:
            if form == key or replace or form not in self.entries:
                self.entries[form] = entry
                self.forms_of.setdefault(key, set()).add(form)
                start = form.split(" ")[0].split("-")[0]
                tokens = len(form.split(" ")) + 2 * form.count("-")
                self.reach[start] = max(self.reach.get(start, 0), tokens)
        self.longest = max(self.longest, *(len(f.split(" ")) for f in found))

    def get(self, phrase: str) -> AgentEntry | None:
        return self.entries.get(agent_key(phrase))

    def __len__(self) -> int:
        return len({e.phrase for e in self.entries.values()})
