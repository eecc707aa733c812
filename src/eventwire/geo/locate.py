"""The pipeline stage that gives each event the place where it happened.

Places are found and resolved once per article (recognition from text, NER of the parsed
sentences as extra evidence). An event takes, in order: a place in a prepositional phrase
("in/near/at/on X") of its trigger, the trigger's object or the verb whose object the trigger is;
else the most specific place of its sentence, nearest the trigger; else the article's focus. Never
a place that only says where an actor comes from ("Turkish soldiers", "the Damascus regime",
"U.S.-led") or where something was said (a dateline, "told reporters in Brussels").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Actor, Event
from ..pipeline import Document, Sentence
from .places import Geoparser, default_geoparser
from .recognise import DATELINE_AFTER, entities
from .records import Place

if TYPE_CHECKING:
    from spacy.tokens import Token

LOCATIVE_PREPS = frozenset(
    "in near at on outside inside around across into within throughout along off over from "
    "towards toward through by".split()
)
PLACE_NOUNS = frozenset(
    "town city village area region province district outskirts suburb suburbs neighbourhood "
    "neighborhood camp port capital governorate county municipality state island".split()
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|inside|around|on)\s+(?:the\s+)?(?:\w+\s+)?$"
)
SPECIFICITY = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
_ACTOR_NOUNS = (
    "government|governments|forces|force|troops|army|armies|military|soldiers|soldier|police|"
    "officials|official|regime|ministry|minister|authorities|president|leader|leaders|"
    "embassy|envoy|ambassador|diplomats?|navy|air force|intelligence|administration|"
    "rebels|militants|fighters|parliament|lawmakers|delegation|counterparts?|citizens?|"
    "nationals?|warplanes|jets|coalition|allies|ally|backers"
)
_ACTOR_AFTER = re.compile(
    rf"^(?:['’]s)?\s*(?:-?(?:led|backed|based|allied|supported|sponsored)\b|"
    rf"(?:{_ACTOR_NOUNS})\b)",
    re.I,
)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+(?:\w+\s+){0,3}?|speaking|spoke|announced|stated|statement|"
    r"interview|(?:news|press)\s+conference|briefing|remarks|talks|summit|meeting|visit(?:ing)?)"
    r"\b[^.;:!?]{0,25}?\b(?:in|at|from)\s+(?:the\s+)?$",
    re.I,
)


class Locator:
    """Sets ``event.location`` for every event of a Document."""

    name = "locate"

    def __init__(self, geoparser: Geoparser) -> None:
        self.geoparser = geoparser

    @classmethod
    def load(cls) -> Locator:
        return cls(default_geoparser())

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        text = doc.article.text
        ner = entities((s.start, s.doc) for s in doc.sentences if s.doc is not None)
        places = self.geoparser.places(text, ner=ner, demonyms=True)
        eligible = [p for p in places if _is_event_place(text, p)]
        focus = self._focus(eligible)
        for event in doc.events:
            attached = self._attached(doc, event, eligible)
            place = attached or self._in_sentence(doc, event, eligible)
            location = place.to_location() if place is not None else None
            if location is None and focus is not None:
                location = focus.to_location()
                if location is not None:  # the focus was not named in this event's sentence
                    location.start = location.end = None
            event.location = location
            if attached is not None and location is not None and location.country:
                _local_civilians(event, location.country)
            if not event.target_actors:
                event.target_actors = self._place_target(doc, event, eligible)
        return doc

    def _focus(self, places: list[Place]) -> Place | None:
        """The article's main place: its most named sub-national place in its most named
        country (named at least twice), else that country."""
        countries = Counter(p.country for p in places if p.country)
        if not countries:
            return None
        country, _ = countries.most_common(1)[0]
        local = Counter(
            p.geonameid for p in places if p.country == country and p.precision != "country"
        )
        if local:
            gid, n = local.most_common(1)[0]
            if n >= 2:
                return next(p for p in places if p.geonameid == gid)
        named = next((p for p in places if p.country == country and p.precision == "country"), None)
        return named or self.geoparser.country_place(country)

    def _attached(self, doc: Document, event: Event, places: list[Place]) -> Place | None:
        """A place in a locative phrase of the trigger, of its subject or object, or of the verb
        the trigger depends on; or the object itself when it is a place ("shelled Kharkiv")."""
        sentence = doc.sentence_of(event)
        if sentence.doc is None:
            return None
        trigger = _token_at(sentence, event.trigger_start - sentence.start)
        if trigger is None:
            return None
        origins = _origin_spans(event)
        patients = _patients(trigger)
        heads = [trigger, *patients]
        heads += [c for c in trigger.children if c.dep_ in ("nsubj", "attr", "dative")]
        if trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "xcomp", "conj"):
            heads.append(trigger.head)
        ranges = [_span(sentence, [p, *p.lefts]) for p in patients]  # the object itself
        ranges += _locative_ranges(sentence, heads)
        attached = [
            p
            for p in places
            if any(s <= p.start and p.end <= e for s, e in ranges)
            and not _is_origin(doc.article.text, p, origins)
        ]
        if not attached:
            return None
        return min(
            attached,
            key=lambda p: (
                SPECIFICITY[p.precision or "country"],
                abs(p.start - event.trigger_start),
            ),
        )

    def _place_target(self, doc: Document, event: Event, places: list[Place]) -> list[Actor]:
        """The target of an event that has no target actor, as PETRARCH codes it with
        Phoenix's country dictionary (which names cities too): the country of the place that
        is its object ("shelled Kharkiv", "airstrikes hit Rafah") or stands in it ("attend the
        Beijing Olympics"), else of a place in a locative phrase of the trigger or its object
        ("staged a protest in Beijing", "exercises in Alaska"). Never a place the
        source names, nor the source's own bare country."""
        sentence = doc.sentence_of(event)
        if sentence.doc is None:
            return []
        trigger = _token_at(sentence, event.trigger_start - sentence.start)
        if trigger is None:
            return []
        origins = _origin_spans(event)
        patients = _patients(trigger)
        objects = [_span(sentence, [p, *p.lefts]) for p in patients]
        heads = [trigger, *patients]
        if trigger.dep_ in ("dobj", "xcomp", "attr"):  # "staged a protest in Beijing"
            heads.append(trigger.head)
        for tier in (objects, _locative_ranges(sentence, heads)):
            inside = [
                p
                for p in places
                if p.country
                and any(s <= p.start and p.end <= e for s, e in tier)
                and not _is_origin(doc.article.text, p, origins)
            ]
            if not inside:
                continue
            p = min(inside, key=lambda p: abs(p.start - event.trigger_start))
            if any(a.code == p.country for a in event.source_actors):
                return []
            name = doc.article.text[p.start : p.end]
            return [Actor(name, p.country, p.country, None, p.name, p.start, p.end)]
        return []

    def _in_sentence(self, doc: Document, event: Event, places: list[Place]) -> Place | None:
        sentence = doc.sentence_of(event)
        actors = _origin_spans(event)
        inside = [
            p
            for p in places
            if sentence.start <= p.start
            and p.end <= sentence.end
            and not _is_origin(doc.article.text, p, actors)
        ]
        if not inside:
            return None
        return min(
            inside,
            key=lambda p: (
                SPECIFICITY[p.precision or "country"],
                abs(p.start - event.trigger_start),
            ),
        )


def _token_at(sentence: Sentence, offset: int) -> Token | None:
    assert sentence.doc is not None
    for token in sentence.doc:
        if token.idx <= offset < token.idx + max(1, len(token.text)):
            return token
    return None


def _patients(trigger: Token) -> list[Token]:
    """The heads of what an event is done to: the trigger's object (or passive subject), or
    the object of the verb whose subject the trigger is ("airstrikes hit Rafah")."""
    patients = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        patients += [c for c in trigger.head.children if c.dep_ == "dobj"]
    return patients + [c for p in patients for c in p.children if c.dep_ == "conj"]


def _locative_ranges(sentence: Sentence, heads: list[Token]) -> list[tuple[int, int]]:
    """Spans of the locative phrases of these words: "in X", "near X", "the town of X"."""
    ranges = []
    for head in heads:
        for child in head.children:
            if child.dep_ not in ("prep", "agent"):
                continue
            of_place = child.lower_ == "of" and head.lemma_.lower() in PLACE_NOUNS
            if child.lower_ in LOCATIVE_PREPS or of_place:
                ranges.append(_span(sentence, list(child.subtree)))
    return ranges


def _origin_spans(event: Event) -> list[tuple[int, int]]:
    """Spans where a place can only be an actor's origin: every source actor ("Turkey moved
    troops"), and target actors longer than a bare name ("Turkish soldiers" but not "Kyiv")."""
    spans = []
    for actors, target in ((event.source_actors, False), (event.target_actors, True)):
        for a in actors:
            if a.start is None or a.end is None:
                continue
            if target and _is_bare_place(a.text):
                continue
            spans.append((a.start, a.end))
    return spans


def _is_bare_place(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in ("the", "a", "an")]
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def _span(sentence: Sentence, tokens: list[Token]) -> tuple[int, int]:
    tokens = sorted(tokens, key=lambda t: t.i)
    return sentence.article_span(tokens[0])[0], sentence.article_span(tokens[-1])[1]


def _is_origin(text: str, place: Place, spans: list[tuple[int, int]]) -> bool:
    """True when the place lies in an actor's words as where the actor comes from ("Turkish
    soldiers", "the Damascus regime"), not as where it is ("soldiers in Hatay")."""
    for s, e in spans:
        if s < place.end and place.start < e:
            return not _LOCATIVE_BEFORE.search(text[s : place.start])
    return False


def _is_event_place(text: str, place: Place) -> bool:
    """False for demonyms, unresolved or supranational names, actor origins, datelines and
    places where something was only said."""
    if place.kind != "toponym" or place.precision not in SPECIFICITY:
        return False
    after = text[place.end : place.end + 40]
    if _ACTOR_AFTER.match(after):
        return False
    line_start = text.rfind("\n", 0, place.start) + 1
    if not text[line_start : place.start].strip() and DATELINE_AFTER.match(after):
        return False
    before = text[max(0, place.start - 80) : place.start]
    return not _SAID_BEFORE.search(before)


def _local_civilians(event: Event, country: str) -> None:
    """Civilians of no stated country in an event placed by a phrase of its own (its
    trigger's, subject's or object's) are that place's ("four children were killed in
    Israeli shelling in Gaza": PSECVL), as ICEWS and the CAMEO coders attribute them."""
    for role in ("source_actors", "target_actors"):
        actors = getattr(event, role)
        if any(a.code == "CVL" and a.country is None for a in actors):
            setattr(event, role, [
                replace(a, code=country + "CVL", country=country)
                if a.code == "CVL" and a.country is None else a
                for a in actors
            ])  # fmt: skip
