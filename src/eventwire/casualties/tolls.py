"""Count mentions in a parsed sentence: who was killed, wounded or arrested, and how many.

A mention starts from a cue word ("killed", "dead", "wounding", "deaths", "death toll",
"arrested") and reads its victims from the dependency parse (the object of an active verb,
the subject of a passive or of "died", the noun "left ... dead" governs). The count of each
conjoined victim phrase is read from its words ("at least 13 Turkish soldiers", "a civilian");
"including ..." subsets never add to the total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .numbers import MAX_NUMBER, Quantity, parse_quantity
from .victims import are_animals, victim_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

KILLED, INJURED, ARRESTED = "killed", "injured", "arrested"
BOTH = "both"  # "no one was hurt", "no casualties": zero killed and zero injured

_KILL_VERBS = {"kill", "slay", "massacre", "murder", "execute", "behead", "assassinate",
               "slaughter", "die", "perish", "gun"}  # fmt: skip
_INJURE_VERBS = {"wound", "injure", "hurt", "maim", "harm"}
_ARREST_VERBS = {"arrest", "detain", "apprehend", "jail", "imprison", "round"}
_DEAD_WORDS = {"dead"}
_KILL_NOUNS = {"death", "fatality", "dead"}
_INJURE_NOUNS = {"injury", "wounded", "injured"}
_ARREST_NOUNS = {"arrest", "detention"}
#: word forms that tell a toll in a sentence naming no event ("Twelve soldiers died.", "No
#: casualties were reported."): such sentences are parsed so the toll reaches its event
TOLL_FORMS = frozenset(
    """died dies perished dead death deaths casualty casualties fatalities fatality injuries
    injury toll lives unharmed unhurt""".split()
)
_RELATIVE = {"who", "that", "which", "whom"}
_COLLECTIVE = {"police", "staff", "family", "crowd", "population", "army", "force", "group"}
_NOT_COUNTS = {"number", "group", "host", "lot", "series", "band", "unit"}
# a count the small parser reads as a preposition's object: "wounded around 30"
_COUNT_PREPS = {"between", "around", "about", "over", "nearly", "some", "approximately"}
_SUBSET_PREPS = {"including", "among", "of", "besides", "excluding", "like"}
_CUMULATIVE = re.compile(
    r"\b(since|so far|to date|in total|in all|altogether|overall|cumulative|thus far|"
    r"over the (past|last)|in the (past|last)|in recent (days|weeks|months|years)|"
    r"bringing the total|the total number|this year|last year|during the (war|conflict))\b",
    re.IGNORECASE,
)
_LONG_CONFLICT = {"war", "conflict", "insurgency", "violence", "uprising", "crisis", "campaign",
                  "fighting", "unrest", "epidemic", "revolution"}  # fmt: skip
_UNKNOWN_ZERO = re.compile(
    r"\b(no (immediate |official )?(reports?|word|information|details)|unclear|not "
    r"(immediately )?(clear|known|confirmed))\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Count:
    """One stated count: its kind, quantity, victim breakdown and the cue word's token."""

    kind: str
    quantity: Quantity
    cue: Token
    military: int | None = None
    civilian: int | None = None
    cumulative: bool = False
    victims: list[Token] = field(default_factory=list)


def find_counts(sdoc: Doc) -> list[Count]:
    """Every count of killed, injured and arrested people stated in a parsed sentence."""
    counts: list[Count] = []
    seen_victims: set[int] = set()
    for token in sdoc:
        kind = _cue_kind(token)
        if kind is None:
            continue
        found = _zero_count(token, kind)
        if found is None:
            victims = _victims(token, kind)
            if victims is None or victims.i in seen_victims:
                continue
            found = _count_victims(victims, kind, token)
            if found is None:
                continue
            seen_victims.add(victims.i)
        found.cumulative = _is_cumulative(token)
        if any(c.lower_ in ("also", "too", "additionally") for c in token.children):
            found.quantity = replace(found.quantity, additive=True)
        counts.append(found)
    return counts


