"""Coding argument phrases as CAMEO-style actors: ``ActorCoder`` -> ``DocumentActors.code``.

The most specific reading wins: a named person (in the role held on the article date), group
or institution that is the phrase itself; else a role noun ("soldiers" -> MIL) with the
country the phrase names (a demonym, country, capital, or the country of a named possessor:
"Assad's forces" -> SYR MIL), or, for state organs and titles, the article's country focus;
else the country itself ("Syria" -> SYR, "Ankara" -> TUR GOV).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Actor
from .agents import AgentEntry, AgentTable
from .codes import split_code
from .dictionary import ActorDictionary, load_dictionary
from .mentions import Mention, scan, stance_or_sponsor
from .phrase import Phrase, actor_head, build_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..pipeline import Document, Sentence

PERSON_PRONOUNS = {"he", "him", "she", "her"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
OBJECT_DEPS = {"dobj", "obj", "iobj", "dative", "pobj"}
ALL_PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
POSSESSIVES = {"its", "their"}
GROUP_HEADS = {"group", "movement", "organisation", "organization", "militia", "alliance", "bloc"}
#: words that may refer to an actor named before (see ``_pronoun`` and ``_possessors``)
_REFERRING_WORDS = "|".join(sorted(ALL_PRONOUNS | POSSESSIVES | {"his"} | GROUP_HEADS))
_REFERRING = re.compile(rf"\b(?:{_REFERRING_WORDS})s?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention inside the phrase, with its zone ("head" when it covers the head token)."""

    mention: Mention
    zone: str
    tokens: tuple[int, ...]  # indices of its tokens in the sentence doc

    @property
    def last(self) -> int:
        return self.tokens[-1]


@dataclass(frozen=True, slots=True)
class _AgentHit:
    entry: AgentEntry
    first: int
    last: int
    zone: str
    has_head: bool


