"""Trigger conditions and roles that dictionaries in the PETRARCH style need, on a spaCy parse.

Pattern keys (see docs/dictionaries.md), each a list of alternatives:

- ``before``: words, in order, in the trigger's left context: its own left dependents (subject,
  auxiliaries, negation, adverbs), the words it hangs from ("said", "indicated") and their
  auxiliaries and subjects;
- ``after``: words, in order, in the trigger's subtree after it, conjoined clauses left out;
- ``np``: words of the object's noun phrase, the last one its head ("diplomatic ties");
- ``prep``: "PREP WORDS": a preposition hanging from the trigger whose object phrase holds the
  words, the last one its head ("to border");
- ``form``: the trigger's own word form ("said", not "says").

Words are separated by " " (others may come between) or "_" (adjacent); a leading "_" in
``after`` / a trailing "_" in ``before`` puts the word right next to the trigger; "@name" is a
word class. A word matches a token's form or lemma.

Roles (``source`` / ``target``: "subject" (or "subject-WORD": that of the verb WORD before
the trigger), "object", "after[-WORD[-N]]" or a preposition; ``reciprocal``: the
members of a compound subject act on each other) say where a pattern's actors are; readings
marked ``style: petrarch`` otherwise find the target as PETRARCH does: the object, then the
object of a preposition, then the first actor later in the verb's phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from ..coding.syntax import with_conjuncts
from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Token

SEQUENCE_KEYS = ("before", "after", "np")
ROLE_KEYS = ("source", "target", "reciprocal", "mirror", "negated", "origin", "style")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "nsubjpass", "dative"})
#: Left dependents of the verbs a trigger hangs from that belong to its context.
CONTEXT_DEPS = frozenset(
    {"aux", "auxpass", "neg", "advmod", "nsubj", "nsubjpass", "mark", "npadvmod"}
)
CLAUSE_BREAKS = frozenset({"conj", "cc", "parataxis"})
TIME_ENTS = frozenset({"DATE", "TIME"})
_ROLE = re.compile(r"^[a-z]+(?:-[a-z]+(?:-[1-9])?)?$")
ACTOR_POS = frozenset({"NOUN", "PROPN"})
#: Words nearly every sentence holds: a poor first test of whether a pattern can match.
COMMON_WORDS = frozenset(
    "a an the of in on at to for from with by as into onto over under about against between "
    "out up down off after before during than that this these those it its he his she her "
    "they their them we our you i be is are was were been being have has had do does did "
    "not no and or but will would can could may might must should".split()
)


# --------------------------------------------------------------------------- word sequences
@dataclass(frozen=True, slots=True)
class WordSequence:
    """Slots in order; a slot holds alternatives, each a run of adjacent words. ``tight[i]``:
    slot i starts right after the previous slot (for the first: right after the trigger);
    ``anchored``: the last slot ends right before the trigger. ``needs``: words one of which
    a sentence must hold for the sequence to match (a cheap first test)."""

    text: str
    slots: tuple[tuple[tuple[str, ...], ...], ...]
    tight: tuple[bool, ...]
    anchored: bool = False
    needs: frozenset[str] = frozenset()

    def match(self, region: Region, *, after: int | None = None,
              before: int | None = None, last: int | None = None) -> bool:  # fmt: skip
        """Whether the slots occur in ``region`` (tokens in doc order). ``after``: index of
        the token a tight first slot must follow; ``before``: of the token an anchored
        sequence must precede; ``last``: index the final slot must end on."""
        if self.needs and self.needs.isdisjoint(region.index):
            return False
        return _match(self, region, 0, 0, after, before, last)


class Region:
    """Tokens in doc order with the words each stands for (form, lemma, norm), indexed."""

    __slots__ = ("doc_i", "index", "words")

    def __init__(
        self, tokens: Iterable[Token], known: Sequence[frozenset[str]] | None = None
    ) -> None:
        """``known``: the words of every token of the doc by index, when computed already."""
        self.doc_i: list[int] = []
        self.words: list[frozenset[str]] = []
        self.index: dict[str, list[int]] = {}
        for k, t in enumerate(tokens):
            words = known[t.i] if known is not None else _token_words(t)
            self.doc_i.append(t.i)
            self.words.append(words)
            for w in words:
                self.index.setdefault(w, []).append(k)


def _token_words(token: Token) -> frozenset[str]:
    """The words a token stands for: its form, lemma and norm."""
    return frozenset((token.lower_, token.lemma_.lower(), token.norm_))


def _run_at(run: tuple[str, ...], region: Region, k: int) -> bool:
    if k + len(run) > len(region.doc_i):
        return False
    for n, word in enumerate(run):
        if n and region.doc_i[k + n] != region.doc_i[k + n - 1] + 1:
            return False
        if word not in region.words[k + n]:
            return False
    return True


def _match(seq: WordSequence, region: Region, slot: int, start: int,
           prev: int | None, before: int | None, last: int | None) -> bool:  # fmt: skip
    if slot == len(seq.slots):
        return True
    final = slot == len(seq.slots) - 1
    tight = seq.tight[slot] and prev is not None
    places: set[int] = set()
    for run in seq.slots[slot]:
        places.update(k for k in region.index.get(run[0], ()) if k >= start)
    for k in sorted(places):
        if tight and region.doc_i[k] != prev + 1:  # type: ignore[operator]
            continue
        for run in seq.slots[slot]:
            if run[0] not in region.words[k] or not _run_at(run, region, k):
                continue
            end = region.doc_i[k + len(run) - 1]
            if final and seq.anchored and before is not None and end != before - 1:
                continue
            if final and last is not None and end != last:
                continue
            if _match(seq, region, slot + 1, k + len(run), end, before, last):
                return True
    return False


def parse_sequence(text: str, classes: Mapping[str, Sequence[str]], where: str) -> WordSequence:
    """ "improved @tietypes relations", "_off", "recently_" -> a WordSequence."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"[E027] {where}: a word sequence must be a non-empty string")
    raw = text.strip()
    anchored = raw.endswith("_")
    lead = raw.startswith("_")
    slots: list[tuple[tuple[str, ...], ...]] = []
    tight: list[bool] = []
    for c, chunk in enumerate(raw.strip("_").split()):
        for n, word in enumerate(chunk.split("_")):
            if not word:
                continue
            slots.append(_alternatives(word, classes, where))
            tight.append(n > 0 or (c == 0 and lead))
    if not slots:
        raise ConfigError(f"[E027] {where}: no words in sequence {text!r}")
    rarest = min((frozenset(run[0] for run in slot) for slot in slots), key=word_cost)
    return WordSequence(raw, tuple(slots), tuple(tight), anchored, rarest)