def _cue_kind(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        if lemma in _KILL_VERBS:
            if lemma == "gun" and not any(c.lower_ == "down" for c in token.children):
                return None
            if lemma == "execute" and not _has_person_object(token):
                return None
            return KILLED
        if lemma in _INJURE_VERBS or lower in ("wounded", "injured", "hurt"):
            return INJURED
        if lemma in _ARREST_VERBS:
            if lemma == "round" and not any(c.lower_ == "up" for c in token.children):
                return None
            return ARRESTED
        if lower in _DEAD_WORDS or _shot_dead(token):
            return KILLED  # "13 dead", "shot dead four protesters"
    if token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        if lemma in _KILL_NOUNS or lower in ("dead", "deaths", "fatalities"):
            return KILLED
        if lemma in _INJURE_NOUNS or lower in ("wounded", "injured", "injuries"):
            return INJURED
        if lemma in _ARREST_NOUNS:
            return ARRESTED
        if lemma == "toll" and not _has_child(token, "injury"):
            return KILLED  # "the death toll", "bringing the toll to 32"
        if lemma == "casualty" or lemma == "life":
            return _life_or_casualty(token)
    return None


def _shot_dead(token: Token) -> bool:
    """ "shot dead four protesters", "shot him dead"; also when the parser hangs "dead" on the
    object ("shot dead two policemen": dead -amod-> policemen)."""
    if token.lemma_ != "shoot":
        return False
    if _has_child(token, "dead"):
        return True
    after = token.i + 1
    return after < len(token.doc) and token.doc[after].lower_ == "dead"


def _has_child(token: Token, lower: str) -> bool:
    return any(c.lower_ == lower for c in token.children)


def _has_person_object(token: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "NUM") for c in token.children
    )


def _life_or_casualty(token: Token) -> str | None:
    if token.lemma_.lower() == "life":  # "claimed 11 lives", "lost their lives"
        return KILLED if token.head.lemma_.lower() in ("claim", "lose", "take", "cost") else None
    return BOTH if _is_no(token) else None  # "no casualties" only; a figure is ambiguous


def _is_no(token: Token) -> bool:
    """ "no casualties", "zero deaths", "without casualties", "without causing casualties"."""
    if any(c.lower_ in ("no", "zero") and c.dep_ in ("det", "nummod") for c in token.children):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True
    head = token.head
    return token.dep_ == "dobj" and head.dep_ == "pcomp" and head.head.lower_ == "without"


def _zero_count(cue: Token, kind: str) -> Count | None:
    """ "no one was hurt", "no casualties", "there were no deaths", "without injuries"."""
    if kind == ARRESTED:
        return None
    negative = _is_no(cue)
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none", "noone"):
            negative = True
        if child.dep_ in ("nsubj", "nsubjpass") and _is_no(child):
            negative = True  # "no one was hurt", "no soldier was killed"
    if not negative or _UNKNOWN_ZERO.search(cue.doc.text):
        return None
    if cue.lemma_.lower() in ("hurt", "harm", "injure", "wound", "injury", "casualty"):
        kind = BOTH
    return Count(kind, Quantity(0, 0, 0), cue, victims=[cue])


def _victims(cue: Token, kind: str) -> Token | None:
    """The head of the phrase naming who was killed, hurt or arrested by this cue."""
    children = {c.dep_: c for c in reversed(list(cue.children))}
    lemma = cue.lemma_.lower()
    lower = cue.lower_
    if lemma == "toll":
        head = cue.head
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "at"):
                return next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ in ("attr", "dobj") and child.i != cue.i:
                return child
        of = next((c for c in cue.children if c.lower_ == "of"), None)
        return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if lemma == "life":
        if cue.head.lemma_.lower() == "lose":
            return _subject(cue.head)
        of = next((c for c in cue.children if c.lower_ == "of"), None)
        if of is not None:
            return next((c for c in of.children if c.dep_ == "pobj"), None)
        return cue
    if lower in _DEAD_WORDS | {"wounded", "injured"} and _has_count(cue):
        return cue  # "left 13 dead", "13 dead and dozens wounded"
    if cue.pos_ in ("NOUN", "PROPN", "NUM") or (lower in _DEAD_WORDS and cue.dep_ == "dobj"):
        if _has_count(cue):
            return cue  # "13 dead", "32 deaths"
        if lower in _DEAD_WORDS or lemma in ("wounded", "injured"):
            return _predicate_victims(cue)
        return None
    if lower in _DEAD_WORDS or (cue.pos_ == "ADJ" and lower in ("wounded", "injured", "hurt")):
        return _predicate_victims(cue)
    if "dobj" in children and (cue.tag_ != "VBN" or "nsubjpass" not in children):
        return _relative_head(children["dobj"])
    if "nsubjpass" in children:
        return _relative_head(children["nsubjpass"])
    if "nsubj" in children:
        subject = children["nsubj"]
        if lemma in ("die", "perish") or cue.tag_ == "VBN" or subject.pos_ == "NUM":
            return _relative_head(subject)  # "five died", "45 wounded"
        if any(c.dep_ == "nummod" and c.pos_ == "NUM" for c in subject.children):
            return subject  # "... and two others wounded" read as a clause
        return _stray_object(cue)  # "rebels killed" with no object
    if cue.dep_ in ("acl", "amod") and cue.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return cue.head  # "45 others injured", "soldiers killed in the blast"
    if "auxpass" in children:  # "Between eight and 15 fishermen were killed", misparsed
        for child in cue.children:
            if child.lower_ == "between":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    return _stray_object(cue) if cue.pos_ == "VERB" and cue.tag_ != "VBN" else None


