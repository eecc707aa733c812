"""Toponym recognition from text alone, with named entities as extra evidence where a parse exists.

Every run of words whose key is filed in the gazetteer is a candidate (longest match first, word
boundaries kept, never across punctuation). A candidate must look like a name: capitalised words
(connectors such as "of", "al-" excepted), no acronym outside a headline, not a common word that
the article also writes in lower case, no capitalised word of a title-case headline unless the
article capitalises it elsewhere, not a person (see :mod:`.people`: "President Jackson", "Hulusi
Akar"). Dotted abbreviations ("U.S.", "Ky.") and demonyms ("Turkish") are matched from their own
tables; "St." and "Ft." join the name they open ("St. Louis").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import text as t
from .build import ADMIN1, CONTINENT, COUNTRY, REGION
from .gazetteer import Candidate, Gazetteer
from .people import Ner, People, PeopleFinder, title_case_lines
from .words import (
    ADMIN_WORDS,
    COMMON_WORDS,
    PLACE_WORDS,
    SPEECH_VERBS,
    TITLES,
    stop_words,
)

# What follows the place of a dateline: ", Ky.", ", Oct. 5", "(Reuters)", then a dash or colon.
DATELINE_AFTER = re.compile(
    r"^(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:,\s*\w+\.?\s+\d{1,2}\s*)?"
    r"(?:\((?:Reuters|AP|AFP|UPI|Xinhua|dpa|DPA|Anadolu|IANS|PTI|ANI|CNN|BBC|Sputnik|TASS|"
    r"\w+)\)\s*)?[-—–:]",
)
# "Washington (CNN)" alone on its line: an agency in brackets ends the dateline.
DATELINE_AGENCY_LINE = re.compile(r"^(?:,\s*[A-Z][\w.]*)?\s*\([A-Z][\w .-]{1,20}\)[ \t]*(?:\n|$)")
# Words before a name that say what kind of place it is: "the city of São Paulo" is the city,
# "the state of Washington", "upstate New York" and "governor of New York" the state.
_PLACE_BEFORE = re.compile(r"\b(?:city|town|village|capital|streets) of\s+$", re.I)
_ADMIN_BEFORE = re.compile(
    r"(?:\b(?:state|province|governor|governorate|county|prefecture|region) of\s+|"
    r"\b(?:upstate|downstate)\s+)$",
    re.I,
)
# What stands between a place and the place that holds it: "Buffalo, New York", "Mosul (Iraq)",
# "Monroe County in northeast Missouri", "a village in the south of Lebanon"
_CONTAINER_BETWEEN = re.compile(
    r",\s*|\s*\(\s*|\s+near\s+|\s+in\s+(?:the\s+)?"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+"
    r"|(?:north|south|east|west|centre|center)\s+of\s+)?",
    re.I,
)
SENTENCE_END = set(".!?:;\"“”'‘’—–-•*|([")
_CONTRACTION = re.compile(r"^[A-Za-z]+['’](?:ve|ll|re|d|m|t|s)$", re.I)


@dataclass(slots=True)
class _Context:
    """What the recogniser knows of the whole article when it judges one candidate."""

    lower_words: set[str]  # keys of words the article writes in lower case
    people: People
    headlines: list[tuple[int, int]]  # title-case lines


@dataclass(slots=True)
class Mention:
    """A stretch of text that names a place (or, as a demonym, a country)."""

    start: int
    end: int
    text: str
    key: str
    candidates: list[Candidate]
    demonym: bool = False
    # "admin" for "X province" or "state of X", "place" for "X city" or "city of X",
    # "dateline" for a place opening a dateline ("WASHINGTON (Reuters) -")
    cue: str | None = None
    container: int | None = None  # index of a mention this one lies in ("X, Y", "X in Y")
    loose: bool = False  # found only by a loose spelling: kept only where the article points
    evidence: set[str] = field(default_factory=set)


def _line_is_caps(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    words = re.findall(r"[A-Za-z]{2,}", line)
    return bool(words) and sum(w.isupper() for w in words) / len(words) > 0.6


def _dateline(text: str, m: Mention) -> bool:
    """A place that opens a line as a dateline: followed by an agency or a dash, or written in
    capitals at the head of a line that is not itself in capitals ("WASHINGTON Christopher")."""
    if not _line_start(text, m.start):
        return False
    after = text[m.end : m.end + 40]
    if DATELINE_AFTER.match(after) or DATELINE_AGENCY_LINE.match(after):
        return True
    letters = [c for c in m.text if c.isalpha()]
    return len(letters) >= 4 and m.text.isupper() and not _line_is_caps(text, m.start)


def _line_start(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, line or quotation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in SENTENCE_END


@lru_cache(maxsize=64)
def _abbreviation_pattern(surfaces: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w$])")


@lru_cache(maxsize=64)
def _dotless_pattern(surfaces: tuple[str, ...]) -> re.Pattern[str]:
    """ "EDMONTON, Ky (WBKO) --": a dotted state abbreviation written without its period, taken
    only after a comma and before a bracket, a dash or the end of the line (a dateline)."""
    alternatives = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    return re.compile(rf"(?<=, )(?:{alternatives})(?=[ \t]*(?:\(|[-—–:]|\n|$))")


def dotless(table: dict[str, tuple[int, bool]], surface: str) -> int | None:
    """The entry of an abbreviation that needs a comma and a period, written without the period
    ("Ky" for "Ky.")."""
    found = table.get(surface + ".")
    return found[0] if found and found[1] and "." not in surface else None


class Recogniser:
    """Finds the toponyms and demonyms of a text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.max_words = min(gazetteer.max_words, 7)
        table = gazetteer.tables.abbreviations
        self._abbrev = _abbreviation_pattern(tuple(table))
        self._dotless = _dotless_pattern(
            tuple(a[:-1] for a, (_, comma) in table.items() if comma and a.endswith("."))
        )
        self._people = PeopleFinder(gazetteer, self._big)

    def find(self, text: str, *, ner: Ner = ()) -> list[Mention]:
        tokens = t.tokenize(text)
        lower_words = {tok.key for tok in tokens if tok.text.islower()}
        headlines = title_case_lines(text)
        people = self._people.find(
            text, tokens, ner=ner, lower_words=lower_words, headlines=headlines
        )
        context = _Context(lower_words, people, headlines)
        taken: list[tuple[int, int]] = []
        mentions = self._abbreviations(text, taken)
        i = 0
        while i < len(tokens):
            found = self._longest(text, tokens, i, context)
            if found is None:
                i += 1
                continue
            mention, length = found
            if not any(s < mention.end and mention.start < e for s, e in taken):
                mentions.append(mention)
            i += length
        mentions.sort(key=lambda m: m.start)
        self._add_ner_evidence(mentions, ner)
        mentions = [m for m in mentions if not self._in_person(m, ner)]
        self.add_cues(text, mentions)
        return mentions

    def _in_person(self, m: Mention, ner: Ner) -> bool:
        """A mention that is part of a longer PERSON entity is part of a name ("Luis Gomes" of
        "Luis Gomes Sambo"), unless it is a country by its own name. A PERSON entity that is
        the mention alone decides nothing: spaCy's small English model tags Aleppo, Glasgow and
        Izmir so (a bare surname is caught when the full name came first, see :mod:`.people`)."""
        if "PERSON" not in m.evidence or m.demonym:
            return False
        tb = self.gaz.tables
        if any(c.main and tb.kind[c.entry] == COUNTRY for c in m.candidates[:3]):
            return False
        return any(
            label == "PERSON" and s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
            for s, e, label in ner
        )

    # -- matching ------------------------------------------------------------------------------
    def _big(self, c: Candidate) -> bool:
        tb = self.gaz.tables
        kind = tb.kind[c.entry]
        if kind == ADMIN1:  # a state or province, not a parish of a few thousand people
            return c.main and tb.population[c.entry] >= 100_000
        if kind in (COUNTRY, CONTINENT, REGION):
            return c.main
        return bool(tb.capital[c.entry]) or tb.population[c.entry] >= 1_000_000

    def _abbreviations(self, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        found = []
        table = self.gaz.tables.abbreviations
        for m in self._abbrev.finditer(text):
            entry, needs_comma = table[m.group()]
            if needs_comma and not re.search(r",\s*$", text[max(0, m.start() - 3) : m.start()]):
                continue
            found.append(
                Mention(m.start(), m.end(), m.group(), m.group(), [Candidate(entry, True)])
            )
            taken.append((m.start(), m.end()))
        for m in self._dotless.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            entry = table[m.group() + "."][0]
            found.append(
                Mention(m.start(), m.end(), m.group(), m.group(), [Candidate(entry, True)])
            )
            taken.append((m.start(), m.end()))
        return found

    def _longest(
        self,
        text: str,
        tokens: list[t.Token],
        i: int,
        context: _Context,
    ) -> tuple[Mention, int] | None:
        first = tokens[i]
        if not (first.upper_initial or first.key == "al"):
            return None
        if first.key == "al" and not _article_start(text, tokens, i):
            return None
        n = 1
        while n < self.max_words and i + n < len(tokens) and tokens[i + n].glued:
            n += 1
        for length in range(n, 0, -1):
            span = tokens[i : i + length]
            if not _capitalised(span):
                continue
            k = " ".join(tok.key for tok in span)
            start, end = span[0].start, span[-1].end
            surface = text[start:end]
            if length <= 2:
                country = self.gaz.demonym(k)
                if country is not None and self._plausible(
                    text, span, [Candidate(country, True)], context, demonym=True
                ):
                    mention = Mention(start, end, surface, k, [Candidate(country, True)], True)
                    return mention, length
            candidates = self.gaz.candidates(k)
            if not candidates:
                continue
            if self._plausible(text, span, candidates, context):
                return Mention(start, end, surface, k, candidates), length
        return None

    def _plausible(
        self,
        text: str,
        span: list[t.Token],
        candidates: list[Candidate],
        context: _Context,
        *,
        demonym: bool = False,
    ) -> bool:
        """Context checks: acronyms, common words, sentence-initial words, people."""
        gaz = self.gaz
        persons = context.people
        big = any(self._big(c) for c in candidates[:3])
        first = span[0]
        if any(tok.all_caps for tok in span) and not (
            _line_is_caps(text, first.start) or _line_start(text, first.start)
        ):
            return False  # an acronym, unless in a headline or a dateline
        if len(span) == 1:
            word = first.key
            low = first.text.lower()
            if not demonym and len(first.text) < 3:
                return False
            if _CONTRACTION.match(first.text):
                return False  # "I've", "We'll"
            if low in TITLES and re.match(r" [A-Z][a-z]", text[first.end : first.end + 3]):
                return False  # "King Juan Carlos", "Prince Harry": a title, not King County
            if low in COMMON_WORDS and not any(
                gaz.kind(c.entry) == COUNTRY for c in candidates[:3]
            ):
                return False  # "Centre", "Western": a region's name, but rarely meant as one
            if low in stop_words() and not big:
                return False
            if (
                not big
                and len(first.text) <= 4
                and re.match(r"\.\s*[a-z0-9A-Z]", text[first.end :])
            ):
                return False  # "Nov. 8", "Sen. John", "Rev. Powell": an abbreviation
            if word in context.lower_words and not big and not demonym:
                return False
            if first.text in persons.surnames and not demonym and not _locative(text, span):
                return False  # "Akar" of "Defence Minister Hulusi Akar", however big ‘Akkār
            if first.text in persons.names and not big:
                return False
            if not (big or demonym) and _speaker(text, first):
                return False
            initial = sentence_initial(text, first.start)
            if initial or _within(first.start, context.headlines):
                if not (big or demonym) and word not in _elsewhere(text, first, context):
                    if not initial or gaz.tables.population[candidates[0].entry] < 100_000:
                        return False  # "Bombs Hit Aleppo As Talks Stall": capitals say nothing
        if _after_title(text, first.start):
            return False
        return True

    # -- evidence and cues ---------------------------------------------------------------------
    def _add_ner_evidence(self, mentions: list[Mention], ner: Ner) -> None:
        for m in mentions:
            for s, e, label in ner:
                if s <= m.start and m.end <= e:
                    m.evidence.add(label)

    def add_cues(self, text: str, mentions: list[Mention]) -> None:
        """Mark "X province" / "X city" and "X, Y" / "X in Y" containment between mentions
        (``mentions`` in any order: given spans need not come sorted)."""
        order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
        following = {i: j for i, j in zip(order, order[1:], strict=False)}
        for i, m in enumerate(mentions):
            after = text[m.end : m.end + 30]
            word = re.match(r"\s+([A-Za-z]+)", after)
            if word:
                w = word.group(1).lower()
                if w in ADMIN_WORDS:
                    m.cue = "admin"
                elif w in PLACE_WORDS:
                    m.cue = "place"
            before = text[max(0, m.start - 30) : m.start]
            if m.cue is None and _PLACE_BEFORE.search(before):
                m.cue = "place"
            elif m.cue is None and _ADMIN_BEFORE.search(before):
                m.cue = "admin"
            if m.cue is None and not m.demonym and _dateline(text, m):
                m.cue = "dateline"  # "WASHINGTON (Reuters) -": a dateline names a city
            j = following.get(i)
            if j is not None:
                between = text[m.end : mentions[j].start]
                if _CONTAINER_BETWEEN.fullmatch(between):
                    m.container = j


def _article_start(text: str, tokens: list[t.Token], i: int) -> bool:
    """An Arabic article may open a name only when glued to it by a hyphen ("al-Bab") or when it
    is "Al"/"El" ("Al Qaim")."""
    if i + 1 >= len(tokens) or not tokens[i + 1].glued or not tokens[i + 1].upper_initial:
        return False
    tok = tokens[i]
    if text[tok.end : tokens[i + 1].start] in ("-", "‐"):
        return True
    return tok.text.lower() in ("al", "el")


def _capitalised(span: list[t.Token]) -> bool:
    if not (span[0].upper_initial or span[0].key == "al"):
        return False
    last = span[-1]
    if not last.upper_initial:
        return False
    return all(tok.upper_initial or tok.text.lower() in t.CONNECTORS for tok in span)


def _speaker(text: str, tok: t.Token) -> bool:
    """True for "Dunn said", "said Clifford": a name that speaks is a person."""
    after = re.match(r"\s*,?\s*([a-z]+)", text[tok.end : tok.end + 20])
    before = re.search(r"([a-z]+)\s+$", text[max(0, tok.start - 20) : tok.start])
    return bool(
        (after and after.group(1) in SPEECH_VERBS) or (before and before.group(1) in SPEECH_VERBS)
    )


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|into|from|of|(?:town|city|village|district|province|region) "
    r"of)\s+$"
)


