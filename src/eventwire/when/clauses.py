"""Dependency-parse helpers shared by the dating and casualty stages: the token of an event's
trigger, and the links a clause's time or toll must not cross ("after the attack ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Event
    from ..pipeline import Sentence

# A clause or phrase introduced by these happened at another time than the clause it modifies.
TEMPORAL_LINKS = frozenset(
    "after before since until till following once prior ahead amid response retaliation "
    "revenge".split()
)
REPORTING_LEMMAS = frozenset(
    "say tell report announce add state claim confirm note explain quote write warn insist "
    "accuse deny allege".split()
)


def trigger_token(event: Event, sentence: Sentence) -> Token | None:
    """The head token of an event's trigger in its sentence's parse, or None if unparsed."""
    if sentence.doc is None:
        return None
    start = event.trigger_start - sentence.start
    end = max(event.trigger_end - sentence.start, start + 1)
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        for token in sentence.doc:
            if token.idx <= start < token.idx + len(token.text) + 1:
                return token
        return None
    return span.root


def temporal_link(token: Token) -> str | None:
    """The subordinator when ``token`` heads a clause or phrase that places it at another time
    than its head ("after an attack killed ...", "in response to the shelling")."""
    if token.dep_ in ("advcl", "pcomp", "acl"):
        for child in token.children:
            if child.dep_ in ("mark", "advmod") and child.lower_ in TEMPORAL_LINKS:
                return child.lower_
    if token.dep_ in ("pobj", "pcomp"):
        prep = token.head
        if prep.lower_ in TEMPORAL_LINKS:
            return prep.lower_
        if prep.lower_ in ("to", "for", "of") and prep.head.lower_ in TEMPORAL_LINKS:
            return prep.head.lower_  # "in response to", "in retaliation for", "ahead of"
    return None
