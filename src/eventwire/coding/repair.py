"""Repairs of misparses the small English model makes often enough to cost events.

Each repair is a general rule over the tree (never a word list of names): it rewires heads
and labels of a parsed sentence in place, before triggers and roles are read from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .syntax import is_infinitive

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOUNS = frozenset({"NOUN", "PROPN"})
#: words a noun phrase's modifiers hang on ("Peter the Great")
NOUN_HEADS = NOUNS | {"ADJ", "PRON"}
FINITE = frozenset({"VBP", "VBZ", "VBD"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: prefixes of verbs written with a hyphen ("re-arrested", "co-sponsored", "counter-attacked")
VERB_PREFIXES = frozenset("re co pre counter de un mis out over under cross".split())
#: dependents that make an "-ing" word a clause: a subject, an object, a clause of its own
CLAUSE_ARGUMENTS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "dobj", "dative", "ccomp", "xcomp", "attr", "oprd", "acomp"}
)
#: nouns of places, after which an "-ing" word is a clause of its own
PLACE_NOUNS = frozenset(
    """square street road avenue hospital house home camp city town village capital area
    region district province prison jail office building mosque church school market court
    border crossing checkpoint station airport port compound parliament embassy""".split()
)
#: verbs of handing over, whose recipient is a "to" phrase after their object
HANDING_VERBS = frozenset(
    """return hand send deliver give transfer extradite deport repatriate donate ship sell
    supply provide lend release turn""".split()
)
#: verbs that take an object and an infinitive of what it is to do ("wants X to leave")
ASKING_VERBS = frozenset("want wish need ask urge request press pressure push encourage".split())
#: roles a name takes in a clause, which a weekday after it is read as holding
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj"})


def repair_parse(doc: Doc) -> Doc:
    """Apply every repair to ``doc`` (in place) and return it."""
    tokens = list(doc)  # token views stay valid while heads are rewired
    for repair in (
        _hanging_prefix,
        _verb_prefix_read_as_verb,
        _noun_in_ing_read_as_clause,
        _conjunct_read_as_modifier,
        _subject_read_as_compound,
        _of_phrase_on_first_conjunct,
        _weekday_read_as_head_of_name,
        _main_verb_read_as_modifier,
        _recipient_read_inside_object,
        _object_read_as_subject_of_infinitive,
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


def _verb_prefix_read_as_verb(prefix: Token) -> None:
    """A verb written with a prefix ("re-arrested", "co-sponsored"): the tokenizer splits
    "re", "-" and the verb, and the parser makes the prefix the verb of the clause, with the
    subject, and the verb its modifier ("Police re-arrested X": "Police" the subject of
    "re"). The verb takes the prefix's place and its dependents; the prefix modifies it."""
    doc = prefix.doc
    if prefix.i + 2 >= len(doc) or prefix.whitespace_ or prefix.text not in VERB_PREFIXES:
        return
    dash, verb = doc[prefix.i + 1], doc[prefix.i + 2]
    if dash.text != "-" or dash.whitespace_ or not verb.tag_.startswith("VB"):
        return
    if verb.pos_ not in ("VERB", "AUX"):
        return
    if verb.head.i != prefix.i and prefix.head.i not in (prefix.i, verb.i):
        return  # the prefix modifies something else: leave it
    if prefix.head.i == prefix.i or verb.head.i == verb.i:
        verb.head, verb.dep_ = verb, "ROOT"
    elif prefix.head.i != verb.i:
        verb.head, verb.dep_ = prefix.head, prefix.dep_
    for child in list(prefix.children):
        if child.i != verb.i:
            child.head = verb
    prefix.head, prefix.dep_ = verb, "advmod"
    dash.dep_ = "punct"


