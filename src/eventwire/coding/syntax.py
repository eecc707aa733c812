"""Small helpers over spaCy tokens shared by the trigger matcher and the pattern conditions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: where a misparsed first name shows up as the head of its own name
SUBJECT_OR_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"})


def is_infinitive(token: Token) -> bool:
    """Whether a verb is a "to" infinitive ("gathered to protest", "urged X to halt")."""
    return any(c.dep_ == "aux" and c.text.lower() == "to" for c in token.children)


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """The tokens and their conjuncts ("Russia and Syria"), each once, in order; also the
    conjuncts the small parser hangs elsewhere in a list of names (see ``name_conjuncts``)."""
    out: list[Token] = []
    seen: set[int] = set()
    for t in tokens:
        for c in (t, *t.conjuncts, *name_conjuncts(t)):
            if c.i not in seen:
                seen.add(c.i)
                out.append(c)
    return out


def name_conjuncts(token: Token) -> list[Token]:
    """Names coordinated with a proper name that the parse attaches below it rather than to
    it: "The US, Russia, and Switzerland" read as an apposition with a conjunct, and
    "Barack Obama and Vladimir Putin" with the conjunct hanging from the surname."""
    if token.pos_ != "PROPN" and not (token.text.istitle() and token.dep_ in SUBJECT_OR_OBJECT):
        return []  # (a first name is now and then tagged as anything: "Barack" as ADP)
    out: list[Token] = []
    for child in token.children:
        # "A, B, and C": an apposition that has conjuncts of its own is a list, not a title
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            rest = [c for c in child.conjuncts if c.pos_ == "PROPN"]
            if rest:
                out += [child, *rest]
    doc = token.doc
    # the rest of the name, word by word, when the parser split it ("Barack" <- "Obama")
    i = token.i + 1
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].head.i in (token.i, i - 1):
        out += [c for c in doc[i].conjuncts if c.pos_ == "PROPN" and c.i > i]
        i += 1
    return out


#: verbs whose clause can tell only who died or was hurt
TOLL_VERBS = frozenset({"kill", "wound", "injure", "hurt", "slay", "die", "perish"})


def is_toll_clause(token: Token) -> bool:
    """Whether a casualty verb's clause only tells who died or was hurt, naming no one who
    did it: "nine people were killed", "no one was hurt", "27 people died", "one man was shot
    dead", "with 52 people wounded" (but not "were killed by gunmen" or "rebels killed 12")."""
    lemma = token.lemma_.lower()
    children = {c.dep_: c for c in token.children}
    if lemma in ("shoot", "gun") and any(c.lower_ in ("dead", "down") for c in token.children):
        lemma = "kill"  # "was shot dead", "were gunned down"
    if lemma not in TOLL_VERBS or token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    if "agent" in children or "dobj" in children:
        return False
    if lemma in ("die", "perish"):
        return "nsubj" in children
    if "nsubjpass" in children or "auxpass" in children:
        return True
    if token.tag_ == "VBN" and "nsubj" in children:
        return True  # "with 52 people wounded"
    subject = children.get("nsubj")
    counted = subject is not None and any(
        c.dep_ == "nummod" and c.pos_ == "NUM" for c in subject.children
    )
    if counted:
        return True  # "leaving one dead and two others wounded", read as a clause
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "NUM"):
        return True  # "45 others injured"
    return token.pos_ == "ADJ" and "nsubj" in children