def _locative(text: str, span: list[t.Token]) -> bool:
    """ "in Jackson, Mississippi": a surname used as a place, written as places are."""
    if not _LOCATIVE_BEFORE.search(text[max(0, span[0].start - 25) : span[0].start]):
        return False
    return bool(re.match(r",\s*[A-Z]", text[span[-1].end : span[-1].end + 3])) or not re.match(
        r"\s*,?\s*(?:said|says|told|added|asked|wrote)\b", text[span[-1].end :]
    )


def _after_title(text: str, start: int) -> bool:
    before = text[max(0, start - 25) : start]
    m = re.search(r"([A-Za-z]+)\.?\s+$", before)
    return bool(m) and m.group(1).lower() in TITLES


def _elsewhere(text: str, tok: t.Token, context: _Context) -> set[str]:
    """The key of ``tok`` when the same word also stands capitalised inside a sentence (not
    opening it, not in a headline)."""
    for m in re.finditer(rf"\b{re.escape(tok.text)}\b", text):
        if m.start() == tok.start or sentence_initial(text, m.start()):
            continue
        if not _within(m.start(), context.headlines):
            return {tok.key}
    return set()


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def entities(docs: Iterable[tuple[int, object]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named entities of parsed sentences, in article offsets; ``docs``
    holds (sentence start, spaCy Doc) pairs."""
    found = []
    for offset, doc in docs:
        for ent in doc.ents:  # type: ignore[attr-defined]
            found.append((offset + ent.start_char, offset + ent.end_char, ent.label_))
    return found