def word_cost(words: frozenset[str]) -> int:
    """How often a sentence holds one of ``words``, roughly: a common word counts as many."""
    return sum(100 if w in COMMON_WORDS else 1 for w in words)


_CLASS_CACHE: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}


def _alternatives(
    word: str, classes: Mapping[str, Sequence[str]], where: str
) -> tuple[tuple[str, ...], ...]:
    if not word.startswith("@"):
        return ((word.lower(),),)
    if word[1:] not in classes:
        raise ConfigError(f"[E020] {where}: unknown word class {word}; define it under classes:")
    members = tuple(str(p) for p in classes[word[1:]])
    cached = _CLASS_CACHE.get(members)  # one tuple per class, shared by the sequences naming it
    if cached is None:
        cached = tuple(tuple(p.lower().split()) for p in members if p.split())
        _CLASS_CACHE[members] = cached
    return cached


# --------------------------------------------------------------------------- conditions
@dataclass(frozen=True, slots=True)
class Condition:
    """One extra pattern condition: ``key`` and its alternatives (any may hold)."""

    key: str
    sequences: tuple[WordSequence, ...] = ()
    words: frozenset[str] = frozenset()  # "form", and one-word "prep"
    #: words one of which the sentence must hold for the condition to hold (empty: no such
    #: test); worked out from the sequences
    needs: frozenset[str] = field(default=frozenset(), init=False, compare=False)

    def __post_init__(self) -> None:
        if self.sequences and not self.words and all(s.needs for s in self.sequences):
            needs = frozenset().union(*(s.needs for s in self.sequences))
            object.__setattr__(self, "needs", needs)

    def holds(self, token: Token) -> bool:
        if self.key == "form":
            return token.lower_ in self.words
        if self.needs and self.needs.isdisjoint(_region(token, "doc").index):
            return False  # none of the words in the sentence: no match
        if self.key == "before":
            region = _region(token, "left")
            return any(s.match(region, before=token.i) for s in self.sequences)
        if self.key == "after":  # one word: in the verb's own phrases; more: anywhere after
            return any(
                s.match(_region(token, "close" if len(s.slots) == 1 else "right"), after=token.i)
                for s in self.sequences
            )
        if self.key == "np":
            return any(
                s.match(_region(obj, "phrase"), last=obj.i)
                for obj in objects(token)
                for s in self.sequences
            )
        if self.key == "prep":
            return _prep_holds(self, token)
        if self.key == "reciprocal":
            return len(subjects(token)) > 1
        raise AssertionError(self.key)


