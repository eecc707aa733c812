"""The dating stage: each event's date, precision, deadline and historical flag.

An event takes the time expression of its own clause: the expressions attached (in the
dependency parse) to its trigger, else to the clauses it sits in, climbing from the trigger to
the sentence root — conjoined verbs and participles share a date ("stormed ... on Monday,
killing six"), a report's date serves its content ("... officials said on Thursday"). The climb
stops at a clause placed at another time ("after an attack killed 13 soldiers"): such an event
is not dated by the publication. Deadlines ("by Friday") never date an event; they go to
``deadline``. Events with no expression of their own are dated by the publication, precision
"day", when they are plainly current (not future, hypothetical or background).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .clauses import REPORTING_LEMMAS, temporal_link, trigger_token
from .expressions import (
    BACKGROUND,
    DATE,
    DEADLINE,
    LATER,
    SAME,
    SINCE,
    Resolved,
    TimeMention,
    find_time_mentions,
    resolve,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..model import Event
    from ..pipeline import Document, Sentence

HISTORICAL_AFTER_DAYS = 7
_SAME_TIME = frozenset({"when", "as", "while"})
_NOMINAL_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "conj", "appos"}
)  # an event whose period ended longer ago than this is background
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_ARGUMENT_DEPS = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "appos"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "wo"})
_FUTURE_HEADS = frozenset(
    "plan threaten vow pledge promise intend want aim prepare expect schedule decide agree "
    "warn set due hope seek propose demand order urge call ask tell give".split()
)


@dataclass(slots=True)
class _Choice:
    """The expressions that bear on one event."""

    date: TimeMention | None = None
    deadline: TimeMention | None = None
    background: bool = False
    blocked: bool = False  # the event sits in a clause placed at another, dated time
    future: bool = False
    perfect: bool = False  # "had been shot": before the time of the report
    anaphoric: bool = False  # "They killed ...", "later that day": the date stated before
    report: TimeMention | None = None  # "..., officials said on Saturday": relative dates' anchor


class Dater:
    """Sets ``date``, ``date_precision``, ``deadline`` and ``historical`` on every event."""

    name = "date"

    def __call__(self, doc: Document) -> Document:
        anchor = _as_date(doc.article.published)
        mentions: dict[int, list[TimeMention]] = {}
        dated: dict[int, Resolved] = {}  # the last explicit date of each sentence's events
        for event in sorted(doc.events, key=lambda e: e.trigger_start):
            sentence = doc.sentence_of(event)
            if sentence.index not in mentions:
                mentions[sentence.index] = find_time_mentions(sentence.text)
            found = mentions[sentence.index]
            token = trigger_token(event, sentence)
            if token is None:
                choice = _choose_by_text(event, sentence, found)
            else:
                others = _trigger_tokens(doc, sentence)
                choice = _choose_by_parse(token, sentence.doc, found, others)
            previous = None
            if choice.anaphoric:
                previous = dated.get(sentence.index) or dated.get(sentence.index - 1)
            resolved = _apply(event, choice, anchor, previous)
            if resolved is not None:
                dated[sentence.index] = resolved
        return doc


def _as_date(value: date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _apply(
    event: Event, choice: _Choice, anchor: date | None, previous: Resolved | None
) -> Resolved | None:
    """Set the event's fields; return its date when the text stated one."""
    future = event.future or event.hypothetical or choice.future
    resolved: Resolved | None = None
    if choice.report is not None and choice.date is not None and _relative(choice.date):
        reported = resolve(choice.report.spec, anchor)
        anchor = reported.date if reported and reported.precision == "day" else anchor
    if choice.date is not None:
        resolved = resolve(choice.date.spec, anchor, future=future)
    stated = resolved
    if resolved is None and previous is not None and not (future or choice.blocked):
        resolved = previous
    if choice.deadline is not None:
        deadline = resolve(choice.deadline.spec, anchor, future=True)
        event.deadline = deadline.last.isoformat() if deadline else None
    historical = event.historical or choice.background
    if resolved is not None:
        event.date, event.date_precision = resolved.date.isoformat(), resolved.precision
        if anchor and resolved.last < anchor - timedelta(days=HISTORICAL_AFTER_DAYS):
            historical = True
    elif anchor is not None and not (future or historical or choice.blocked or choice.perfect):
        event.date, event.date_precision = anchor.isoformat(), "day"
    else:
        event.date, event.date_precision = None, "unknown"
    event.historical = historical
    return stated