def _noun_in_ing_read_as_clause(verb: Token) -> None:
    """A noun in "-ing" after a noun modifying it ("killed in Israeli artillery shelling",
    "wounded in mortar shelling by rebels"): the parser ends the preposition's object at
    the modifier and reads the "-ing" word as a clause of the verb, with no subject or
    object of its own. The "-ing" word becomes the object, the modifier its compound. After
    a place ("in the square protesting") the "-ing" word stays a clause."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl") or verb.i == 0:
        return
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or noun.head.head.i != verb.head.i:
        return
    if noun.ent_type_ in ("GPE", "LOC", "FAC") or noun.text.lower() in PLACE_NOUNS:
        return  # "arrested in the square protesting": where, then what they did
    if any(c.dep_ in CLAUSE_ARGUMENTS for c in verb.children):
        return
    verb.head, verb.dep_ = noun.head, "pobj"
    verb.pos_, verb.tag_ = "NOUN", "NN"
    noun.head, noun.dep_ = verb, "compound"
    for child in list(noun.children):
        if child.dep_ == "det":  # "a suicide car bombing": the determiner is the phrase's
            child.head = verb


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
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
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


def _weekday_read_as_head_of_name(day: Token) -> None:
    """A weekday right after a name ("met with President X Tuesday", "X Tuesday said"): the
    parser makes the day the head of the name's phrase, the name its compound, and the day
    takes the name's role or modifies the verb. The name takes that role (or, the day
    modifying the verb, the verb's missing subject before it or object after it, or the
    object a preposition right before the phrase lacks); the day modifies the verb."""
    if day.i == 0 or day.text.lower() not in WEEKDAYS:
        return
    doc = day.doc
    name = doc[day.i - 1]
    if name.head.i != day.i or name.dep_ != "compound" or name.pos_ != "PROPN":
        return
    if day.dep_ in ARGUMENT_DEPS:
        head, role = day.head, day.dep_
    elif day.dep_ == "npadvmod" and day.head.pos_ in ("VERB", "AUX"):
        head, role = _role_of_name(day)
        if head is None:
            return
    else:
        return
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    name.head = head
    name.dep_ = role
    for child in list(day.children):
        if child.i != name.i:
            child.head = name
    day.head = verb if verb.pos_ in ("VERB", "AUX") else name
    day.dep_ = "npadvmod"


def _role_of_name(day: Token) -> tuple[Token | None, str]:
    """The role a name read as a compound of a weekday modifying a verb lacks: the object of
    a preposition right before it, else the verb's subject (before it) or object (after)."""
    doc, verb = day.doc, day.head
    start = day.left_edge.i
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.dep_ == "prep"
        and not any(c.dep_ == "pobj" for c in before.children)
    ):
        return before, "pobj"
    if day.i < verb.i:
        taken, role = SUBJECT_DEPS, "nsubj"
    else:
        taken, role = ("dobj", "nsubjpass"), "dobj"
    if any(c.dep_ in taken for c in verb.children):
        return None, role
    return verb, role


def _main_verb_read_as_modifier(verb: Token) -> None:
    """A sentence's only verb read as a participle modifying its subject ("The air force
    carried out strikes": "force" the root, "carried" its modifier): a sentence whose root
    is a noun and whose modifying past form has an object of its own is a clause; the verb
    becomes the root and the noun its subject."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or noun.dep_ != "ROOT":
        return
    if noun.pos_ not in NOUNS or verb.i < noun.i:
        return
    if not any(c.dep_ == "dobj" for c in verb.children):
        return
    doc = noun.doc
    if any(t.pos_ in ("VERB", "AUX") and t.i != verb.i and t.head.i == noun.i for t in doc):
        return
    for t in doc:
        if t.head.i == noun.i and t.i > verb.i and t.dep_ == "punct":
            t.head = verb  # the full stop ends the clause
    verb.head = verb
    verb.dep_ = "ROOT"
    noun.head = verb
    noun.dep_ = "nsubj"


def _recipient_read_inside_object(verb: Token) -> None:
    """The recipient of a verb of handing over ("returned a sculpture of the emperor to the
    ambassador", "returned a pendant with the image of Peter the Great to the Russian
    authorities"): the parser hangs the "to" phrase after the object on a noun inside it.
    The first such phrase on a noun (not on a verb inside the object: "skulls that date back
    to ...") is the verb's, unless the verb has one already."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in HANDING_VERBS:
        return
    if any(c.text.lower() == "to" and c.dep_ in ("prep", "dative") for c in verb.children):
        return
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    for prep in obj.subtree:
        if prep.i <= obj.i or prep.text.lower() != "to" or prep.dep_ != "prep":
            continue
        if prep.head.pos_ not in NOUN_HEADS:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects and objects[0].pos_ in NOUNS and not objects[0].like_num:
            prep.head = verb
        return


def _object_read_as_subject_of_infinitive(verb: Token) -> None:
    """The one asked or wanted to act ("Obama wants Putin to attack X", "wished Egypt to
    reopen"): the parser makes it the subject of the infinitive, a clause of its own. It is
    the verb's object, the infinitive its complement, as after "urged" and "asked"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ASKING_VERBS:
        return
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        if not is_infinitive(clause):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i]
        if subjects:
            subjects[0].head, subjects[0].dep_ = verb, "dobj"
            clause.dep_ = "xcomp"
        return