def _particle_objects(token: Token) -> dict[int, list[Token]]:
    """Prepositions read as particles of the trigger ("disrupted in an X rally": "in" as a
    particle, the rally as the verb's object): the object right after the particle is the
    preposition's, since a PETRARCH pattern ("* IN $") is a sequence of words."""
    out: dict[int, list[Token]] = {}
    for prt in token.children:
        if prt.dep_ != "prt" or prt.i <= token.i:
            continue
        obj = [c for c in token.children if c.dep_ == "dobj" and c.left_edge.i == prt.i + 1]
        if obj:
            out[prt.i] = obj
    return out


def _prep_holds(cond: Condition, token: Token) -> bool:
    particles = _particle_objects(token)
    for prep in token.children:
        if prep.i in particles:
            pobjs = with_conjuncts(particles[prep.i])
        elif prep.dep_ not in ("prep", "agent", "dative"):
            continue
        else:
            pobjs = with_conjuncts([c for c in prep.children if c.dep_ == "pobj"])
        if prep.lower_ in cond.words and pobjs:
            return True
        for seq in cond.sequences:
            words = {prep.lower_, prep.lemma_.lower()}
            if not any(run[0] in words for run in seq.slots[0]):
                continue
            rest = WordSequence(seq.text, seq.slots[1:], seq.tight[1:])
            if not rest.slots and pobjs:
                return True
            if any(rest.match(_region(p, "phrase"), last=p.i) for p in pobjs):
                return True
    return False


class _RegionCache:
    """Regions around the tokens of one parsed sentence, each computed once: a trigger's
    patterns (dozens, from a PETRARCH verb block) all look at the same few regions."""

    def __init__(self) -> None:
        self.doc: object = None
        self.regions: dict[tuple[int, str], Region] = {}
        self.lists: dict[tuple[int, str], list[Token]] = {}
        self.present: frozenset[str] = frozenset()
        self.last: object = None  # the token ``present`` was last asked for

    def _check(self, token: Token) -> None:
        doc = token.doc
        if doc is not self.doc:
            self.doc, self.regions, self.lists, self.present = doc, {}, {}, frozenset()
            self.last = None

    def words(self, token: Token) -> frozenset[str]:
        if token is not self.last:
            self._check(token)
            if not self.present:
                self.present = frozenset(self.get(token, "doc").index)
            self.last = token
        return self.present

    def tokens(self, token: Token, kind: str) -> list[Token]:
        self._check(token)
        key = (-1 if kind == "doc" else token.i, kind)
        found = self.lists.get(key)
        if found is None:
            found = self.lists[key] = list(_CONTEXTS[kind](token))
        return found

    def get(self, token: Token, kind: str) -> Region:
        self._check(token)
        key = (-1 if kind == "doc" else token.i, kind)
        region = self.regions.get(key)
        if region is None:
            # spaCy's attributes are slow: the words of each token are read once, for the
            # region of the whole sentence, and taken from there
            known = None if kind == "doc" else self.get(token, "doc").words
            region = self.regions[key] = Region(self.tokens(token, kind), known)
        return region


