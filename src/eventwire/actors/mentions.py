"""Pre-scanning an article for named actors: dictionary names, titled names, later surnames.

The scan runs over the raw article text (every sentence, parsed or not), so a short later
mention ("Akar told reporters") resolves to the full earlier one ("Defense Minister Hulusi
Akar"), and a person's code is the role they held on the article's date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import ahocorasick

from .codes import split_code
from .dictionary import ActorDictionary
from .names import Match, NameEntry, fold, name_index
from .records import ActorEntry, Country, Institution, Organisation, Person

PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "da", "del", "van", "von", "der", "la", "le",
             "di", "dos", "du", "ben", "bint", "ould", "ag"}  # fmt: skip
NOT_NAMES = {
    "The", "A", "An", "And", "But", "Or", "On", "In", "At", "Of", "For", "To", "By", "With",
    "From", "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "This", "That", "These",
    "Those", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Ms.", "Minister",
    "President", "Ministry", "Said", "Says", "Told", "Who", "When", "After", "Before", "As",
    "Also", "Last", "Next", "Today", "Yesterday", "Tomorrow", "Earlier", "Later", "While",
}  # fmt: skip
_NAME_WORD = r"[A-Z][\w'\u2019.-]*"
_PARTICLE = "|".join(sorted(PARTICLES))
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:(?i:{_PARTICLE})[ \t-]+)?{_NAME_WORD}){{0,4}}"
# Words that make a capitalised sequence an organisation or place, not a person.
NOT_PERSON_WORDS = {
    "Department", "Ministry", "Office", "Council", "Court", "Committee", "Party", "Army",
    "Forces", "Force", "Police", "Commission", "Agency", "Service", "Services", "Government",
    "Administration", "Assembly", "Parliament", "Senate", "House", "Union", "Organization",
    "Organisation", "Movement", "Front", "Group", "Bank", "University", "School", "Hospital",
    "Airport", "City", "Province", "State", "Street", "Square", "Palace", "Foundation",
    "Institute", "Academy", "Company", "Corporation", "Brigade", "Brigades", "Division",
}  # fmt: skip
# Text between a country or group and a title that still ties them ("Vietnamese defence chief
# Gen. X"): words and spaces only.
_TIE = re.compile(r"[ \t]*(?:[A-Za-z'\u2019-]+[ \t]+){0,3}")

# "Iran-backed Hezbollah": the country backs the actor, it is not the actor's country.
_SPONSOR = re.compile(
    r"\s*-\s*(backed|allied|supported|funded|sponsored|trained|aligned|based|armed|friendly"
    r"|linked|affiliated|inspired|leaning)\b",
    re.IGNORECASE,
)
# "pro-Russia rebels", "anti-Assad protesters": the actor is for or against, not of.
_STANCE = re.compile(r"(?:pro|anti)\s*-\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A named actor found in the article text, with its code on the article date."""

    start: int
    end: int
    text: str
    kind: str  # person, titled, actor, organisation, institution, country, capital, demonym
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    key: object = None  # the dictionary entry (or the titled name) this mention refers to

    @property
    def is_named(self) -> bool:
        """A named actor (person, group, institution) rather than a country word."""
        return self.kind in ("person", "titled", "organisation", "institution")