def _trigger_tokens(doc: Document, sentence: Sentence) -> set[int]:
    tokens = set()
    for other in doc.events:
        if other.sentence_index == sentence.index:
            token = trigger_token(other, sentence)
            if token is not None:
                tokens.add(token.i)
    return tokens


def _relative(mention: TimeMention) -> bool:
    spec = mention.spec
    return spec.year is None and spec.month is None


def _owner(mention: TimeMention, sdoc: Doc, triggers: set[int]) -> Token | None:
    """The verb or event noun a time expression modifies ("a bus carrying soldiers on
    Thursday": the participle passes it on to the clause)."""
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    while token.head.i != token.i:
        if temporal_link(token) and token.i not in {t.i for t in span}:
            return token  # "ahead of Sunday's march": the march's, not the clause's
        token = token.head
        if token.i in triggers:
            return token
        if _misparsed_name(token):
            continue  # "in Sagaing on Saturday": a place name read as a verb holds no time
        if token.pos_ in ("VERB", "AUX") and not (token.dep_ == "acl" and token.tag_ == "VBG"):
            return token
    return token


def _misparsed_name(token: Token) -> bool:
    """A capitalised word inside a sentence that the parser read as the verb of a preposition
    ("in Sagaing"): a name, not a clause."""
    return (
        token.pos_ == "VERB"
        and token.dep_ in ("pcomp", "pobj")
        and token.text[:1].isupper()
        and token.i > token.sent.start
    )


def _participles(verb: Token) -> set[int]:
    """Participles that describe the verb's own arguments ("opened fire on residents
    protesting in Sukkur on Wednesday"): their time is the verb's time too."""
    out = set()
    for d in verb.subtree:
        if d.dep_ not in ("acl", "pcomp") or d.tag_ != "VBG" or temporal_link(d):
            continue  # "withdrew after attacking the base on Monday": not Monday
        node = d.head
        while node.i != verb.i and node.dep_ in _ARGUMENT_DEPS and not temporal_link(node):
            node = node.head
        if node.i == verb.i:
            out.add(d.i)
    return out


