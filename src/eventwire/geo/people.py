"""People named in an article, so that their names are not read as places.

A name after a title ("Defence Minister Hulusi Akar"), after a first name (a capitalised word no
gazetteer entry bears and that the article never writes in lower case: "Hulusi Akar") or in a
multi-word PERSON entity gives *surnames*: never a place, however big the place ("Akar" is also the
key of Lebanon's ‘Akkār governorate). Runs of 2-3 capitalised words that look like a name
("Gordon Campbell") give weaker *names*: no place unless the place is a big one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import text as t
from .gazetteer import Candidate, Gazetteer
from .words import COMMON_WORDS, NOT_FIRST_NAMES, TITLES, stop_words

Ner = Sequence[tuple[int, int, str]]  # (start, end, label) in text offsets


@dataclass(slots=True)
class People:
    """Words of the article that name people: ``surnames`` (after a title or a first name, or in
    a multi-word PERSON entity) are never a place, however big the place; ``names`` (words of
    runs that look like a name) are no place unless the place is a big one."""

    surnames: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


class PeopleFinder:
    """Finds the people of an article; ``big`` tells a place too prominent for a mere look of a
    name to hide it."""

    def __init__(self, gazetteer: Gazetteer, big: Callable[[Candidate], bool]) -> None:
        self.gaz = gazetteer
        self._big = big

    def find(
        self,
        text: str,
        tokens: list[t.Token],
        *,
        ner: Ner = (),
        lower_words: set[str],
        headlines: list[tuple[int, int]],
    ) -> People:
        """The people of an article: titled names ("Defence Minister Hulusi Akar"), first name
        and surname ("Hulusi Akar"), multi-word PERSON entities, and runs of 2-3 capitalised
        words that look like a name ("Gordon Campbell"): no known big place, demonym, title or
        common word in it and the run as a whole no place. Those words alone later ("Akar
        said", "Campbell said") are no place either."""
        people = People()
        for s, e, label in ner:
            if label == "PERSON":
                parts = [p for p in re.split(r"[\s]+", text[s:e]) if p[:1].isupper()]
                if len(parts) > 1:
                    people.surnames.update(re.sub(r"['’]s$", "", p) for p in parts)
        i = 0
        while i < len(tokens):
            if not tokens[i].upper_initial:
                i += 1
                continue
            j = i
            while (
                j < len(tokens)
                and tokens[j].upper_initial
                and not tokens[j].all_caps
                and (j == i or joined(text, tokens[j - 1], tokens[j]))
            ):
                j += 1
            run = tokens[i:j]
            if len(run) < 2:
                i += 1
                continue
            titled = max(
                (k for k, tok in enumerate(run) if tok.text.lower().rstrip(".") in TITLES),
                default=-1,
            )
            if titled >= 0:
                name = run[titled + 1 :]  # "Defence Minister Hulusi Akar": what follows the title
                if 1 <= len(name) <= 3 and self._titled_name(run[titled:], name):
                    people.surnames.update(tok.text for tok in name)
            elif (
                2 <= len(run) <= 3
                and not _within(run[0].start, headlines)
                and self._first_name(text, run, lower_words)
            ):
                people.surnames.add(run[-1].text)
            name = run[titled + 1 :]
            if 2 <= len(name) <= 3 and self._person_like(name):
                people.names.update(tok.text for tok in name)
            i = max(j, i + 1)
        return people

    def _titled_name(self, run: list[t.Token], name: list[t.Token]) -> bool:
        """A title and what follows are a person unless together they name a place ("Prince
        George", "General Santos") or what follows is a demonym."""
        if self.gaz.candidates(" ".join(tok.key for tok in run)):
            return False
        if any(tok.text.lower() in COMMON_WORDS for tok in name):
            return False  # "Secretary General", "Minister President"
        return all(self.gaz.demonym(tok.key) is None for tok in name)

    def _first_name(self, text: str, run: list[t.Token], lower_words: set[str]) -> bool:
        """ "Hulusi Akar": words that no gazetteer entry bears and no English word spells,
        before a last word that is a place. Spaces only (not "Hamas-Gaza"), and the run as a
        whole no place."""
        *first, last = run
        if not self.gaz.candidates(last.key) or self.gaz.candidates(
            " ".join(tok.key for tok in run)
        ):
            return False
        for tok in run:
            if not text[tok.start - 1 : tok.start].isspace() and tok.start > 0:
                return False  # "Hamas-Gaza", "sub-Saharan Africa"
        for tok in first:
            low = tok.text.lower()
            if len(tok.text) < 3 or not tok.text.isalpha() or self.gaz.candidates(tok.key):
                return False
            if len(low) > 5 and low.endswith(("ing", "ed", "ly")):
                return False  # "Neighbouring Israel", "Landlocked Chad"
            if low in COMMON_WORDS or low in stop_words() or low in NOT_FIRST_NAMES:
                return False
            if low in t.CONNECTORS or self.gaz.demonym(tok.key) is not None:
                return False
            if tok.key in lower_words:  # also written in lower case: an English word
                return False
        return True

    def _person_like(self, run: list[t.Token]) -> bool:
        if self.gaz.candidates(" ".join(tok.key for tok in run)):
            return False
        run = [tok for tok in run if len(tok.text) > 1]  # initials
        if len(run) < 2:
            return False
        for tok in run:
            low = tok.text.lower()
            if low in COMMON_WORDS or low in TITLES or low in t.CONNECTORS:
                return False
            if low in stop_words() or self.gaz.demonym(tok.key) is not None:
                return False
            if any(self._big(c) for c in self.gaz.candidates(tok.key)[:3]):
                return False
        return True


def joined(text: str, a: t.Token, b: t.Token) -> bool:
    """Two words of one name: a space or a bare hyphen between them ("Jean-Marc"), not a
    dash ("Trump - Wisconsin") or a line break."""
    gap = text[a.end : b.start]
    if len(a.text) == 1 and gap[:1] == ".":  # a middle initial: "Franklin D. Roosevelt"
        gap = gap[1:]
    return gap in ("-", "‐") or (gap.isspace() and "\n" not in gap)


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of short lines most of whose words are capitalised: headlines in title case
    ("Bombs Hit Aleppo As Talks Stall"), where capitals say nothing about names."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", m.group())
        if 3 <= len(words) <= 20:
            caps = sum(w[0].isupper() for w in words if len(w) > 3)
            long = sum(1 for w in words if len(w) > 3)
            if long and caps / long > 0.8 and not m.group().rstrip().endswith((".", '"', "”")):
                spans.append((m.start(), m.end()))
    return spans


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)