class _Occupied:
    """Spans already taken by non-overlapping mentions, for fast overlap tests."""

    def __init__(self, mentions: list[Mention]) -> None:
        ordered = sorted(mentions, key=lambda m: m.start)
        self.mentions = ordered
        self.starts = [m.start for m in ordered]

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions (in ``self.mentions``) of the mentions overlapping [start, end)."""
        i = bisect_right(self.starts, end - 1) - 1
        out = []
        while i >= 0 and self.mentions[i].end > start:
            out.append(i)
            i -= 1
        return out


def _coded(code: str | None) -> tuple[str | None, str | None]:
    return split_code(code) if code else (None, None)


def _person_mention(match: Match, text: str, person: Person, day: date) -> Mention:
    role = person.code_on(day)
    code = role.code if role else None
    country, sector = _coded(code)
    return Mention(match.start, match.end, text, "person", code, country, sector, person.name,
                   person)  # fmt: skip


def _choose_person(entries: tuple[NameEntry, ...], day: date, focus: str | None) -> Person | None:
    """One person for an alias several people share: the one in office on ``day``, then one
    of the focus country; None when still ambiguous with different codes."""
    people = [e.ref for e in entries if isinstance(e.ref, Person)]
    if len(people) == 1:
        return people[0]
    active = [p for p in people if p.role_on(day)] or people
    if len(active) > 1 and focus:
        local = [p for p in active if (r := p.code_on(day)) and r.country == focus]
        active = local or active
    codes = {(r.code if (r := p.code_on(day)) else None) for p in active}
    return active[0] if len(codes) == 1 else None


def _to_mention(match: Match, text: str, day: date, focus: str | None) -> Mention | None:
    found = text[match.start : match.end]
    ref = match.entries[0].ref
    if match.kind == "actor":  # a user actor: the last entry spelt this way wins
        actor = match.entries[-1].ref
        assert isinstance(actor, ActorEntry)
        code = actor.code_on(day)
        if code is None:  # known, but not coded (on this date)
            return None
        country, sector = split_code(code.split("/")[0])
        return Mention(match.start, match.end, found, "actor", code, country, sector, actor.name,
                       actor)  # fmt: skip
    if match.kind == "person":
        person = _choose_person(match.entries, day, focus)
        return _person_mention(match, found, person, day) if person else None
    if match.kind == "organisation":
        assert isinstance(ref, Organisation)
        role = ref.role_on(day)
        return Mention(match.start, match.end, found, "organisation", role.code, role.country,
                       role.sector, ref.name, ref)  # fmt: skip
    if match.kind == "institution":
        assert isinstance(ref, Institution)
        return Mention(match.start, match.end, found, "institution", ref.code, ref.country,
                       ref.sector, ref.name, ref)  # fmt: skip
    assert isinstance(ref, Country)
    if match.kind == "capital":
        return Mention(match.start, match.end, found, "capital", ref.iso3 + "GOV", ref.iso3,
                       "GOV", ref.name, ref)  # fmt: skip
    return Mention(match.start, match.end, found, match.kind, ref.iso3, ref.iso3, None, ref.name,
                   ref)  # fmt: skip


def stance_or_sponsor(text: str, mention: Mention) -> bool:
    """True for "Iran-backed", "al-Qaeda-linked", "pro-Russia", "anti-government"."""
    kinds = ("organisation", "country", "capital", "demonym", "institution", "actor")
    if mention.kind not in kinds:
        return False
    before = text[max(0, mention.start - 6) : mention.start]
    return bool(_SPONSOR.match(text, mention.end) or _STANCE.search(before))


def country_focus(mentions: list[Mention], *, title: list[Mention] = ()) -> str | None:
    """The country an article is mostly about: the most mentioned (title and lead count
    double), ties to the earliest."""
    weights: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        if m.country:
            weights[m.country] += 2 if m.start < 300 else 1
            first.setdefault(m.country, m.start)
    for m in title:
        if m.country:
            weights[m.country] += 2
            first.setdefault(m.country, -1)
    if not weights:
        return None
    return max(weights, key=lambda c: (weights[c], -first[c]))


class _TitleFinder:
    """Titles followed by a name. The expression, an alternation of every title, is slow to
    run along a whole article: it is tried only where an automaton finds a title's first
    word (in the folded text, which has the same offsets)."""

    def __init__(self, titles: Iterable[str]) -> None:
        titles = sorted(titles, key=len, reverse=True)
        alternation = "|".join(re.escape(t).replace(r"\ ", r"[ \t]+") for t in titles)
        self.pattern = re.compile(
            rf"(?<![\w.-])(?i:(?P<title>{alternation}))(?:,)?[ \t]+(?P<name>{_NAME})"
        )
        self.automaton = ahocorasick.Automaton()
        for title in titles:
            word = fold(title).split()[0] if title.split() else ""
            if word:
                self.automaton.add_word(word, len(word))
        self.automaton.make_automaton()

    def starts(self, folded: str) -> list[int]:
        """Where a title may begin, in order."""
        if not len(self.automaton):
            return []
        return sorted({end - n + 1 for end, n in self.automaton.iter(folded)})

    def search(self, text: str, starts: list[int], pos: int) -> re.Match[str] | None:
        """What ``pattern.search(text, pos)`` finds, tried at the ``starts`` only."""
        for start in starts[bisect_left(starts, pos) :]:
            if found := self.pattern.match(text, start):
                return found
        return None


@lru_cache(maxsize=8)
def _title_finder(dictionary: ActorDictionary) -> _TitleFinder:
    return _TitleFinder(dictionary.agents.titles)


def _clean_name(name: str) -> str:
    words = name.split()
    while words and (words[-1] in NOT_NAMES or words[-1].endswith(".")):
        words.pop()
    return " ".join(words).removesuffix("'s").removesuffix("\u2019s")


def _titled(text: str, folded: str, mentions: list[Mention], dictionary: ActorDictionary,
            focus: str | None) -> list[Mention]:  # fmt: skip
    """Names right after a title ("Defence Minister X", "Gen. Y") that the dictionary lacks."""
    found = []
    taken = _Occupied(mentions)
    titles = dictionary.agents.titles
    finder = _title_finder(dictionary)
    starts = finder.starts(folded)
    pos = 0
    while match := finder.search(text, starts, pos):
        pos = match.end()
        name = _clean_name(match.group("name"))
        words = name.split()
        lead = " ".join(words[:2]).lower()
        if words and (words[0].lower() in titles or lead in titles):
            pos = match.start("name")  # "Deputy Attorney General X": retry at the inner title
            continue
        if not words or words[0] in NOT_NAMES or NOT_PERSON_WORDS & set(words):
            continue
        start = match.start("name")
        end = start + len(name)
        if taken.overlapping(start, end):
            continue
        sector = titles.get(" ".join(match.group("title").lower().split()))
        tie = _tie(text, taken, match.start())
        code, country = None, focus
        if tie is not None and tie.kind == "organisation" and tie.code:
            code = tie.code
        elif tie is not None and tie.country:
            country = tie.country
        if code is None and sector:
            code = (country or "") + sector
        if code is None:
            continue
        c, s = _coded(code)
        found.append(Mention(start, end, name, "titled", code, c, s, None, ("titled", name)))
    return found


def _tie(text: str, taken: _Occupied, title_start: int) -> Mention | None:
    """The country or group just before a title, joined to it by at most a few words."""
    near = taken.overlapping(max(0, title_start - 40), title_start)
    for i in sorted(near, reverse=True):
        m = taken.mentions[i]
        if m.end <= title_start and _TIE.fullmatch(text, m.end, title_start):
            return m
        if m.end <= title_start:
            break
    return None


def _surnames(mention: Mention) -> set[str]:
    words = [w for w in mention.text.split() if w.lower() not in PARTICLES]
    if len(words) < 2:
        return set()
    out = {words[-1]}
    if isinstance(mention.key, Person):
        last = mention.key.name.split()[-1]
        out.add(last)
    return {s for s in out if len(s) > 2 and s[0].isupper()}


def _other_first_name(text: str, start: int, owner: Mention) -> bool:
    """True for "Elizabeth Dole" when the surname's owner is "Bob Dole"."""
    before = re.search(r"([A-Z][\w'\u2019-]*)[ \t]+$", text[max(0, start - 30) : start])
    if before is None:
        return False
    word = before.group(1)
    return word not in NOT_NAMES and word not in owner.text.split() and word.istitle()


