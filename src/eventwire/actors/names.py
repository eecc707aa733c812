"""Finding dictionary names in raw article text with one Aho-Corasick pass.

Matching runs over a case- and accent-folded copy of the text of the same length, so offsets
are article offsets. A match must sit on word boundaries; acronyms ("US", "IS") must match in
their exact case and proper names must hold a capital, so "us", "turkey" and "chad" the
words never match. Overlapping matches resolve to the leftmost longest.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import ahocorasick

from .dictionary import ActorDictionary
from .records import ActorEntry, Country, Institution, Organisation, Person
from .text import is_acronym

Kind = Literal[
    "person", "actor", "organisation", "institution", "country", "capital", "demonym", "block"
]
PRIORITY: dict[str, int] = {
    "block": -1,
    "person": 0,
    "actor": 1,
    "organisation": 2,
    "institution": 3,
    "country": 4,
    "capital": 5,
    "demonym": 6,
}
Ref = Person | ActorEntry | Organisation | Institution | Country | None

# Capitals that are common words or names elsewhere: never a metonym for their government.
CAPITAL_STOP = {
    "Victoria", "Kingston", "Male", "Georgetown", "Santiago", "San Jose", "Kingstown",
    "Castries", "Roseau", "Basseterre", "St. John's", "Nassau", "Luxembourg",
}  # fmt: skip
# Longer phrases that contain a country word but do not refer to the country.
BLOCKERS = (
    "Latin America", "Latin American", "Latin Americans", "South America", "South American",
    "North America", "North American", "Central America", "Central American",
    "African American", "African Americans", "Native American", "Native Americans",
    "Arab American", "Korean Peninsula", "Korean peninsula", "Persian Gulf", "Indian Ocean",
    "Arabian Peninsula", "Arabian Sea", "New Jersey", "New England", "New South Wales",
    "New Mexico", "Gulf of Mexico", "British Columbia", "Washington Post", "Washington Times",
    "Washington state", "Washington State", "Jordan River", "Jordan Valley", "Dominican Republic",
    "Irish Sea", "English Channel", "English-language", "Arabic", "Indian Point",
    # news media named after a country or city, not its state's (as "Voice of America" is)
    "Agence France-Presse", "France 24", "China Daily", "Japan Times", "Times of India",
    "Jerusalem Post", "Moscow Times", "Kyiv Independent", "Kyiv Post", "Tehran Times",
    "Korea Herald", "Korea Times",
)  # fmt: skip


class _FoldTable(dict[int, str]):
    """str.translate table: lower case, accents off, hyphens and quotes plain; one character
    for one character (characters that would change length stay as they are)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if code > 127:
            c = unicodedata.normalize("NFKD", c)[0]
        c = {"\u2019": "'", "\u2018": "'", "\u2010": " ", "\u2011": " ", "\u2013": " "}.get(c, c)
        if c in "-_":  # "Dol_Amroth" as parsers' output writes a name
            c = " "
        low = c.lower()
        out = low if len(low) == 1 else chr(code)
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case, accents off, hyphens as spaces: one character for one character."""
    return text.translate(_FOLD)


class NameEntry(NamedTuple):
    """One spelling of one dictionary entry (a tuple: tens of thousands are made at once).
    ``user``: from a user dictionary, so it takes precedence over built-in entries spelt the
    same."""

    kind: Kind
    ref: Ref
    form: str
    user: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A raw match: where, and every entry of the winning kind that spells it this way."""

    start: int
    end: int
    kind: Kind
    entries: tuple[NameEntry, ...]


class NameIndex:
    """All dictionary spellings in one automaton."""

    def __init__(self, entries: list[NameEntry], *, shadowed: frozenset[str] = frozenset()) -> None:
        """``shadowed``: role phrases of user dictionaries; a built-in name spelt like one
        ("MSF" as a role word) is left to the role-word lookup."""
        by_key: dict[str, list[NameEntry]] = {}
        seen: set[tuple[str, str, int]] = set()
        users: set[str] = set()  # keys a user entry spells
        for entry in entries:
            key = " ".join(fold(entry.form).split())
            if len(key) < 2 or (key, entry.kind, id(entry.ref)) in seen:
                continue
            seen.add((key, entry.kind, id(entry.ref)))
            by_key.setdefault(key, []).append(entry)
            if entry.user:
                users.add(key)
        self._automaton = ahocorasick.Automaton()
        for key, found in by_key.items():
            if key in users or key in shadowed:
                found = [e for e in found if e.user]
            if not found:
                continue
            self._automaton.add_word(key, (key, tuple(found)))
        self._automaton.make_automaton()
        self.size = len(by_key)

    def matches(self, text: str, *, folded: str | None = None) -> list[Match]:
        """Non-overlapping matches in ``text`` (``folded``: its :func:`fold`, if at hand),
        leftmost longest first."""
        folded = fold(text) if folded is None else folded
        found: list[Match] = []
        for end_index, (key, entries) in self._automaton.iter(folded):
            start, end = end_index - len(key) + 1, end_index + 1
            if not on_boundaries(text, start, end):
                continue
            ok = tuple(e for e in entries if _case_ok(text[start:end], e.form))
            if not ok:
                continue
            best = min(PRIORITY[e.kind] for e in ok)
            kind = next(e.kind for e in ok if PRIORITY[e.kind] == best)
            found.append(Match(start, end, kind, tuple(e for e in ok if e.kind == kind)))
        return list(_leftmost_longest(found))


def on_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has no letter or digit right before or after it."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _case_ok(found: str, form: str) -> bool:
    if is_acronym(form):
        return found == form
    first = next((c for c in form if c.isalpha()), "")
    if first.isupper():
        # a capital anywhere will do ("iSrael" typed in haste); "turkey" the bird has none
        return any(c.isupper() for c in found)
    return True


def _leftmost_longest(found: list[Match]) -> Iterator[Match]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    last_end = -1
    for match in found:
        if match.start >= last_end:
            last_end = match.end
            if match.kind != "block":
                yield match


def _entries(dictionary: ActorDictionary) -> list[NameEntry]:
    entries: list[NameEntry] = [NameEntry("block", None, b) for b in BLOCKERS]
    for person in dictionary.people:
        user = person.origin is not None
        entries += [NameEntry("person", person, n, user) for n in person.names]
    for actor in dictionary.actors:
        entries += [NameEntry("actor", actor, n, True) for n in actor.names]
    for org in dictionary.organisations:
        user = org.origin is not None
        entries += [NameEntry("organisation", org, n, user) for n in org.names]
    for inst in dictionary.institutions:
        user = inst.origin is not None
        entries += [NameEntry("institution", inst, n, user) for n in inst.names]
    for country in dictionary.countries.values():
        entries += [NameEntry("country", country, n) for n in country.names]
        entries += [NameEntry("demonym", country, n) for n in country.demonyms]
        if country.kind == "state":
            entries += [
                NameEntry("capital", country, c) for c in country.capitals if c not in CAPITAL_STOP
            ]
    return entries


@lru_cache(maxsize=8)
def name_index(dictionary: ActorDictionary) -> NameIndex:
    """The automaton for a dictionary (built once per dictionary)."""
    shadowed = frozenset(
        " ".join(fold(form).split()) for form, e in dictionary.agents.entries.items() if e.origin
    )
    return NameIndex(_entries(dictionary), shadowed=shadowed)
