"""Finding trigger tokens in a parsed sentence and choosing their reading in context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..dictionaries.conditions import sentence_has, sentence_words
from .lexicon import ANY, GPE, Lexicon, Pattern, Reading, Trigger
from .syntax import with_conjuncts

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "obj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
AUXILIARIES = frozenset({"be", "have", "do", "get", "go", "will", "can", "may", "must"})
#: measures, containers and quantities, whose "of" phrase says what a pattern's object is
#: ("tons of food", "some of the peacekeepers")
MEASURES = frozenset(
    """ton tonne kilogram kilo pound litre liter gallon barrel bag sack box crate carton
    truckload shipload planeload shipment consignment load batch cargo package parcel dose
    quantity amount stock stockpile some many most several dozen hundred thousand million number
    group part half""".split()
)
#: "a mediation effort", "the peace process": the modifier names the event
EFFORT_NOUNS = frozenset(
    {
        "effort",
        "bid",
        "process",
        "mission",
        "initiative",
        "campaign",
        "attempt",
        "drive",
        "move",
        "operation",
        "plan",
        "round",
        "team",
        "force",
    }
)


@dataclass(slots=True)
class TriggerMatch:
    token: Token
    trigger: Trigger
    reading: Reading


def objects_of(token: Token) -> list[Token]:
    """Direct objects (or passive subjects) of a verb; the "of"-object of a noun."""
    if token.pos_ == "NOUN":
        found = [
            pobj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    else:
        # "X was killed": the passive subject is the object of the reading
        found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        if not found and token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
            found = [token.head]  # "soldiers killed in the attack"
    return with_conjuncts(found)


def prep_objects(token: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    found = [
        pobj
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return with_conjuncts(found)


def _matches(words: frozenset[str], tokens: list[Token]) -> bool:
    if ANY in words and tokens:
        return True
    for t in tokens:
        if t.lemma_.lower() in words or t.lower_ in words:
            return True
        if GPE in words and t.ent_type_ in PLACE_ENTS:
            return True
    return False


class _Objects:
    """A trigger's objects and the words that say what they are of, found once for all its
    patterns: their compound modifiers ("aid deliveries") and, after a measure, a container or
    a quantity, their "of" phrase ("tons of food", "a shipment of weapons", "some of the
    peacekeepers")."""

    __slots__ = ("token", "_heads", "_modifiers")

    def __init__(self, token: Token) -> None:
        self.token = token
        self._heads: list[Token] | None = None
        self._modifiers: list[Token] | None = None

    def heads(self) -> list[Token]:
        if self._heads is None:
            self._heads = objects_of(self.token)
        return self._heads

    def modifiers(self) -> list[Token]:
        if self._modifiers is None:
            heads = self.heads()
            self._modifiers = [c for o in heads for c in o.children if c.dep_ == "compound"]
            self._modifiers += [
                g for o in heads if o.lemma_.lower() in MEASURES for g in prep_objects(o, ("of",))
            ]
        return self._modifiers


def _pattern_holds(pattern: Pattern, token: Token, objects: _Objects | None = None) -> bool:
    if pattern.needs and not sentence_has(pattern.needs, token):  # cheap test first
        return False
    for key, words in pattern.conditions.items():
        if key == "object":
            objects = objects or _Objects(token)
            # "suspended aid deliveries", "delivered tons of food": the modifier says what of
            ok = _matches(words, objects.heads()) or _matches(words, objects.modifiers())
        elif key == "prep":
            ok = any(
                c.dep_ == "prep" and c.lower_ in words and any(g.dep_ == "pobj" for g in c.children)
                for c in token.children
            )
        elif key == "particle":
            ok = any(
                c.dep_ in ("prt", "prep") and c.lower_ in words for c in token.children
            ) or any(
                g.dep_ == "mark" and g.lower_ in words for c in token.children for g in c.children
            )
        elif key == "subject":
            ok = _matches(words, [c for c in token.children if c.dep_ in SUBJECT_DEPS])
        elif key == "compound":
            ok = _matches(words, [c for c in token.children if c.dep_ == "compound"])
        elif key == "amod":
            ok = _matches(words, [c for c in token.children if c.dep_ == "amod"])
        elif key == "child":
            ok = _matches(words, list(token.children))
        else:  # "subtree"
            ok = _matches(words, [t for t in token.subtree if t.i != token.i]) or _matches(
                words, _trailing_phrases(token)
            )
        if not ok:
            return False
    return all(c.holds(token) for c in pattern.extra)


def _trailing_phrases(token: Token) -> list[Token]:
    """The phrases after an object noun that the parser hangs on its verb ("announced the
    deployment of troops to Liberia on a peacekeeping mission")."""
    if token.dep_ != "dobj" or token.pos_ != "NOUN":
        return []
    return [t for c in token.head.children if c.i > token.i and c.dep_ == "prep" for t in c.subtree]


def reading_for(trigger: Trigger, token: Token) -> Reading:
    """The first pattern that holds, else the trigger's default reading."""
    objects = _Objects(token)
    for pattern in trigger.candidates(sentence_words(token)):
        if _pattern_holds(pattern, token, objects):
            return pattern.reading
    return trigger.reading


def _pos(token: Token) -> str | None:
    if token.pos_ == "ADJ" or token.dep_ in ("acomp",):
        # "was pessimistic", "is committed to": predicate adjectives only
        return "ADJ" if token.dep_ in ("acomp", "ROOT", "oprd", "conj") else None
    if token.dep_ == "amod":  # "the detained activists", "wounded soldiers"
        return None
    if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
        return "VERB"
    if token.pos_ == "AUX" and token.tag_ == "VBG" and token.lemma_ not in AUXILIARIES:
        return "VERB"  # the small model tags "shelling" as an auxiliary now and then
    if token.pos_ == "NOUN" and (token.dep_ != "compound" or token.head.lemma_ in EFFORT_NOUNS):
        return "NOUN"
    return None


def _lemma_candidates(token: Token) -> list[str]:
    """spaCy's lemma, then the word itself and its plain de-inflections: the small model's
    lemmatizer sometimes errs ("staged" -> "stag")."""
    word = token.lower_
    out = [token.lemma_.lower(), word]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "kidnapped" -> "kidnap"
    return out


def not_a_form(token: Token) -> bool:
    """A verb written with an "-es" its lemma never takes ("retreates"; but "fixes",
    "pushes", "goes"): not a form of that verb, so no trigger (the lemmatizer strips the
    suffix all the same)."""
    word, lemma = token.text.lower(), token.lemma_.lower()
    if word != lemma + "es" or not lemma.isalpha():
        return False
    return not lemma.endswith(("s", "x", "z", "ch", "sh", "o"))


def _hyphened_adjective(token: Token) -> bool:
    """The second half of an adjective written with a hyphen ("interest-free", "tax-free"):
    no trigger of its own."""
    if token.pos_ != "ADJ" or token.i < 2:
        return False
    dash, before = token.doc[token.i - 1], token.doc[token.i - 2]
    return dash.text == "-" and not dash.whitespace_ and not before.whitespace_


def find_triggers(doc: Doc, lexicon: Lexicon) -> Iterator[TriggerMatch]:
    """Every token of ``doc`` that the lexicon knows, with its reading in context."""
    for token in doc:
        pos = _pos(token)
        if pos is None or (pos == "VERB" and not_a_form(token)) or _hyphened_adjective(token):
            continue
        trigger = next(
            (t for w in _lemma_candidates(token) if (t := lexicon.lookup(w, pos)) is not None), None
        )
        if trigger is None and pos == "ADJ":  # "committed" tagged as an adjective
            trigger = lexicon.lookup(token.lower_, "VERB")
        if trigger is None:
            continue
        reading = reading_for(trigger, token)
        if reading.code is None and reading.kind is None:
            continue
        yield TriggerMatch(token, trigger, reading)