def _stray_object(cue: Token) -> Token | None:
    """The counted object of an active verb that the parse hung elsewhere: "killed three
    herders nearby" read as an adverb phrase ("herders" under "nearby"), "wounded around 30"
    as a preposition and its object."""
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ in _COUNT_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.like_num or _has_count(obj)):
                return obj
        if child.dep_ not in ("advmod", "npadvmod", "oprd", "attr", "dep"):
            continue
        for token in child.subtree:
            if token.pos_ == "NOUN" and _has_count(token):
                return token
    return None


def _predicate_victims(cue: Token) -> Token | None:
    """Victims of "dead"/"wounded" used as a predicate: "left 13 civilians dead", "were dead"."""
    head = cue.head
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:  # "leaving at least 15 people dead" parsed as a small clause
        return subject
    if cue.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl", "conj", "dobj"):
        for child in head.children:
            if child.dep_ == "dobj" and child.i != cue.i:
                return child
            if child.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in ("leave",):
                return _relative_head(child)
    if cue.dep_ in ("amod", "acl") and head.pos_ in ("NOUN", "NUM") and _has_count(head):
        return head
    return None


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _relative_head(child)
    return None


def _relative_head(token: Token) -> Token:
    """ "soldiers who were killed": the victims are the noun the relative pronoun stands for."""
    if token.lower_ in _RELATIVE and token.head.dep_ in ("relcl", "acl"):
        return token.head.head
    return token


def _has_count(token: Token) -> bool:
    return any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in token.lefts)


def _pieces(victims: Token) -> list[Token]:
    """The victim phrase and its conjuncts, leaving out conjoined cues ("3 dead and 12 hurt")."""
    rest = [c for c in victims.conjuncts if c.i > victims.i and _cue_kind(c) is None]
    return [victims, *rest]


def _phrase_parts(victims: Token) -> list[tuple[Quantity, str | None, Token]]:
    """Count and victim class of each conjoined phrase of people: "13 soldiers and a
    civilian"."""
    doc = victims.doc
    parts: list[tuple[Quantity, str | None, Token]] = []
    for piece in _pieces(victims):
        if are_animals(_piece_words(piece)):
            continue  # "killed 10 cows and two farmers": two
        if piece.lemma_.lower() in _COLLECTIVE | _NOT_COUNTS and (size := _of_count(piece)):
            parts.append((size, victim_class(_piece_words(piece)), piece))
            continue  # "a family of five", "a group of 12 soldiers"
        if piece.lemma_.lower() in _NOT_COUNTS:
            continue  # "an undetermined number of rebels", "a group of men": no count
        first = piece.left_edge if piece.left_edge.i >= victims.left_edge.i else piece
        if first.lower_ == "dead" and first.dep_ == "amod" and first.i < piece.i:
            first = doc[first.i + 1]  # "shot dead two policemen" parsed as "dead policemen"
        start = first.idx
        if piece.dep_ == "pobj" and piece.head.lower_ in _COUNT_PREPS:
            start = piece.head.idx  # "between eight and 15 fishermen", "around 30" misparsed
        # the phrase up to its head, or through "of ..." for "tens of thousands (of people)"
        end = piece.idx + len(piece.text)
        for child in piece.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = max(end, child.right_edge.idx + len(child.right_edge.text))
        left = doc.text[start:end]
        parsed = parse_quantity(left)
        if parsed and parsed[0].best == 1 and piece.tag_ in ("NNS", "NNPS"):
            parsed = None  # "a number of soldiers", "a group of men": no count
        if parsed is not None:
            quantity = parsed[0]
        elif left.strip().lower() in ("another", "one other", "the other"):
            quantity = Quantity(1, 1, 1)
        elif piece.tag_ in ("NN", "NNP") or piece.lower_ in ("he", "she", "him", "her"):
            if piece.lower_ in _COLLECTIVE:
                continue
            quantity = Quantity(1, 1, 1)
        else:
            continue
        parts.append((quantity, victim_class(_piece_words(piece)), piece))
    return parts


