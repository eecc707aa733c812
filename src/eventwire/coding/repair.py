"""Repairs of misparses the small English model makes often enough to cost events.

Each repair is a general rule over the tree (never a word list of names): it rewires heads
and labels of a parsed sentence in place, before triggers and roles are read from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOUNS = frozenset({"NOUN", "PROPN"})
FINITE = frozenset({"VBP", "VBZ", "VBD"})


def repair_parse(doc: Doc) -> Doc:
    """Apply every repair to ``doc`` (in place) and return it."""
    tokens = list(doc)  # token views stay valid while heads are rewired
    for repair in (
        _hanging_prefix,
        _conjunct_read_as_modifier,
        _subject_read_as_compound,
        _of_phrase_on_first_conjunct,
    ):
        for token in tokens:
            repair(token)
    return doc


def _root(token: Token) -> Token:
    while token.head.i != token.i:
        token = token.head
    return token


def _hanging_prefix(token: Token) -> None:
    """A hanging prefix ("stormed a pro- X rally"): the parser ends a sentence at "pro-" and
    makes "X rally" a sentence of its own; the phrase takes the prefix's place, the prefix
    becomes its modifier."""
    text = token.text
    if len(text) < 3 or not text.endswith("-") or not text[:-1].isalpha():
        return
    doc = token.doc
    if token.i + 1 >= len(doc) or token.head.i == token.i:
        return
    phrase = _root(doc[token.i + 1])
    if phrase.i == _root(token).i or phrase.pos_ not in NOUNS:
        return
    if phrase.left_edge.i != token.i + 1:
        return
    head, dep = token.head, token.dep_
    main = _root(token)
    moved = [c for c in phrase.children if c.dep_ == "punct" and c.i == phrase.right_edge.i]
    phrase.head = head
    phrase.dep_ = dep
    for child in list(token.children):
        child.head = phrase
    token.head = phrase
    token.dep_ = "amod"
    for p in moved:
        p.head = main


def _conjunct_read_as_modifier(name: Token) -> None:
    """A name coordinated with a modified one ("A and the small proud B signed"): the parser
    hangs "A and the small proud" in front of B as one modifier (A with the conjunct
    "proud"). A determiner after the conjunction starts a new noun phrase, so A is the head
    and "the small proud B" its conjunct."""
    if name.pos_ != "PROPN" or name.head.i == name.i:
        return
    for mod in name.lefts:
        if mod.dep_ not in ("nmod", "compound", "amod") or mod.pos_ not in NOUNS:
            continue
        last = max(mod.conjuncts, key=lambda c: c.i, default=None)
        if last is None or last.pos_ == "PROPN" or last.right_edge.i != name.i - 1:
            continue
        if last.left_edge.dep_ != "det" or last.left_edge.i == last.i:
            continue
        if name.doc[last.left_edge.i - 1].dep_ != "cc":
            continue
        anchor = last.head
        mod.head = name.head
        mod.dep_ = name.dep_
        name.head = anchor
        name.dep_ = "conj"
        last.head = name
        last.dep_ = "amod"
        return


def _subject_read_as_compound(verb: Token) -> None:
    """A finite verb read with its subject as a compound modifier ("X vote on the motion",
    the verb taken for a noun): the name right before it is its subject."""
    if verb.tag_ not in FINITE or verb.pos_ not in ("VERB", "AUX"):
        return
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return
    for child in verb.lefts:
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i == verb.i - 1:
            child.dep_ = "nsubj"
            return


def _of_phrase_on_first_conjunct(noun: Token) -> None:
    """An "of" phrase after the last conjunct ("X's knights and archers of Y") belongs to
    that conjunct, not to a first one that already has its owner ("X's")."""
    if noun.pos_ not in NOUNS or not any(c.dep_ == "poss" for c in noun.children):
        return
    conjuncts = [c for c in noun.children if c.dep_ == "conj" and c.pos_ in NOUNS]
    if not conjuncts:
        return
    last = conjuncts[-1]
    for prep in list(noun.rights):
        if prep.dep_ == "prep" and prep.text.lower() == "of" and prep.i == last.right_edge.i + 1:
            prep.head = last
            return