_REGIONS = _RegionCache()
_CONTEXTS: dict[str, Callable[[Token], Iterable[Token]]] = {}  # filled below the functions


def sentence_has(words: frozenset[str], token: Token) -> bool:
    """Whether the token's sentence holds one of ``words`` (form, lemma or norm)."""
    return not words.isdisjoint(_REGIONS.words(token))


def sentence_words(token: Token) -> frozenset[str]:
    """Every form, lemma and norm of the token's sentence."""
    return _REGIONS.words(token)


def pattern_needs(conditions: Iterable[Condition]) -> frozenset[str]:
    """The most selective word test of a pattern's conditions (see Condition.needs)."""
    tests = [c.needs for c in conditions if c.needs]
    return min(tests, key=word_cost) if tests else frozenset()


def _region(token: Token, kind: str) -> Region:
    return _REGIONS.get(token, kind)


def parse_conditions(pattern: Mapping[str, object], classes: Mapping[str, Sequence[str]],
                     where: str) -> tuple[Condition, ...]:  # fmt: skip
    """The extra conditions of a pattern mapping (``prep`` only when it names words)."""
    out = []
    for key in SEQUENCE_KEYS:
        if key in pattern:
            values = _listed(pattern[key])
            out.append(Condition(key, tuple(parse_sequence(v, classes, where) for v in values)))
    if "form" in pattern:
        out.append(
            Condition("form", words=frozenset(str(v).lower() for v in _listed(pattern["form"])))
        )
    if "prep" in pattern and any(" " in str(v).strip() for v in _listed(pattern["prep"])):
        values = [str(v).strip() for v in _listed(pattern["prep"])]
        out.append(
            Condition(
                "prep",
                tuple(parse_sequence(v, classes, where) for v in values if " " in v),
                frozenset(v.lower() for v in values if " " not in v),
            )
        )
    if pattern.get("reciprocal"):
        out.append(Condition("reciprocal"))
    return tuple(out)


def phrased_prep(pattern: Mapping[str, object]) -> bool:
    """True when the pattern's ``prep`` names words (handled here, not by the lexicon)."""
    return "prep" in pattern and any(" " in str(v).strip() for v in _listed(pattern["prep"]))


def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


# --------------------------------------------------------------------------- roles
@dataclass(frozen=True, slots=True)
class Roles:
    """Where a reading finds its actors and what else it codes: ``source`` / ``target``
    ("subject", "object" or a preposition; None: the usual place), ``reciprocal`` (a compound
    subject acting on itself), ``mirror`` (the code of the event the other way round,
    PETRARCH's "[042:043]"), ``negation`` (the pattern names the negation: the event is not a
    negated one), ``petrarch`` (PETRARCH's rules: the target is the first actor after the
    verb, codes are taken as written), ``origin`` (file:line of the pattern)."""

    source: str | None = None
    target: str | None = None
    reciprocal: bool = False
    mirror: str | None = None
    negation: bool = False
    petrarch: bool = False
    origin: str | None = None