def _of_count(piece: Token) -> Quantity | None:
    """The count "of N" gives a collective noun: "a family of five" (5)."""
    for child in piece.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None or not (obj.like_num or _has_count(obj)):
                return None
            doc = piece.doc
            parsed = parse_quantity(doc.text[obj.left_edge.idx : obj.idx + len(obj.text)])
            return parsed[0] if parsed else None
    return None


def victim_phrase_count(victims: Token) -> Quantity | None:
    """The number of people a noun phrase names, conjuncts added up, or None."""
    parts = _phrase_parts(victims)
    if not parts:
        return None
    return Quantity(
        best=total(q.best for q, _, _ in parts),
        low=sum_or_none([q.low for q, _, _ in parts]),
        high=sum_or_none([q.high for q, _, _ in parts]),
        additive=parts[0][0].additive,
    )


def total(values: Iterable[int]) -> int:
    """The sum of counts, clamped to ``MAX_NUMBER`` as each count is."""
    return min(sum(values), MAX_NUMBER)


def sum_or_none(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else total(v for v in values if v is not None)


def _count_victims(victims: Token, kind: str, cue: Token) -> Count | None:
    """Sum the counts of the conjoined victim phrases: "13 soldiers and a civilian" = 14."""
    parts = _phrase_parts(victims)
    quantity = victim_phrase_count(victims)
    if quantity is None:
        return None
    classes = [c for _, c, _ in parts]
    military = civilian = None
    if any(c is not None for c in classes):
        complete = all(c is not None for c in classes)
        mil = total(q.best for q, c, _ in parts if c == "military")
        civ = total(q.best for q, c, _ in parts if c == "civilian")
        military = mil if mil or complete else None
        civilian = civ if civ or complete else None
    pieces = [p for _, _, p in parts]
    return Count(kind, quantity, cue, military=military, civilian=civilian, victims=pieces)


def _piece_words(piece: Token) -> list[str]:
    """Lemmas of a victim phrase, leaving out "including ..." subsets and other conjuncts."""
    words: list[str] = []
    stack = [piece]
    while stack:
        token = stack.pop()
        words.append(token.lemma_.lower())
        words.append(token.lower_)
        for child in token.children:
            if child.dep_ in ("conj", "cc", "relcl", "acl", "appos"):
                continue
            if child.dep_ == "prep" and child.lower_ in _SUBSET_PREPS - {"of"}:
                continue
            stack.append(child)
    return words


def _is_cumulative(cue: Token) -> bool:
    """A running total ("since 2011", "so far this year", "the war has killed") rather than
    the toll of one event."""
    clause = cue
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis") and (
        clause.head.i != clause.i
    ):
        clause = clause.head
    tokens = [t for t in clause.subtree if not _in_nested_clause(t, clause)]
    text = " ".join(t.text for t in tokens)
    if _CUMULATIVE.search(text):
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return bool(perfect and subject is not None and subject.lemma_.lower() in _LONG_CONFLICT)


def _in_nested_clause(token: Token, clause: Token) -> bool:
    while token.i != clause.i:
        if token.dep_ in ("advcl", "relcl", "ccomp", "acl") and token.head.i != token.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False
