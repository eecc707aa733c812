"""The noun phrase of an argument head: which tokens belong to it, and in which zone.

Zones: "core" (the head, its determiners, possessors, compounds, modifiers), "appos" (an
apposition: "the defence minister, Hulusi Akar"), "of" (an of-phrase: "forces of the Syrian
regime") and "loc" (an in/from-phrase, used only for the actor's country: "a court in Guyana").
Relative clauses, other clauses, conjuncts and other prepositional phrases are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

INSIDE = {"det", "predet", "poss", "compound", "amod", "nmod", "nummod", "quantmod", "case",
          "flat", "nn", "npadvmod", "advmod", "prt", "punct", "hyph"}  # fmt: skip
OF_PREPOSITIONS = {"of"}
LOC_PREPOSITIONS = {"in", "from"}
# "forces loyal to President Assad": the object of "loyal to" names whose side they are on.
LOYAL = {"loyal", "faithful"}
# "a spokesman for the Taliban": whom these speak or act for is named as by "of".
FOR_HEADS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen",
             "envoy", "envoys", "representative", "representatives"}  # fmt: skip
# "dozens of soldiers", "some of the rebels": the of-phrase holds the actor.
QUANTITY_HEADS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score",
                  "scores", "number", "some", "many", "several", "most", "all", "few", "couple",
                  "handful", "million", "millions", "tens", "one", "two", "three", "each",
                  "none", "majority", "part", "rest", "remnant", "remnants"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Phrase:
    """The tokens of an argument phrase, by index in the sentence doc, with their zone."""

    head: Token
    zones: dict[int, str]

    @property
    def span(self) -> Span:
        doc = self.head.doc
        return doc[min(self.zones) : max(self.zones) + 1]

    def tokens(self, *zones: str) -> list[Token]:
        doc = self.head.doc
        return [doc[i] for i in sorted(self.zones) if not zones or self.zones[i] in zones]


def actor_head(head: Token) -> Token:
    """The token that names the actor: the head itself, or for "dozens of soldiers" the
    object of the of-phrase."""
    if head.lemma_.lower() in QUANTITY_HEADS or head.lower_ in QUANTITY_HEADS or head.like_num:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return actor_head(pobj)
    return head


def build_phrase(head: Token) -> Phrase:
    zones: dict[int, str] = {}
    _walk(head, "core", zones, top=True)
    # Punctuation only inside the phrase, never dangling at its edges.
    for i in sorted(zones):
        if head.doc[i].is_punct and (i == min(zones) or i == max(zones)) and i != head.i:
            del zones[i]
    return Phrase(head=head, zones=zones)


def _walk(token: Token, zone: str, zones: dict[int, str], *, top: bool) -> None:
    zones.setdefault(token.i, zone)
    for child in token.children:
        dep = child.dep_
        if dep == "punct" and child.text not in {"-", "'", "\u2019"}:
            continue
        if dep in INSIDE:
            _walk(child, zone, zones, top=False)
            if dep == "amod" and child.lower_ in LOYAL:
                _loyal_to(child, zones)
        elif dep == "appos" and zone == "core":
            _walk(child, "appos", zones, top=False)
        elif (
            dep == "prep"
            and zone in ("core", "appos")
            and (
                child.lower_ in OF_PREPOSITIONS
                or (child.lower_ == "for" and token.lower_ in FOR_HEADS)
            )
        ):
            zones.setdefault(child.i, "of")
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    _walk(pobj, "of", zones, top=False)
        elif dep == "prep" and top and child.lower_ in LOC_PREPOSITIONS:
            zones.setdefault(child.i, "loc")
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    _walk(pobj, "loc", zones, top=False)


def _loyal_to(adjective: Token, zones: dict[int, str]) -> None:
    for prep in adjective.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            zones.setdefault(prep.i, "of")
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    _walk(pobj, "of", zones, top=False)
