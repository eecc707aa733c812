"""The casualty stage: killed and injured on violent events, arrests on arrest events, crowd
size on protests, each from the clause the figure attaches to."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..coding.hazards import has_cause, hazard_caused, mentions_hazard, names_hazard
from ..coding.syntax import is_toll_clause
from ..model import Casualties, Event
from ..when.clauses import temporal_link, trigger_token
from .numbers import Quantity
from .tolls import (
    ARRESTED,
    BOTH,
    INJURED,
    KILLED,
    Count,
    find_counts,
    sum_or_none,
    total,
    victim_phrase_count,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..pipeline import Document, Sentence

VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_ANOTHER_TIME = re.compile(
    r"\b((19|20)\d\d|ago|previous(ly)?|last (week|month|year)|in the past)\b", re.IGNORECASE
)
VIOLENT_CODES = ("145", "175")
VIOLENT_PLOVER = frozenset({"ASSAULT", "COERCE"})
_ARG_DEPS = ("nsubj", "agent", "prep", "pobj", "dobj", "npadvmod")
_ARG_PREPS = frozenset({"in", "during", "from", "by", "at", "of", "on"})
_CROWD = frozenset(
    "protester protestor demonstrator marcher people supporter crowd worker student activist "
    "resident farmer teacher woman man youth follower member opponent union".split()
)


def is_violent(event: Event) -> bool:
    """Whether a toll can belong to the event: CAMEO 18/19/20, 145, 175 or PLOVER ASSAULT/COERCE."""
    code = event.cameo_code or ""
    root = event.cameo_root or code[:2]
    return not is_arrest(event) and (
        root in VIOLENT_ROOTS
        or code.startswith(VIOLENT_CODES)
        or (event.plover_type or "").upper() in VIOLENT_PLOVER
    )


def is_arrest(event: Event) -> bool:
    """CAMEO 173 (arrest, detain, charge) or the PLOVER arrest mode."""
    return (event.cameo_code or "").startswith("173") or event.plover_mode == "arrest"


def is_protest(event: Event) -> bool:
    root = event.cameo_root or (event.cameo_code or "")[:2]
    return root == "14" or (event.plover_type or "").upper() == "PROTEST"


def _fits(event: Event, kind: str) -> bool:
    return is_arrest(event) if kind == ARRESTED else is_violent(event)


class CasualtyCounter:
    """Sets ``killed``, ``injured``, ``arrested`` and ``size`` on the events of a document."""

    name = "casualties"

    def __call__(self, doc: Document) -> Document:
        by_sentence: dict[int, list[Event]] = defaultdict(list)
        for event in doc.events:
            by_sentence[event.sentence_index].append(event)
        found: dict[tuple[str, str], list[Count]] = defaultdict(list)
        depth: dict[str, int] = {}  # how far each event's trigger sits below its root
        previous = _Told([], [])
        for sentence in doc.sentences:
            events = by_sentence.get(sentence.index, [])
            if sentence.doc is None:
                if events:
                    previous = _Told(events, [])
                elif mentions_hazard(sentence.text):
                    previous = _Told([], [], hazard=True)
                continue
            triggers = {}
            violent: set[int] = set()  # the violent words of the sentence's own events
            for event in events:
                token = trigger_token(event, sentence)
                if token is not None:
                    triggers.setdefault(token.i, []).append(event)
                    depth[event.event_id] = sum(1 for _ in token.ancestors)
                    if is_violent(event) and token.lemma_.lower() not in _CASUALTY_WORDS:
                        violent.add(token.i)
            victims: set[int] = set()
            hazard = names_hazard(sentence.doc, violent=violent)
            told = _Told(events, [], hazard=hazard)
            counts = find_counts(sentence.doc)
            for count in counts:
                victims.update(t.i for t in count.victims)
                if count.cumulative or _hazard_toll(count, counts, hazard, violent):
                    continue
                target = _attach(count, triggers, events, depth)
                if target is None and (not events or _told_alone(count, events)):
                    if hazard and not has_cause(count.cue):
                        continue  # "Across the region, the death toll passed 37,000."
                    target = _carried_over(count, previous, depth)
                if target is not None:
                    found[(target.event_id, count.kind)].append(count)
                    if count.quantity.best > 0:
                        told.tolls.append((target.event_id, count.kind))
            for event in events:
                if is_protest(event) and event.size is None:
                    event.size = _crowd_size(event, sentence, victims)
            if events:
                previous = told
            elif hazard:  # a hazard told after the violence: later bare tolls are its own
                previous = _Told([], [], hazard=True)
        for event in doc.events:
            killed = _merge(found[(event.event_id, KILLED)], found[(event.event_id, BOTH)])
            injured = _merge(found[(event.event_id, INJURED)], found[(event.event_id, BOTH)])
            arrested = _merge(found[(event.event_id, ARRESTED)], [])
            if killed is not None:
                event.killed = killed
            if injured is not None:
                event.injured = injured
            if arrested is not None:
                event.arrested = arrested.best
        return doc


@dataclass(slots=True)
class _Told:
    """The events of the last sentence that told any, the positive tolls given them, and
    whether that sentence named a natural hazard or an accident."""

    events: list[Event]
    tolls: list[tuple[str, str]]  # (event_id, kind)
    hazard: bool = False


_CASUALTY_WORDS = frozenset({"kill", "wound", "injure", "hurt", "leave", "slay", "die", "dead"})


def _hazard_toll(count: Count, counts: list[Count], hazard: bool, violent: set[int]) -> bool:
    """Whether a count is the toll of a natural hazard or an accident, not of violence: its
    clause gives the hazard as the cause ("died in the floods"), or it names no cause in a
    sentence that names a hazard and gives the violent event its own toll ("air strikes
    after the earthquake killed seven, as the death toll passed 1,600")."""
    if hazard_caused(count.cue, violent=violent):
        return True
    if not hazard or has_cause(count.cue) or count.quantity.best == 0:
        return False
    return any(
        other is not count
        and other.kind == count.kind
        and other.quantity.best > 0
        and not other.cumulative
        and has_cause(other.cue)
        and not hazard_caused(other.cue, violent=violent)
        for other in counts
    )


def _attach(
    count: Count, triggers: dict[int, list[Event]], events: list[Event], depth: dict[str, int]
) -> Event | None:
    """The event a count belongs to: its cue's own event, the event its cue's clause names
    ("the blast killed", "killed in the ambush"), the event whose clause it modifies ("which
    left 13 dead", "killing six"), or the sentence's only fitting event; a bare toll ("; nine
    people were killed") goes to the fitting event highest in the parse. Never across "after"."""
    kind = KILLED if count.kind == BOTH else count.kind

    def fitting(token: Token) -> Event | None:
        for event in triggers.get(token.i, []):
            if _fits(event, kind):
                return event
        return None

    def in_arguments(token: Token) -> Event | None:
        for child in token.children:
            if child.dep_ not in _ARG_DEPS or child.i in {v.i for v in count.victims}:
                continue
            if child.dep_ == "prep" and child.lower_ not in _ARG_PREPS:
                continue
            nodes = [child, *[c for c in child.children if c.dep_ == "pobj"]]
            for node in nodes:
                for candidate in (node, *node.conjuncts):
                    if (event := fitting(candidate)) is not None:
                        return event
        return None

    cue = count.cue
    if (event := fitting(cue)) is not None or (event := in_arguments(cue)) is not None:
        return event
    token = cue
    while token.head.i != token.i:
        if temporal_link(token):
            return None
        token = token.head
        if token.i in triggers:
            return fitting(token)
        if (event := in_arguments(token)) is not None:
            return event
    fit = [e for e in events if _fits(e, kind)]
    if len(fit) > 1 and _bare(count):
        return _highest(fit, depth)
    return fit[0] if len(fit) == 1 else None


def _told_alone(count: Count, events: list[Event]) -> bool:
    """Whether a bare toll is the main clause of a sentence whose events it cannot belong
    to: "No casualties were reported." (an event of saying, not of violence)."""
    kind = KILLED if count.kind == BOTH else count.kind
    if any(_fits(e, kind) for e in events) or not _bare(count):
        return False
    token = count.cue
    while token.head.i != token.i:
        if token.dep_ in ("advcl", "relcl", "acl", "pcomp", "pobj"):
            return False
        token = token.head
    return True


def _background(count: Count) -> bool:
    """A toll told as background, not as the news of the sentence before: "40 people had
    died there in 2019", "dozens have died in such raids"."""
    verb = count.cue.head if count.cue.pos_ in ("NOUN", "PROPN") else count.cue
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return True
    return bool(_ANOTHER_TIME.search(count.cue.doc.text))


def _bare(count: Count) -> bool:
    """A toll told for the whole happening: a clause naming no one who did it ("nine people
    were killed") or a zero ("no casualties were reported")."""
    cue = count.cue
    if cue.lemma_.lower() == "life":  # "two soldiers lost their lives"
        return cue.head.lemma_.lower() == "lose"
    return count.quantity.best == 0 or is_toll_clause(cue)


def _highest(events: list[Event], depth: dict[str, int]) -> Event:
    """The event whose trigger sits highest in its sentence's parse (the first on a tie)."""
    return min(events, key=lambda e: depth.get(e.event_id, 99))


def _carried_over(count: Count, previous: _Told, depth: dict[str, int]) -> Event | None:
    """A toll in a sentence with no event ("Twelve soldiers died.", "No one was hurt.")
    belongs to the single fitting event of the sentence before, or for a bare toll to the one
    highest in its parse. A zero ("No soldier was killed.") does not go to an event when the
    sentence before gave its toll of that kind to another event."""
    kind = KILLED if count.kind == BOTH else count.kind
    fit = [e for e in previous.events if _fits(e, kind)]
    if _background(count):
        return None
    if (
        previous.hazard
        and count.quantity.best > 0
        and any(k == count.kind for _, k in previous.tolls)
    ):
        return None  # the toll of the hazard the sentence before named beside the violence
    if len(fit) == 1:
        target = fit[0]
    elif fit and _bare(count):
        target = _highest(fit, depth)
    else:
        return None
    if count.quantity.best == 0:
        kinds = {count.kind} if count.kind != BOTH else {KILLED, INJURED}
        if any(e != target.event_id and k in kinds for e, k in previous.tolls):
            return None
    return target


def _merge(counts: list[Count], zeros_or_both: list[Count]) -> Casualties | None:
    """One figure from every mention of a toll. Repeats of one toll are not added up: the
    largest figure stands, a "death toll" restates the total; counts of other, named victims
    ("five militants ..., while an officer was killed") and those marked "also", "another" add
    to it. Zero only when no figure is stated."""
    counts = counts + zeros_or_both
    if not counts:
        return None
    totals = [c for c in counts if c.cue.lemma_.lower() == "toll" and c.quantity.best > 0]
    stated = [c for c in counts if c.quantity.best > 0 and not c.quantity.additive]
    extra = [c for c in counts if c.quantity.best > 0 and c.quantity.additive]
    if totals:
        stated, extra = [max(totals, key=lambda c: c.quantity.best)], []
    if not stated and not extra:
        return Casualties(best=0, low=0, high=0, military=None, civilian=None)
    parts: list[Count] = []
    for count in sorted(stated, key=lambda c: -c.quantity.best):
        if not parts or _other_victims(count, parts):
            parts.append(count)
    parts += extra
    quantity = Quantity(
        best=total(c.quantity.best for c in parts),
        low=sum_or_none([c.quantity.low for c in parts]),
        high=sum_or_none([c.quantity.high for c in parts]),
    )
    return Casualties(
        best=quantity.best,
        low=quantity.low,
        high=quantity.high,
        military=sum_or_none([c.military for c in parts]),
        civilian=sum_or_none([c.civilian for c in parts]),
    )


_GENERIC_VICTIMS = frozenset("person people other dead victim body casualty one".split())


def _victim_nouns(count: Count) -> set[str]:
    return {v.lemma_.lower() for v in count.victims if v.pos_ != "NUM"}


def _other_victims(count: Count, taken: list[Count]) -> bool:
    """Whether a count names victims none of the taken counts named (militants vs officer)."""
    nouns = _victim_nouns(count)
    if not nouns or nouns & _GENERIC_VICTIMS or len(nouns) < len(count.victims):
        return False
    for other in taken:
        seen = _victim_nouns(other)
        if not seen or seen & _GENERIC_VICTIMS or seen & nouns:
            return False
        if other.quantity.best == count.quantity.best:
            return False
    return True


def _crowd_size(event: Event, sentence: Sentence, victims: set[int]) -> int | None:
    """The crowd a protest drew: "thousands of protesters marched", "a rally of some 5,000
    people", "which drew tens of thousands"; never a count of the killed or arrested."""
    trigger = trigger_token(event, sentence)
    if trigger is None:
        return None
    candidates: list[Token] = []
    for child in trigger.children:
        if (
            child.dep_ in ("nsubj", "agent")
            or child.dep_ == "prep"
            and child.lower_ in ("of", "by")
        ):
            candidates.extend(c for c in [child, *child.children] if c.dep_ != "prep")
        if child.dep_ in ("relcl", "acl") and child.lemma_ in (
            "draw",
            "attract",
            "attend",
            "bring",
        ):
            candidates.extend(c for c in child.subtree if c.dep_ in ("dobj", "pobj"))
    if trigger.dep_ in ("nsubj", "dobj", "pobj"):
        head = trigger.head  # "a crowd of 5,000 staged a protest"
        candidates.extend(c for c in head.children if c.dep_ == "nsubj" and c.i != trigger.i)
    candidates.extend(
        t for t in sentence.doc if t.lemma_.lower() in _CROWD or t.lemma_.lower() == "crowd"
    )
    for candidate in [trigger, *candidates]:
        if candidate.i in victims:
            continue
        quantity = victim_phrase_count(candidate)
        if quantity is not None and quantity.best > 1:
            return quantity.best
    return None