def parse_roles(spec: Mapping[str, object], base: Roles | None, where: str) -> Roles | None:
    """The roles of a trigger mapping (``base`` None) or of one of its patterns (``base``:
    the trigger's); None when nothing is said (built-in behaviour)."""
    style = spec.get("style")
    if style not in (None, "petrarch"):
        raise ConfigError(f"[E028] {where}: unknown style {style!r}; the only style is 'petrarch'")
    for key in ("source", "target"):
        value = spec.get(key)
        if value is not None and (not isinstance(value, str) or not _ROLE.match(value)):
            raise ConfigError(
                f"[E029] {where}: {key} is 'subject', 'subject-WORD', 'object', 'after', "
                "'after-PREP' / 'after-WORD' (with '-N': N phrases skipped) or a preposition"
            )
    said = any(k in spec for k in ROLE_KEYS if k != "origin")
    if base is None and not said:
        return None
    base = base or Roles()
    mirror = spec.get("mirror", None if "code" in spec else base.mirror)
    return Roles(
        source=spec.get("source", base.source),  # type: ignore[arg-type]
        target=spec.get("target", base.target),  # type: ignore[arg-type]
        reciprocal=bool(spec.get("reciprocal", False)),
        mirror=None if mirror is None else str(mirror),
        negation=spec.get("negated") is False,
        petrarch=style == "petrarch" or base.petrarch,
        origin=None if spec.get("origin") is None else str(spec["origin"]),
    )


def subjects(token: Token) -> list[Token]:
    return with_conjuncts([c for c in token.children if c.dep_ in SUBJECT_DEPS])


def passive_subjects(token: Token) -> list[Token]:
    """The subject of a passive verb with no "by" phrase, also when the parse hangs it from
    the auxiliary ("X was heavily criticized"); empty for other verbs."""
    if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in token.children):
        return []
    auxes = [c for c in token.children if c.dep_ == "auxpass"]
    if not auxes:
        return []
    found = [c for c in token.children if c.dep_ == "nsubjpass"]
    found += [c for a in auxes for c in a.children if c.dep_ in SUBJECT_DEPS]
    return with_conjuncts(found)


#: Links along which a verb takes the subject of what it hangs from ("X is about to restore",
#: "X vowed to wage war", "X noted that Y regretted": the noter, for a target-subject pattern).
_CLIMB = frozenset({"xcomp", "acomp", "pcomp", "conj", "advcl", "prep", "pobj", "ccomp"})


def governing_subjects(token: Token) -> list[Token]:
    """The subject of the nearest verb above ``token`` that has one."""
    t = token
    while t.dep_ in _CLIMB and t.head is not t:
        t = t.head
        found = [s for s in subjects(t) if s.lower_ not in ("which", "who", "that")]
        if found:
            return found
    return []