def _choose_by_parse(
    trigger: Token, sdoc: Doc, mentions: list[TimeMention], triggers: set[int]
) -> _Choice:
    choice = _Choice(future=_is_future(trigger), perfect=_is_perfect(trigger))
    choice.anaphoric = _pronoun_subject(trigger)
    owners = [(m, _owner(m, sdoc, triggers)) for m in mentions]

    def owned_by(token: Token, *, shared: bool = True) -> list[TimeMention]:
        """Expressions of this token's clause; with ``shared``, also those of the clauses that
        share its time: conjoined verbs without a subject of their own ("killed two and
        injured 15 on Thursday") and "when"-clauses ("... when a mine exploded on Feb. 6")."""
        heads = {token.i}
        if token.pos_ not in ("VERB", "AUX"):  # "the attack, which took place on Monday"
            heads |= {c.i for c in token.children if c.dep_ in ("relcl", "acl")}
            heads -= triggers - {token.i}
        elif shared:
            verbs = [token, *(c for c in token.conjuncts if c.pos_ in ("VERB", "AUX"))]
            verbs = [
                v for v in verbs if v is token or not _has_subject(v) or not _has_subject(token)
            ]
            for verb in verbs:
                heads.add(verb.i)
                heads |= _participles(verb)
                heads |= {
                    c.i
                    for c in verb.children
                    if c.dep_ == "advcl" and any(m.lower_ in _SAME_TIME for m in c.children)
                }
        return [m for m, owner in owners if owner is not None and owner.i in heads]

    path = [trigger]
    block = None  # where the climb crosses into a clause placed at another time
    token = trigger
    while token.head.i != token.i:
        if block is None and temporal_link(token):
            block = len(path)
        token = token.head
        path.append(token)
    clause_level = next(
        (
            i
            for i, t in enumerate(path)
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in _NOMINAL_DEPS
        ),
        len(path) - 1,
    )
    if any(c.lower_ == "since" and c.dep_ == "advmod" for c in path[clause_level].children):
        block = min(block or clause_level + 1, clause_level + 1)  # "has since launched"
    for level, token in enumerate(path):
        own = owned_by(token, shared=False)
        here = own + [m for m in owned_by(token) if m not in own]
        dates = [m for m in own if m.spec.role == DATE] or [m for m in here if m.spec.role == DATE]
        if any(m.spec.role == SAME for m in own):
            choice.anaphoric = True
        if any(m.spec.role == LATER for m in own):
            choice.blocked = True  # "days later": after the date stated, by an unknown span
            break
        if block is not None and level >= block:
            choice.blocked = bool(dates)  # "on Tuesday after an attack killed ...": not Tuesday
            if dates:
                break
            continue
        if level <= clause_level and any(m.spec.role in (BACKGROUND, SINCE) for m in here):
            choice.background = True
        if dates:
            choice.date = min(dates, key=_specificity)
            for above in path[level + 1 :]:
                if above.lemma_.lower() in REPORTING_LEMMAS:
                    reports = [m for m in owned_by(above) if m.spec.role == DATE]
                    choice.report = reports[0] if reports else None
                    break
            break
    clause = path[clause_level]
    scope = {t.i for t in clause.subtree} | {t.i for t in path}
    deadlines = [
        m
        for m, owner in owners
        if m.spec.role == DEADLINE and owner is not None and owner.i in scope
    ]
    if deadlines:
        choice.deadline = min(deadlines, key=lambda m: abs(m.start - trigger.idx))
    return choice


def _specificity(mention: TimeMention) -> tuple[int, int]:
    spec = mention.spec
    if spec.day or spec.weekday is not None or spec.unit == "day":
        rank = 0 if spec.month else 1
    elif spec.unit == "week":
        rank = 2
    elif spec.month or spec.unit == "month":
        rank = 3
    else:
        rank = 4
    return rank, mention.start


def _verb_of(trigger: Token) -> Token:
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _is_perfect(trigger: Token) -> bool:
    """Past perfect ("had been shot"): earlier than the report, so not dated by publication."""
    verb = _verb_of(trigger)
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children)


def _pronoun_subject(trigger: Token) -> bool:
    verb = _verb_of(trigger)
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("they", "he", "she", "it")
        for c in verb.children
    )


def _is_future(trigger: Token) -> bool:
    """Whether the trigger's clause speaks of the future ("will meet", "vowed to retaliate")."""
    token = trigger
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children):
            return True
        if any(c.lower_ == "going" for c in token.children if c.dep_ == "aux"):
            return True
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _FUTURE_HEADS:
            return True
        if token.dep_ not in ("xcomp", "conj", "dobj", "pobj", "prep", "nsubj", "compound"):
            break
        if token.dep_ == "conj" and _has_subject(token):
            break  # "Turkey would strike ..., and troops were placed on alert"
        token = token.head
    return False


def _choose_by_text(event: Event, sentence: Sentence, mentions: list[TimeMention]) -> _Choice:
    """Without a parse: the nearest date and deadline in the sentence."""
    where = event.trigger_start - sentence.start
    choice = _Choice(background=any(m.spec.role in (BACKGROUND, SINCE) for m in mentions))
    dates = [m for m in mentions if m.spec.role == DATE]
    deadlines = [m for m in mentions if m.spec.role == DEADLINE]
    if dates:
        choice.date = min(dates, key=lambda m: abs(m.start - where))
    if deadlines:
        choice.deadline = min(deadlines, key=lambda m: abs(m.start - where))
    return choice
