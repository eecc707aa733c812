"""Negation, modality and tense of a trigger: the flags an event must carry, never drop."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "can", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_HEADS = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "aim",
        "seek",
        "want",
        "expect",
        "hope",
        "schedule",
        "set",
        "propose",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "agree",
        "offer",
        "go",
    }
)
HYPOTHETICAL_HEADS = frozenset({"threaten", "consider", "fear", "risk", "contemplate", "mull"})
NOUN_FUTURE_MODS = frozenset(
    {"planned", "upcoming", "proposed", "future", "next", "expected", "imminent"}
)
NOUN_HYPOTHETICAL_MODS = frozenset(
    {"possible", "potential", "hypothetical", "threatened", "feared"}
)
HISTORICAL_ADVERBS = frozenset({"previously", "formerly", "once", "already", "earlier"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
NEGATING_HEADS = frozenset({"deny", "refuse", "fail", "avoid", "halt", "stop", "reject", "decline"})


TOLL_VERBS = frozenset({"kill", "die", "wound", "injure"})


def _perfect(token: Token) -> bool:
    """ "have been killed", "had died": perfect aspect on the verb."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)


@dataclass(slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


def _clause_chain(token: Token) -> list[Token]:
    """The trigger and the verbs it is the complement of (xcomp/ccomp/conj upwards)."""
    chain = [token]
    t = token
    while t.dep_ in ("xcomp", "conj", "pcomp", "dobj", "pobj", "prep") and t.head is not t:
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "conj"):
            break
    return chain


def _has_if(token: Token) -> bool:
    """A conditional clause on the trigger ("if talks fail, the army will attack") or around it."""
    for c in token.children:
        if c.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children
        ):
            return True
    t = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "should") for c in t.children):
            return True
        if t.dep_ not in ("conj", "xcomp", "advcl") or t.head is t:
            return False
        if t.dep_ == "advcl":
            return False
        t = t.head
    return False


def modality_of(trigger: Token) -> Modality:
    """Flags from the trigger's own dependents and the verbs that embed it."""
    m = Modality()
    chain = _clause_chain(trigger)
    for t in chain:
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
                m.negated = not m.negated if t.i == trigger.i else True
            elif c.dep_ == "aux":
                if low in FUTURE_AUX:
                    m.future = True
                elif low in HYPOTHETICAL_AUX:
                    m.hypothetical = True
                elif low == "would":
                    # "said it would retaliate": future in reported speech; else conditional
                    m.future = True
            elif c.dep_ == "advmod" and low in HISTORICAL_ADVERBS and t.i == trigger.i:
                m.historical = True
            elif c.dep_ == "advmod" and low == "far" and any(g.lower_ == "so" for g in c.children):
                m.historical = True
            elif c.dep_ == "amod" and t.i == trigger.i and t.pos_ == "NOUN":
                if low in NOUN_FUTURE_MODS:
                    m.future = True
                elif low in NOUN_HYPOTHETICAL_MODS:
                    m.hypothetical = True
        if t.i != trigger.i:
            lemma = t.lemma_.lower()
            if lemma in NEGATING_HEADS:
                m.negated = True
            if lemma in FUTURE_HEADS and trigger.dep_ in ("xcomp", "pcomp", "pobj"):
                m.future = True
            if lemma in HYPOTHETICAL_HEADS:
                m.hypothetical = True
    if _has_if(trigger):
        m.hypothetical = True
    # "more than 46,000 have been killed": a toll so far, not one event
    if (
        trigger.lemma_ in TOLL_VERBS
        and _perfect(trigger)
        and not any(c.dep_ in ("nsubj", "agent") for c in trigger.children)
    ):
        m.historical = True
    # "any forces that violate the ceasefire": a rule about whoever might, not a report
    if trigger.dep_ == "relcl" and any(
        c.dep_ == "det" and c.lower_ in ("any", "every", "whoever") for c in trigger.head.children
    ):
        m.hypothetical = True
    # "is going to attack", "is to visit"
    head = trigger.head
    if (
        trigger.dep_ == "xcomp"
        and head.lemma_ in ("go", "be")
        and head.tag_ == "VBG"
        or (trigger.dep_ == "xcomp" and head.lemma_ == "be" and head.lower_ in ("is", "are"))
    ):
        m.future = True
    if m.negated and m.hypothetical and any(t.lemma_ == "refuse" for t in chain):
        m.hypothetical = False
    return m