def objects(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if not found and token.dep_ == "acl" and token.tag_ == "VBN":
        found = [token.head]  # "soldiers killed in the attack": the noun it describes
    return with_conjuncts(found)


def phrase_tokens(head: Token) -> list[Token]:
    """A noun phrase up to its head: the head and everything before it in its subtree."""
    return [t for t in head.subtree if t.i <= head.i]


def left_context(token: Token) -> list[Token]:
    """Tokens before the trigger in its context (see the module docstring), in order."""
    found = {t.i: t for t in token.subtree if t.i < token.i}
    for ancestor in token.ancestors:
        if ancestor.i < token.i:
            found[ancestor.i] = ancestor
        for child in ancestor.children:
            if child.i < token.i and child.dep_ in CONTEXT_DEPS:
                for t in child.subtree if child.dep_ in SUBJECT_DEPS else (child,):
                    found.setdefault(t.i, t)
    return [found[i] for i in sorted(found)]


def close_context(token: Token) -> list[Token]:
    """The verb's own phrases after it, each up to its head: "a set" of "adopted a set of
    resolutions", "full diplomatic ties", "by courier money", "dead", "to wage war"."""
    out: list[Token] = []
    for child in token.children:
        if child.i < token.i or child.dep_ in CLAUSE_BREAKS:
            continue
        out += phrase_tokens(child)
        if child.dep_ in ("prep", "agent", "dative"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out += phrase_tokens(pobj)
        elif child.dep_ == "xcomp":
            out += close_context(child)
    return sorted({t.i: t for t in out if t.i > token.i}.values(), key=lambda t: t.i)


def right_context(token: Token) -> list[Token]:
    """The trigger's subtree after it, without conjoined clauses."""
    out: list[Token] = []
    for child in token.children:
        if child.i < token.i or child.dep_ in CLAUSE_BREAKS:
            continue
        out += list(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _prep_objects(token: Token, prep: str) -> list[Token]:
    """Objects of ``prep`` hanging from the trigger, else from its phrase after it."""
    direct = [
        p for c in token.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep
        for p in c.children if p.dep_ == "pobj"
    ]  # fmt: skip
    direct += [
        o for i, objs in _particle_objects(token).items() if token.doc[i].lower_ == prep
        for o in objs
    ]  # fmt: skip
    if direct:
        return with_conjuncts(direct)
    for t in right_context(token):
        if t.lower_ == prep and t.dep_ in ("prep", "agent"):
            found = [p for p in t.children if p.dep_ == "pobj"]
            if found:
                return with_conjuncts(found)
    return []


def role_tokens(token: Token, where: str) -> list[Token]:
    if where == "subject":
        return subjects(token)
    if where == "object":
        return objects(token)
    return _prep_objects(token, where)


def role_groups(token: Token, where: str, *, exclude: Iterable[int] = ()) -> Iterator[list[Token]]:
    """Candidate phrases for a role, best first, found as they are asked for: "subject";
    "subject-hosting" (the subject of "hosting" in the left context); "object" (then, as
    PETRARCH, the first actor after the verb); "after" (the first actor after the verb);
    "after-in" (the first after the object of "in"), "after-talks" (the first after the
    phrase following the one holding "talks"); a preposition (its object)."""
    skip = set(exclude)
    if where == "subject":  # "X was seen to break in ...": the subject of the verb above
        yield subjects(token) or governing_subjects(token)
        return
    if where.startswith("subject-"):  # "+ HOSTING *": the subject of "hosting"
        verb = _left_verb(token, where.partition("-")[2])
        if verb is None:
            verb = token
        yield subjects(verb) or governing_subjects(verb)
        return
    if where == "object":
        yield objects(token)
        yield from target_groups(token, exclude=skip)
        return
    if where.startswith("after"):
        word, _, count = where.partition("-")[2].partition("-")
        if word:  # PETRARCH's "^" skips a noun phrase: the preposition's, then the next ones
            found = _prep_objects(token, word)
            extra = int(count or 1) - 1
            if not found:  # "TALKS ^ +": the word's own phrase, then the skipped ones
                found = _word_phrase(token, word)
                extra += bool(found)
            skip |= {t.i for p in found for t in phrase_tokens(p)}
            if found and extra:
                later = [t for t in _REGIONS.tokens(token, "right") if t.i > found[-1].i]
                for group in islice(inner_groups(later, set(skip)), extra):
                    skip |= {t.i for h in group for t in phrase_tokens(h)}
        yield from target_groups(token, exclude=skip)
        return
    # the preposition's object, then the first actor inside its phrase ("in a Narnia rally")
    heads = _prep_objects(token, where)
    yield from source_groups(heads) if heads else [[]]


def _spells(token: Token, word: str) -> bool:
    return word in (token.lower_, token.lemma_.lower())


def _left_verb(token: Token, word: str) -> Token | None:
    """The verb of ``word`` in the trigger's left context (an auxiliary's: its head's); the
    nearest to the trigger. None when the word is not a verb's."""
    for t in reversed(_REGIONS.tokens(token, "left")):
        if _spells(t, word):
            verb = t.head if t.dep_ in ("aux", "auxpass") else t
            return verb if verb.pos_ in ("VERB", "AUX") else None
    return None


def _word_phrase(token: Token, word: str) -> list[Token]:
    """The head of the noun phrase that holds ``word`` after the trigger (empty: none)."""
    for t in _REGIONS.tokens(token, "right"):
        if _spells(t, word) and t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            while t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
                t = t.head
            return [t]
    return []


def with_appositions(tokens: Iterable[Token]) -> list[Token]:
    """Members of a list written with appositions ("Mordor, the Shire, Fornost and Bree")."""
    out = list(tokens)
    for t in list(out):
        for child in t.children:
            if child.dep_ == "appos":
                out += with_conjuncts([child])
    return list({t.i: t for t in out}.values())


def target_groups(token: Token, *, exclude: Iterable[int] = ()) -> Iterator[list[Token]]:
    """PETRARCH's target candidates, best first: the object, the objects of the verb's
    prepositions, then each later noun of the verb's phrase (with its conjuncts)."""
    skip = set(exclude) | {token.i}
    groups: list[list[Token]] = []
    direct = [t for t in objects(token) if t.i not in skip and t.dep_ != "nsubjpass"]
    if direct:
        groups.append(direct)
    for child in token.children:
        if child.i > token.i and child.dep_ in ("prep", "dative") and child.lower_ != "by":
            pobjs = [p for p in with_conjuncts(c for c in child.children if c.dep_ == "pobj")
                     if p.i not in skip and p.ent_type_ not in TIME_ENTS]  # fmt: skip
            if pobjs:
                groups.append(pobjs)
    seen = {t.i for g in groups for t in g} | skip
    yield from groups
    yield from inner_groups(_REGIONS.tokens(token, "right"), seen)


def inner_groups(tokens: Iterable[Token], seen: set[int] | None = None) -> Iterator[list[Token]]:
    """The noun phrases among ``tokens``, by head, in order, with their conjuncts, found as
    they are asked for; a modifier of a later noun ("Libya's", "Gondor main opposition
    group") goes with that noun."""
    seen = set() if seen is None else seen
    tokens = list(tokens)
    heads = {t.i for t in tokens if t.pos_ in ACTOR_POS and t.ent_type_ not in TIME_ENTS}
    tried = set(seen)  # nouns already candidates: their named modifiers come next
    for t in tokens:
        if t.i in seen or t.i not in heads:
            continue
        if t.dep_ in ("compound", "amod", "poss", "nmod") and t.head.i in heads:
            if not (t.head.i in tried and _named_modifier(t)):
                continue
        group = [c for c in with_conjuncts([t]) if c.i not in seen]
        seen |= {c.i for c in group}
        # when the noun's phrase codes no actor ("an anti-Gondor parade"), its named
        # modifiers are the next candidates, as PETRARCH reads the first actor it meets
        modifiers = [
            [m]
            for m in t.children
            if m.i < t.i and m.i in heads and m.i not in seen and _named_modifier(m)
        ]
        yield group
        yield from modifiers


def _named_modifier(token: Token) -> bool:
    """A proper name modifying a noun ("a Gondor parade")."""
    return token.pos_ == "PROPN" and token.dep_ in ("compound", "amod", "nmod")


def source_groups(heads: list[Token]) -> Iterator[list[Token]]:
    """The subject, then (PETRARCH) the first actor inside its phrase ("Resumption of ties
    between Arnor and Gondor"); nothing without a subject."""
    if not heads:
        return
    yield with_appositions(heads)
    inside = [t for h in heads for t in phrase_region(h) if t.i != h.i]
    yield from inner_groups(sorted(inside, key=lambda t: t.i))


def phrase_region(head: Token) -> list[Token]:
    """A noun phrase's tokens without the clauses inside it ("who lost his son in London")."""
    out = [head]
    for child in head.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"):
            out += phrase_region(child)
    return out


_CONTEXTS.update(left=left_context, right=right_context, close=close_context,
                 phrase=phrase_tokens, doc=lambda t: t.doc)  # fmt: skip
