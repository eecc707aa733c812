"""Who did it and to whom: source and target heads of a trigger from the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from .syntax import is_infinitive, with_conjuncts
from .triggers import objects_of, prep_objects

TIME_ENTS = frozenset({"DATE", "TIME"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
PRONOUN_SKIP = frozenset({"there", "it", "this", "that", "what", "which", "who"})
#: prepositions of an object that name the verb's target: whom the thing is given to or
#: shared with ("pledged support to X", "cut ties with X"); "on", "at" give its topic
PARTNER_PREPS = frozenset({"with", "to", "for", "between"})
#: For noun triggers, "X of Y" names the actor for these roots and the target otherwise.
OF_IS_SOURCE_ROOTS = frozenset({"04", "08", "15"})


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.dep_ in ("acl", "relcl") and token.tag_ == "VBN"
    )


def _subjects(token: Token) -> list[Token]:
    return with_conjuncts([c for c in token.children if c.dep_ in ("nsubj", "csubj")])


def verb_subjects(token: Token) -> list[Token]:
    """The agent of a verb: its subject, its passive "by" agent, or an inherited subject."""
    if _is_passive(token):
        agents = prep_objects(token, ("by",))
        if agents:
            return agents
        if token.dep_ in ("acl", "relcl"):
            return []
    subjects = _subjects(token)
    if subjects:
        out = []
        for s in subjects:
            if s.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                out.append(token.head)  # "forces, which killed ..." -> forces
            else:
                out.append(s)
        return out
    # inherit along xcomp / conj / participial adjuncts: "X vowed to attack", "X attacked, killing"
    head = token.head
    if head.i != token.i and token.dep_ in ("xcomp", "conj", "advcl", "pcomp"):
        # "X attacked, killing", "X gathered to protest": a participle or a purpose
        if token.dep_ == "advcl" and token.tag_ != "VBG" and not is_infinitive(token):
            return []
        if head.pos_ in ("VERB", "AUX"):
            if token.dep_ == "xcomp" and _is_passive(head):
                # "Obama is scheduled to attend", "Iran was urged (by X) to halt": the one
                # the passive is about does the embedded act, not its "by" agent
                passive = [c for c in head.children if c.dep_ == "nsubjpass"]
                if passive:
                    return with_conjuncts(passive)
            return verb_subjects(head)
    return []


def noun_subjects(token: Token, root: str | None) -> list[Token]:
    """The agent of an event noun: "Turkey's attack", "attack by X", "Turkish air strikes"."""
    found = [c for c in token.children if c.dep_ == "poss"]
    found += prep_objects(token, ("by", "from"))
    if root in OF_IS_SOURCE_ROOTS:
        found += prep_objects(token, ("of",))
    if not found:
        found = _named_modifiers(token)
    if not found:  # "Russian drone strikes": the name modifies the weapon
        found = [m for c in token.children if c.dep_ == "compound" for m in _named_modifiers(c)]
    return with_conjuncts(found)


def _named_modifiers(token: Token) -> list[Token]:
    return [
        c
        for c in token.children
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")
    ]


def light_verb_of(token: Token) -> Token | None:
    """The support verb whose object is this event noun ("launched an attack")."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB",):
        return head
    return None


def targets_of(
    token: Token, *, is_noun: bool, root: str | None, preps: tuple[str, ...]
) -> list[Token]:
    """Objects and prepositional targets ("against", "on", "with"...) of a trigger."""
    found: list[Token] = []
    if is_noun:
        if root not in OF_IS_SOURCE_ROOTS:
            found += prep_objects(token, ("of",))
    else:
        found += objects_of(token)
        found += [
            g
            for c in token.children
            if c.dep_ == "dative"
            for g in ([c] if c.pos_ != "ADP" else [x for x in c.children if x.dep_ == "pobj"])
        ]
    found += prep_objects(token, preps)
    if not is_noun:  # "cut ties with Iran", "pledged support to the Palestinian Authority"
        partners = tuple(p for p in preps if p in PARTNER_PREPS)  # not "policy on X"
        found += [g for obj in objects_of(token) for g in prep_objects(obj, partners)]
    return [
        t
        for t in with_conjuncts(found)
        if (t.lower_ not in PRONOUN_SKIP or t.pos_ != "PRON") and t.ent_type_ not in TIME_ENTS
    ]