class ActorCoder:
    """Loads the dictionary once; codes the actors of each document."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary

    @classmethod
    def load(cls, *, dictionaries: Sequence[Path] = ()) -> ActorCoder:
        """The coder with the built-in dictionary plus user dictionary files (YAML)."""
        return cls(load_dictionary(tuple(Path(p) for p in dictionaries)))

    def for_document(self, doc: Document) -> DocumentActors:
        """Pre-scan the whole article for named actors and compute its country focus."""
        mentions, focus = self.names(doc)
        day = doc.article.published or date.today()
        return DocumentActors(
            dictionary=self.dictionary, document=doc, mentions=mentions, focus=focus, day=day
        )

    def names(self, doc: Document) -> tuple[list[Mention], str | None]:
        """The named actors of the article and its country focus, scanned once (kept on the
        document)."""
        if doc.names is None:
            day = doc.article.published or date.today()
            doc.names = scan(doc.article.text, self.dictionary, day, title=doc.article.title)
        return doc.names

    def naming_sentences(self, doc: Document) -> set[int]:
        """The sentences of ``doc`` in which a coded actor may stand, told before parsing:
        those holding a coded name, and those referring back ("he", "their", "the group")
        right after one (as far back as a pronoun's antecedent is sought)."""
        mentions, _ = self.names(doc)
        starts = [m.start for m in mentions if m.code]
        named = set()
        for sentence in doc.sentences:
            first = bisect_left(starts, sentence.start)
            if first < len(starts) and starts[first] < sentence.end:
                named.add(sentence.index)
        referring = {
            s.index for s in doc.sentences if s.index - 1 in named and _REFERRING.search(s.text)
        }
        return named | referring


class DocumentActors:
    """The named actors of one article, and the coder for its argument phrases."""

    def __init__(
        self,
        *,
        dictionary: ActorDictionary,
        document: Document,
        mentions: list[Mention],
        focus: str | None,
        day: date,
    ) -> None:
        self.dictionary = dictionary
        self.document = document
        self.mentions = mentions
        self.country_focus = focus
        self.day = day
        self._starts = [m.start for m in mentions]  # mentions are sorted by start
        self._current: Sentence | None = None  # the sentence being coded
        self._memo: dict[tuple[int, int], Actor | None] = {}  # (sentence, head) -> actor
        self._roles: dict[tuple[int, int, bool], bool] = {}  # (sentence, head, head_only)
        self._spans: dict[int, list[tuple[Mention, tuple[int, ...]]]] = {}  # sentence -> tokens
        self._codable: dict[int, list[int]] = {}  # sentence -> token indices (see codable)

    # ------------------------------------------------------------------ public
    def user_role(self, sentence: Sentence, head: Token, *, head_only: bool = False) -> bool:
        """Whether the phrase headed by ``head`` holds (``head_only``: is headed by) a role word
        of a PETRARCH-style user dictionary: PETRARCH codes such a phrase with no country too
        ("a senior official" -> ---GOV), where a built-in role word alone ("one of the girls")
        is not an actor."""
        key = (sentence.index, head.i, head_only)
        if key not in self._roles:
            self._current = sentence
            phrase = build_phrase(head)
            core = actor_head(head)
            if core is not head:
                phrase = Phrase(head=core, zones=phrase.zones)
            hits = self._agents(phrase, [], compose_only=True)
            self._roles[key] = any(hit.has_head or not head_only for hit in hits)
        return self._roles[key]

    def code_all(self, sentence: Sentence, head: Token) -> list[Actor]:
        """The actors of the noun phrase headed by ``head``: one, or several when a user
        dictionary codes it as several ("The Shire" [FRO/BIL/SAM]; "lawmakers in Fornost
        and Gondor")."""
        actor = self.code(sentence, head)
        if actor is None or not actor.code or "/" not in actor.code:
            return [actor] if actor is not None else []
        out = []
        for code in dict.fromkeys(c for c in actor.code.split("/") if c):
            country, sector = split_code(code)
            out.append(replace(actor, code=code, country=country, sector=sector))
        return out

    def code(self, sentence: Sentence, head: Token) -> Actor | None:
        """The actor of the noun phrase headed by ``head`` (a token of ``sentence.doc``), or
        None when nothing in it is codable."""
        key = (sentence.index, head.i)
        if key not in self._memo:
            codable = self.codable(sentence, head)
            self._memo[key] = self._code(sentence, head) if codable else None
        actor = self._memo[key]
        return None if actor is None else replace(actor)

    def codable(self, sentence: Sentence, head: Token) -> bool:
        """Whether the phrase headed by ``head`` may code an actor at all (a cheap test): a
        pronoun or group word heads it, or a token of its subtree is in a name, is the first
        word of a role phrase or is "its" or "their"."""
        word = head.lower_
        if word in ALL_PRONOUNS or head.lemma_.lower() in GROUP_HEADS:
            return True
        marks = self._marks(sentence)
        i = bisect_left(marks, head.left_edge.i)
        return i < len(marks) and marks[i] <= head.right_edge.i

    def _code(self, sentence: Sentence, head: Token) -> Actor | None:
        self._current = sentence
        if head.lower_ in ALL_PRONOUNS:
            return self._pronoun(sentence, head)
        phrase = build_phrase(head)
        core = actor_head(head)
        if core is not head:
            phrase = Phrase(head=core, zones=phrase.zones)
        found = self._mentions_in(sentence, phrase) + self._possessors(sentence, phrase)
        agents = self._agents(phrase, found)
        reading = self._decide(phrase, found, agents)
        if reading is None:
            if head.lemma_.lower() in GROUP_HEADS and _definite(head):
                return self._antecedent(sentence, head, kinds={"organisation"}, back=3)
            return None
        code, name = reading
        country, sector = split_code(code.split("/")[0])
        start, end = sentence.article_span(build_phrase(head).span)
        for f in found:  # a name running past the parsed phrase ("Observatory for Human Rights")
            if f.zone == "head" and f.mention.name == name:
                start, end = min(start, f.mention.start), max(end, f.mention.end)
        text = self.document.article.text[start:end]
        return Actor(text=text, code=code, country=country, sector=sector, name=name,
                     start=start, end=end)  # fmt: skip

    # ------------------------------------------------------------------ phrase parts
    def _mentions_in(self, sentence: Sentence, phrase: Phrase) -> list[_Found]:
        text = self.document.article.text
        found = []
        for m, toks in self._sentence_mentions(sentence):
            if phrase.head.i in toks:
                zone = "head"
            elif all(i in phrase.zones for i in toks):
                zone = phrase.zones[toks[-1]]
            else:
                continue
            if zone != "head" and stance_or_sponsor(text, m):
                continue
            found.append(_Found(m, zone, tuple(toks)))
        return found

    def _possessors(self, sentence: Sentence, phrase: Phrase) -> list[_Found]:
        """ "its jets", "their fighters": the possessive pronoun stands for the one state or
        group named earlier in the same sentence."""
        found = []
        for token in phrase.tokens("core"):
            if token.dep_ != "poss" or token.lower_ not in ("its", "their"):
                continue
            start, _ = sentence.article_span(token)
            kinds = ("organisation", "institution", "country", "capital", "demonym", "actor")
            before = [
                m
                for m in self.mentions
                if m.kind in kinds and sentence.start <= m.start < start and m.country
            ]
            if len({m.key for m in before}) == 1:
                m = before[-1]
                if m.kind == "demonym":  # "Russian jets ... its" names the state
                    m = replace(m, kind="country")
                found.append(_Found(m, phrase.zones[token.i], (token.i,)))
        return found

    def _agents(
        self, phrase: Phrase, found: list[_Found], *, compose_only: bool = False
    ) -> list[_AgentHit]:
        covered = {i for f in found for i in f.tokens}
        tokens = [t for t in phrase.tokens("core", "appos", "of") if t.i not in covered]
        table = self.dictionary.agents
        hits: list[_AgentHit] = []
        i = 0
        while i < len(tokens):
            hit = None
            first = tokens[i]
            reach = max(table.reach.get(first.lower_, 0), table.reach.get(first.lemma_.lower(), 0))
            if not reach:
                i += 1
                continue
            for n in range(min(reach, len(tokens) - i), 0, -1):
                window = tokens[i : i + n]
                if window[-1].i - window[0].i != n - 1:
                    continue
                entry = _lookup(table, window)
                if entry is not None and compose_only and not entry.compose:
                    entry = None
                if entry is not None:
                    hit = _AgentHit(
                        entry,
                        window[0].i,
                        window[-1].i,
                        phrase.zones[window[-1].i],
                        any(t.i == phrase.head.i for t in window),
                    )
                    break
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i += hit.last - hit.first + 1
        return hits

    # ------------------------------------------------------------------ the decision
    def _decide(
        self, phrase: Phrase, found: list[_Found], agents: list[_AgentHit]
    ) -> tuple[str, str | None] | None:
        composed = self._composed(phrase, found, agents)
        if composed is not None:
            return composed
        head = phrase.head
        named = [f for f in found if f.mention.is_named and f.mention.code]
        places = [f for f in found if not f.mention.is_named]
        head_named = [f for f in named if f.zone in ("head", "appos")]
        if head_named:
            best = _nearest(head_named, head.i)
            return best.mention.code or "", best.mention.name
        head_agent = next((a for a in agents if a.has_head), None)
        if head_agent is None and head.pos_ == "PROPN":
            # "Kurdish leader Salih Muslim", "Salih Muslim, a Kurdish leader": a role word as
            # the title or apposition of a name the dictionary lacks says who the person is
            head_agent = next(
                (a for a in reversed(agents) if a.zone == "core" and a.last < head.i), None
            ) or next((a for a in agents if a.zone == "appos"), None)
        others = [a for a in agents if not a.has_head and a.entry.sector and not a.entry.generic]
        modifiers = [f for f in named if f.zone in ("core", "of")]
        if head_agent and not head_agent.entry.generic and head_agent.entry.sector:
            return self._with_sector(head_agent.entry.sector, modifiers, places, agents, head.i)
        if head_agent:  # a generic head: "official", "spokesman", "leader", "group"
            if modifiers:
                best = _nearest(modifiers, head.i)
                return best.mention.code or "", best.mention.name
            if others:
                sector = _nearest_agent(others, head.i).entry.sector or ""
                return self._with_sector(sector, [], places, agents, head.i)
            if head_agent.entry.sector:
                return self._with_sector(head_agent.entry.sector, [], places, agents, head.i)
            return None
        if modifiers and head.pos_ in ("NOUN", "PROPN"):
            best = _nearest(modifiers, head.i)
            return best.mention.code or "", best.mention.name
        if others:
            sector = _nearest_agent(others, head.i).entry.sector or ""
            return self._with_sector(sector, [], places, agents, head.i)
        own = [f for f in places if f.zone == "head"]
        if own:
            m = own[0].mention
            return m.code or "", m.name
        return None

    def _with_sector(
        self,
        sector: str,
        modifiers: list[_Found],
        places: list[_Found],
        agents: list[_AgentHit],
        head_i: int,
    ) -> tuple[str, str | None]:
        """A role sector joined to the phrase's entity or country."""
        if modifiers:
            m = _nearest(modifiers, head_i).mention
            code = m.code or ""
            if m.kind == "organisation" and code[:3] in ("IGO", "NGO"):
                return (code if code.endswith(sector) else code + sector), m.name
            if m.kind == "organisation" or not m.country:
                return code, m.name
            return m.country + sector, None
        country = self._country(places, head_i)
        organs = [a for a in agents if a.entry.organ]
        if country is None and organs:
            country = self._earlier_country(organs, head_i) or self.country_focus
        if country is not None:
            more = self._conjoined_countries(places, country)
            if more:  # "US and British activists": one phrase, two actors
                return "/".join(c + sector for c in (country, *more)), None
        return (country or "") + sector, None

    def _conjoined_countries(self, places: list[_Found], country: str) -> list[str]:
        """The other countries of a coordinated modifier ("US and British", "Russian and
        Chinese"): the countries named by the conjuncts of the modifier naming ``country``."""
        sentence = self._current
        if sentence is None or sentence.doc is None:
            return []
        doc = sentence.doc
        own = [f for f in places if f.mention.country == country and f.zone == "core"]
        conj = {c.i for f in own for i in f.tokens for c in doc[i].conjuncts}
        if not conj:
            return []
        out = []
        for m, toks in self._sentence_mentions(sentence):
            if m.country and m.country != country and not m.is_named and conj & set(toks):
                out.append(m.country)
        return list(dict.fromkeys(out))

    def _earlier_country(self, organs: list[_AgentHit], head_i: int) -> str | None:
        """The country of the nearest earlier "Syrian government ...", "Turkey's army ..." in
        the article, for a later bare "government forces" or "the army"."""
        doc = self._current.doc if self._current is not None else None
        if doc is None:
            return None
        words = {doc[i].lower_ for a in organs for i in range(a.first, a.last + 1)}
        before = self._current.start + doc[min(head_i, len(doc) - 1)].idx
        text = self.document.article.text
        best: str | None = None
        for m in self.mentions:
            if m.start >= before:
                break
            if m.kind not in ("country", "demonym", "capital") or not m.country:
                continue
            following = text[m.end : m.end + 24].lower().replace("'s", " ").split()
            if any(w.strip(",.") in words for w in following[:2]):
                best = m.country
        return best

    # ------------------------------------------------------------------ PETRARCH style
    def _composed(
        self, phrase: Phrase, found: list[_Found], agents: list[_AgentHit]
    ) -> tuple[str, str | None] | None:
        """PETRARCH's composition, for phrases with a user dictionary's actor or role words:
        the first actor of the phrase, its role words' codes added in order ("Danish Islamist
        media" -> DNK MUS MED; "MSF Arnor" -> NGO ARN), "former" making them ELI. Several
        codes ("A/B") when the actor is a list ("ambassadors of Arnor and Gondor")."""
        if any(a.entry.compose for a in agents) or any(f.mention.kind == "actor" for f in found):
            agents = self._agents(phrase, found, compose_only=True)  # the user's role words only
        composing = sorted((a for a in agents if a.entry.compose), key=lambda a: a.first)
        bases = self._bases(phrase, found, role=bool(composing))
        if not bases and composing:  # "Danish media and government": the modifiers are shared
            bases = self._shared_bases(phrase.head)
        if not composing and not (bases and bases[0].mention.kind == "actor"):
            return None
        former = any(t.lower_ in ("former", "ex") for t in phrase.tokens("core"))
        prefixes = [a.entry.sector or "" for a in composing if a.entry.prefix]
        suffixes = [a.entry.sector or "" for a in composing if not a.entry.prefix]
        if former:
            suffixes = ["ELI"]
        codes = [_base_code(f.mention) for f in bases] or [""]
        out = [compose_code(prefixes, c, suffixes) for base in codes for c in base.split("/")]
        out = [c for c in dict.fromkeys(out) if c]
        if not out:
            return None
        return "/".join(out), (bases[0].mention.name if bases else None)

    def _bases(self, phrase: Phrase, found: list[_Found], *, role: bool) -> list[_Found]:
        """The actor a phrase is about, PETRARCH style: its leftmost coded name in the phrase
        proper, else in an of-phrase, else (for role words: "activists in Arnor") in an
        in/from-phrase; with the names conjoined to it ("in Fornost and Gondor")."""
        coded = [f for f in found if _base_code(f.mention)]
        for zones in (("head", "core", "appos"), ("of",), ("loc",) if role else ()):
            near = sorted((f for f in coded if f.zone in zones), key=lambda f: f.tokens[0])
            if not near:
                continue
            best = near[0]
            if best.zone == "head":
                return [best]
            doc = phrase.head.doc
            conj = {c.i for c in doc[best.last].conjuncts}
            sentence = self._current
            more = [
                _Found(m, best.zone, toks)
                for m, toks in self._sentence_mentions(sentence)
                if any(i in conj for i in toks) and _base_code(m)
            ] if sentence is not None else []  # fmt: skip
            return [best, *more]
        return []

    def _shared_bases(self, head: Token) -> list[_Found]:
        """The actor of the conjunct a role word is joined to ("officials" in "lawmakers and
        officials in Fornost"), from that conjunct's modifiers."""
        sentence = self._current
        if sentence is None:
            return []
        partner = head.head if head.dep_ == "conj" else None
        partner = partner or next((c for c in head.children if c.dep_ == "conj"), None)
        if partner is None or partner.i == head.i:
            return []
        other = build_phrase(partner)
        found = self._mentions_in(sentence, other)
        return [f for f in self._bases(other, found, role=True) if f.zone != "head"]

    def _marks(self, sentence: Sentence) -> list[int]:
        """The tokens of the sentence an actor may be coded from, in order (see ``codable``)."""
        found = self._codable.get(sentence.index)
        if found is None:
            doc = sentence.doc
            reach = self.dictionary.agents.reach
            marks = {i for _, toks in self._sentence_mentions(sentence) for i in toks}
            marks.update(
                t.i
                for t in (doc if doc is not None else ())
                if t.lower_ in reach or t.lemma_.lower() in reach or t.lower_ in POSSESSIVES
            )
            found = self._codable[sentence.index] = sorted(marks)
        return found

    def _sentence_mentions(self, sentence: Sentence) -> list[tuple[Mention, tuple[int, ...]]]:
        """The sentence's mentions with the indices of their tokens (worked out once)."""
        if sentence.index in self._spans:
            return self._spans[sentence.index]
        doc = sentence.doc
        out = []
        if doc is not None:
            starts = [t.idx for t in doc]
            ends = [t.idx + len(t.text) for t in doc]
            first = bisect_left(self._starts, sentence.start)
            last = bisect_left(self._starts, sentence.end)
            for m in self.mentions[first:last]:
                lo, hi = m.start - sentence.start, m.end - sentence.start
                # the tokens overlapping [lo, hi): ending after lo and starting before hi
                i = bisect_right(ends, lo)
                toks = []
                while i < len(starts) and starts[i] < hi:
                    toks.append(i)
                    i += 1
                if toks:
                    out.append((m, tuple(toks)))
        self._spans[sentence.index] = out
        return out

    @staticmethod
    def _country(places: list[_Found], head_i: int) -> str | None:
        for zones in (("core", "appos", "head"), ("of",), ("loc",)):
            near = [f for f in places if f.zone in zones and f.mention.country]
            if zones == ("loc",):
                near = [f for f in near if f.mention.kind != "demonym"]
            if near:
                return _nearest(near, head_i).mention.country
        return None

    # ------------------------------------------------------------------ pronouns
    def _pronoun(self, sentence: Sentence, head: Token) -> Actor | None:
        word = head.lower_
        if word in PERSON_PRONOUNS:
            return self._antecedent(sentence, head, kinds={"person", "titled"}, back=1)
        if word in THING_PRONOUNS:
            if head.dep_ in OBJECT_DEPS:  # "rejected it": almost always a thing, not an actor
                return None
            kinds = {"organisation", "institution", "country", "capital", "actor"}
            return self._antecedent(sentence, head, kinds=kinds, back=1)
        return self._antecedent(sentence, head, kinds={"organisation", "actor"}, back=1)

    def _antecedent(
        self, sentence: Sentence, head: Token, *, kinds: set[str], back: int
    ) -> Actor | None:
        """The one actor of a compatible kind mentioned shortly before ``head`` (the sentence
        so far and ``back`` sentences before it); None when there are several."""
        start, end = sentence.article_span(head)
        first = max(0, sentence.index - back)
        window_start = self.document.sentences[first].start if self.document.sentences else 0
        # An object pronoun never refers to its own clause's subject ("Syria rejected it"):
        # it may refer to another actor named before it in the sentence ("X called Y and
        # urged him to ..."), else to one of the sentences before
        window_end = sentence.start if head.dep_ in OBJECT_DEPS else start
        candidates = [
            m for m in self.mentions if m.kind in kinds and window_start <= m.start < window_end
        ]
        if head.dep_ in OBJECT_DEPS:
            subject = _clause_subject_spans(sentence, head)
            here = [m for m in self.mentions if m.kind in kinds and sentence.start <= m.start
                    < start and not any(s <= m.start < e for s, e in subject)]  # fmt: skip
            if len({(m.key, m.code) for m in here if m.code}) == 1:
                candidates = here
        keys = {(m.key, m.code) for m in candidates if m.code}
        if len(keys) != 1:
            return None
        m = candidates[-1]
        country, sector = split_code(m.code or "")
        return Actor(text=head.text, code=m.code, country=country, sector=sector, name=m.name,
                     start=start, end=end)  # fmt: skip


def _clause_subject_spans(sentence: Sentence, token: Token) -> list[tuple[int, int]]:
    """Article spans of the subjects of the clause ``token`` is an object in (the verb's own,
    else that of the verb it is conjoined to: "X called Y and urged him")."""
    verb = token.head
    if token.dep_ == "pobj" and verb.head is not verb:
        verb = verb.head
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not found and verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(s.lower_ in ("who", "that") for s in found):
        found.append(verb.head)  # "the judge, who told her": the judge is the subject
    # each subject's phrase up to its head ("US President Donald Trump", not a clause after)
    return [(sentence.article_span(s.left_edge)[0], sentence.article_span(s)[1]) for s in found]


def _lookup(table: AgentTable, window: list[Token]) -> AgentEntry | None:
    words = " ".join(t.text for t in window)
    entry = table.get(words)
    if entry is None:
        lemma = " ".join([*(t.text for t in window[:-1]), window[-1].lemma_])
        entry = table.get(lemma)
        if entry is not None and not entry.inflect:  # "polices" is not "police" {} (no plural)
            entry = None
    return entry


def _base_code(mention: Mention) -> str | None:
    """What a role word's code is added to: a named actor's code, a country's ISO code."""
    if mention.kind in ("country", "demonym"):
        return mention.country
    return mention.code


def compose_code(prefixes: list[str], base: str, suffixes: list[str]) -> str:
    """PETRARCH's code composition: prefixes + base + suffixes, a code's three-letter parts
    added once ("USAGOV" + "GOV" -> USAGOV; "ARN" + "GOVFRM" -> ARNGOVFRM)."""
    parts = [base[i : i + 3] for i in range(0, len(base), 3)]
    out = base
    for code in suffixes:
        chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
        if code and not all(c in parts for c in chunks):
            out += code
            parts += chunks
    lead = "".join(p for p in dict.fromkeys(prefixes) if p and p not in parts)
    return lead + out


def _nearest(found: list[_Found], head_i: int) -> _Found:
    """The candidate closest to the head, preferring ones before it (pre-head modifiers)."""
    return min(found, key=lambda f: (f.last > head_i, abs(head_i - f.last)))


def _nearest_agent(agents: list[_AgentHit], head_i: int) -> _AgentHit:
    return min(agents, key=lambda a: (a.last > head_i, abs(head_i - a.last)))


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