def _later_surnames(text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of a surname after the full name appeared; in-article people beat the
    dictionary's other bearers of a bare surname."""
    owners: dict[str, Mention] = {}
    clashes: set[str] = set()
    for m in mentions:
        if m.kind not in ("person", "titled"):
            continue
        for surname in _surnames(m):
            if surname in owners and owners[surname].key != m.key:
                clashes.add(surname)
            owners.setdefault(surname, m)
    taken = _Occupied(mentions)
    dropped: set[int] = set()
    added: list[Mention] = []
    wanted = {fold(s): owner for s, owner in owners.items() if s not in clashes}
    if not wanted:
        return mentions
    alternation = "|".join(re.escape(s) for s in sorted(wanted, key=len, reverse=True))
    for hit in re.finditer(rf"(?<!\w)(?:{alternation})(?!\w)", folded):
        owner = wanted[hit.group()]
        start, end = hit.span()
        if start < owner.end or not text[start].isupper() or _other_first_name(text, start, owner):
            continue
        overlapping = taken.overlapping(start, end)
        if overlapping:
            other = taken.mentions[overlapping[0]]
            same_span = other.start == start and other.end == end
            if len(overlapping) == 1 and same_span and other.kind == "person":
                if other.key == owner.key:
                    continue
                dropped.add(overlapping[0])
            else:
                continue
        added.append(replace(owner, start=start, end=end, text=text[start:end]))
    kept = [m for i, m in enumerate(taken.mentions) if i not in dropped]
    return sorted(kept + added, key=lambda x: x.start)


def scan(text: str, dictionary: ActorDictionary, day: date, *,
         title: str | None = None) -> tuple[list[Mention], str | None]:  # fmt: skip
    """All named-actor mentions of an article text and its country focus."""
    index = name_index(dictionary)
    folded = fold(text)
    matches = index.matches(text, folded=folded)
    title_matches = index.matches(title) if title else []
    rough = [
        m
        for x in matches
        if (m := _to_mention(x, text, day, None)) and not stance_or_sponsor(text, m)
    ]
    title_mentions = [m for x in title_matches if title and (m := _to_mention(x, title, day, None))]
    focus = country_focus(rough, title=title_mentions)
    mentions = [m for x in matches if (m := _to_mention(x, text, day, focus))]
    mentions = sorted(
        mentions + _titled(text, folded, mentions, dictionary, focus), key=lambda x: x.start
    )
    mentions = _later_surnames(text, folded, mentions)
    return mentions, focus
