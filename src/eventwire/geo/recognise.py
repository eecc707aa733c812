"""Toponym recognition from text alone, with named entities as extra evidence where a parse exists.

Every run of words whose key is filed in the gazetteer is a candidate (longest match first, word
boundaries kept, never across punctuation). A candidate must look like a name: capitalised words
(connectors such as "of", "al-" excepted), no acronym outside a headline, not a common word that
the article also writes in lower case, not a person ("President Jackson", a surname the parser
tagged PERSON elsewhere in the article). Dotted abbreviations ("U.S.", "Ky.") and demonyms
("Turkish") are matched from their own tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import text as t
from .build import ADMIN1, CONTINENT, COUNTRY, REGION
from .gazetteer import Candidate, Gazetteer

TITLES = frozenset(
    """mr mrs ms miss dr prof president minister secretary senator sen rep representative gov
    governor general gen col colonel lt lieutenant sgt sergeant capt captain major maj cmdr admiral
    adm king queen prince princess pope sheikh shaikh judge justice mayor premier chancellor
    ambassador bishop archbishop father imam rabbi reverend rev sir lord lady dame emir sultan
    commander chief spokesman spokeswoman spokesperson officer detective inspector constable
    coach player striker defender goalkeeper actor actress singer author dear""".split()
)
# Words after a name that make it a kind of place ("Idlib province") or a person/organisation.
ADMIN_WORDS = frozenset(
    "province governorate state oblast region district county prefecture department territory "
    "municipality voivodeship canton emirate parish".split()
)
PLACE_WORDS = frozenset("city town village township suburb neighbourhood neighborhood".split())
SENTENCE_END = set(".!?:;\"“”'‘’—–-•*|([")
_STOP: frozenset[str] | None = None
# Words before a place name that do not make it part of a person's or organisation's name.
PLACE_MODIFIERS = frozenset(
    """north south east west northern southern eastern western central upper lower greater metro
    metropolitan downtown inner outer new old mid rural urban coastal provincial federal state
    the in of at near from to and or""".split()
)
_CONTRACTION = re.compile(r"^[A-Za-z]+['’](?:ve|ll|re|d|m|t|s)$", re.I)
SPEECH_VERBS = frozenset("said says say told added asked wrote explained noted stated".split())


def stop_words() -> frozenset[str]:
    """English function words that are also GeoNames places ("Of", "Most", "Same")."""
    global _STOP
    if _STOP is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOP = frozenset(STOP_WORDS) | COMMON_WORDS
    return _STOP


# Capitalised words of news prose that GeoNames also holds as places.
COMMON_WORDS = frozenset(
    """police army navy government president minister ministry state states city county court
    news reuters press agency union university college school hospital church party council
    congress parliament senate house office department center centre national international
    north south east west northern southern eastern western central new old great little
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter god lord mission liberty
    independence freedom victory unity justice peace hope faith progress republic democratic
    islamic muslim christian catholic jewish orthodox protestant health security defence defense
    foreign affairs interior public general federal royal air force forces marine marines
    guard guards border airport station square street road avenue bridge park lake river
    mount mountain island islands bay gulf sea ocean beach valley hill hills point port harbour
    chairman director manager leader leaders commission committee authority authorities
    association federation organisation organization institute foundation group company corp
    bank market trade summit conference festival cup league club team games olympic olympics
    media times post herald tribune journal daily weekly star sun globe mail guardian telegraph
    world global international america secretary officer commissioner bureau control drug
    energy care school schools villages village corporation highway home green free vice fire
    medical chief service services program programme fund centers centres district region
    province agriculture education environment science research human rights development
    emergency disease prevention food water power prize award awards trust network channel
    association society church cathedral temple mosque museum hall tower hotel stadium arena
    west east north south western eastern northern southern central""".split()
) - {"america"}

Ner = Sequence[tuple[int, int, str]]  # (start, end, label) in text offsets


@dataclass(slots=True)
class Mention:
    """A stretch of text that names a place (or, as a demonym, a country)."""

    start: int
    end: int
    text: str
    key: str
    candidates: list[Candidate]
    demonym: bool = False
    cue: str | None = None  # "admin" after "X province", "place" after "X city"
    container: int | None = None  # index of a mention this one lies in ("X, Y", "X in Y")
    loose: bool = False  # found only by a loose spelling: kept only where the article points
    evidence: set[str] = field(default_factory=set)


def _line_is_caps(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    words = re.findall(r"[A-Za-z]{2,}", line)
    return bool(words) and sum(w.isupper() for w in words) / len(words) > 0.6


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


class Recogniser:
    """Finds the toponyms and demonyms of a text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.max_words = min(gazetteer.max_words, 7)
        self._abbrev = _abbreviation_pattern(tuple(gazetteer.tables.abbreviations))

    def find(self, text: str, *, ner: Ner = ()) -> list[Mention]:
        tokens = t.tokenize(text)
        lower_words = {tok.key for tok in tokens if tok.text.islower()}
        persons = _person_words(text, ner) | self._name_words(text, tokens)
        taken: list[tuple[int, int]] = []
        mentions = self._abbreviations(text, taken)
        i = 0
        while i < len(tokens):
            found = self._longest(text, tokens, i, lower_words, persons)
            if found is None:
                i += 1
                continue
            mention, length = found
            if not any(s < mention.end and mention.start < e for s, e in taken):
                mentions.append(mention)
            i += length
        mentions.sort(key=lambda m: m.start)
        self._add_ner_evidence(mentions, ner)
        self.add_cues(text, mentions)
        return mentions

    # -- matching ------------------------------------------------------------------------------
    def _name_words(self, text: str, tokens: list[t.Token]) -> set[str]:
        """Words of runs of 2-3 capitalised words that look like a person's name ("Gordon
        Campbell", "Barack Obama"): no known big place, demonym, title or common word in it and
        the run as a whole no place. Those words alone later ("Campbell said") are no place."""
        words: set[str] = set()
        i = 0
        while i < len(tokens):
            j = i
            while (
                j < len(tokens)
                and tokens[j].upper_initial
                and not tokens[j].all_caps
                and (j == i or tokens[j].glued)
            ):
                j += 1
            run = tokens[i:j]
            while run and run[0].text.lower().rstrip(".") in TITLES:
                run = run[1:]  # "President Barack Obama": the name is what follows the title
            if 2 <= len(run) <= 3 and self._person_like(run):
                words.update(tok.text for tok in run)
            i = max(j, i + 1)
        return words

    def _person_like(self, run: list[t.Token]) -> bool:
        if self.gaz.candidates(" ".join(tok.key for tok in run)):
            return False
        for tok in run:
            low = tok.text.lower()
            if len(tok.text) < 2 or low in COMMON_WORDS or low in TITLES or low in t.CONNECTORS:
                return False
            if low in stop_words() or self.gaz.demonym(tok.key) is not None:
                return False
            if any(self._big(c) for c in self.gaz.candidates(tok.key)[:3]):
                return False
        return True

    def _big(self, c: Candidate) -> bool:
        tb = self.gaz.tables
        kind = tb.kind[c.entry]
        if kind in (COUNTRY, ADMIN1, CONTINENT, REGION):
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
        return found

    def _longest(
        self,
        text: str,
        tokens: list[t.Token],
        i: int,
        lower_words: set[str],
        persons: set[str],
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
                    text, span, [Candidate(country, True)], lower_words, persons, demonym=True
                ):
                    mention = Mention(start, end, surface, k, [Candidate(country, True)], True)
                    return mention, length
            candidates = self.gaz.candidates(k)
            if not candidates:
                continue
            if self._plausible(text, span, candidates, lower_words, persons):
                return Mention(start, end, surface, k, candidates), length
        return None

    def _plausible(
        self,
        text: str,
        span: list[t.Token],
        candidates: list[Candidate],
        lower_words: set[str],
        persons: set[str],
        *,
        demonym: bool = False,
    ) -> bool:
        """Context checks: acronyms, common words, sentence-initial words, people."""
        gaz = self.gaz
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
            if first.text.lower() in lower_words and not big and not demonym:
                return False
            if first.text in persons and not big:
                return False
            if not (big or demonym) and _speaker(text, first):
                return False
            if sentence_initial(text, first.start) and not (big or demonym):
                top = candidates[0].entry
                if gaz.tables.population[top] < 100_000 and word not in _elsewhere(text, first):
                    return False
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
        """Mark "X province" / "X city" and "X, Y" / "X in Y" containment between mentions."""
        for i, m in enumerate(mentions):
            after = text[m.end : m.end + 30]
            word = re.match(r"\s+([A-Za-z]+)", after)
            if word:
                w = word.group(1).lower()
                if w in ADMIN_WORDS:
                    m.cue = "admin"
                elif w in PLACE_WORDS:
                    m.cue = "place"
            if i + 1 < len(mentions):
                nxt = mentions[i + 1]
                between = text[m.end : nxt.start]
                if re.fullmatch(r",\s*|\s*\(\s*|\s+in\s+(?:the\s+)?|\s+near\s+", between):
                    m.container = i + 1


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


def _after_title(text: str, start: int) -> bool:
    before = text[max(0, start - 25) : start]
    m = re.search(r"([A-Za-z]+)\.?\s+$", before)
    return bool(m) and m.group(1).lower() in TITLES


def _elsewhere(text: str, tok: t.Token) -> set[str]:
    """The key of ``tok`` when the same word also stands capitalised inside a sentence."""
    for m in re.finditer(rf"\b{re.escape(tok.text)}\b", text):
        if m.start() != tok.start and not sentence_initial(text, m.start()):
            return {tok.key}
    return set()


def _person_words(text: str, ner: Ner) -> set[str]:
    """Words of PERSON entities, so that a surname alone later in the article is no place."""
    words: set[str] = set()
    for s, e, label in ner:
        if label == "PERSON":
            parts = text[s:e].split()
            if len(parts) > 1:
                words.update(p for p in parts if p[:1].isupper())
    return words


def entities(docs: Iterable[tuple[int, object]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named entities of parsed sentences, in article offsets; ``docs``
    holds (sentence start, spaCy Doc) pairs."""
    found = []
    for offset, doc in docs:
        for ent in doc.ents:  # type: ignore[attr-defined]
            found.append((offset + ent.start_char, offset + ent.end_char, ent.label_))
    return found
