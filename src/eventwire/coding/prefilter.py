"""Which sentences may hold an event, told from their words before any parsing.

A sentence goes to the parser when it holds a word form of a trigger that can fire. A
trigger that fires only through its patterns (PETRARCH's "BE", "CARRY", "BEGIN": hundreds of
patterns, no code of their own) sends it only when the sentence also holds a word one of its
patterns needs ("carried out", "began an investigation"): every word test of one pattern,
and a word the pattern needs after the verb later in the sentence than the verb's form. A
trigger of a PETRARCH-style dictionary codes an event only between actors, so it sends a
sentence only when that names one: a role phrase of the actor dictionaries, all its words
("officials", "security officials"; not "committee" when only "election committee" is one),
or a name, as the actor coder tells from the whole article before parsing
(``Prefilter.naming``; without it, any capitalised word may be one); and such a verb sends it
only where its form may be a verb (``may_be_verbs``): not a capitalised word inside a
sentence ("the United States", "Centers for Disease Control"), nor a word right after
"the" or "their" ("the study"), nor, unless it ends in "-ing", after a preposition ("under
control"): the parser tags those as names and nouns, which no verb reading takes. Bare
statements ("said", and a user dictionary's "SAY" coded 010) send no sentence alone: a record
with nothing else still gets its first statements (see ``eventwire.nlp.sentences_to_parse``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import lru_cache, partial
from typing import TYPE_CHECKING, NamedTuple

from ..dictionaries.conditions import COMMON_WORDS, word_cost
from .lexicon import ANY, GPE, Lexicon, Pattern, Reading, Trigger, builtin_lexicon, inflections
from .repair import WEEKDAYS

if TYPE_CHECKING:
    from ..pipeline import Document

_WORD = re.compile(r"[a-z0-9][a-z0-9'./-]*")
_JOINS = re.compile(r"['./-]")
_CAPITALISED = re.compile(r"\b[A-Za-z]*[A-Z][\w'-]*")
_CASED_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'./-]*")
#: after one of these, a word starts a sentence or a quotation (and may be capitalised)
_OPENERS = frozenset("\"“‘'([{:;—–-.!?…")
#: words after which no verb follows: determiners and possessives, and (for forms not in
#: "-ing") prepositions
_DETERMINERS = frozenset("the a an its their his our your my".split())
_PREPOSITIONS = frozenset(
    "of for in under with on at by from into about without against among over".split()
)
#: capitalised words that name no actor
_NO_NAMES = (
    frozenset(
        "i january february march april may june july august september october november december "
        "many most some all several few both each every other such one two three".split()
    )
    | WEEKDAYS
    | {d + "s" for d in WEEKDAYS}
    | COMMON_WORDS
)
#: spelling pairs the parser's norms join ("favour" is read as "favor")
_SPELLINGS = (("or", "our"), ("ize", "ise"), ("yze", "yse"), ("er", "re"), ("ense", "ence"))
#: statement codes: "said", "announced", "commented"
STATEMENT_CODES = frozenset({None, "010"})
STATEMENT_KINDS = frozenset({None, "light", "speech"})


class Parse(IntEnum):
    """How a sentence is parsed: not at all; without the named-entity recogniser (half the
    parser's time), when only PETRARCH-style verbs send it (they find their actors in the
    dictionaries, never in the parser's names); or fully."""

    NONE = 0
    WITHOUT_NAMES = 1
    FULL = 2


class Need(NamedTuple):
    """One word test of a pattern: the sentence holds one of ``words``; ``after``: later
    than the trigger's form (a PETRARCH ``after`` condition)."""

    words: frozenset[str]
    after: bool = False


class PatternNeeds:
    """The needs of a trigger's patterns, each pattern's by the words of its first need, so
    that a verb block of hundreds of patterns is not tried one by one on every sentence."""

    __slots__ = ("patterns", "_by_word")

    def __init__(self, patterns: tuple[tuple[Need, ...], ...]) -> None:
        self.patterns = patterns
        self._by_word: dict[str, list[tuple[Need, ...]]] | None = None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def hold(self, words: set[str], places: dict[str, tuple[int, int]], form: str) -> bool:
        """Whether every need of one pattern may hold in a sentence of ``words``."""
        if self._by_word is None:  # built on first use: most of a big dictionary never is
            self._by_word = {}
            for needs in self.patterns:
                for word in needs[0].words:
                    self._by_word.setdefault(word, []).append(needs)
        for word in words:
            for needs in self._by_word.get(word, ()):
                if _holds(needs, words, places, form):
                    return True
        return False


class Guard(NamedTuple):
    """When a trigger's form sends a sentence: with one of ``words`` (None: any), then when
    every need of one of ``patterns`` holds (none: no further test), and only when the
    sentence names an actor if ``actor``; if ``verb``, only where the form may be a verb."""

    words: frozenset[str] | None
    actor: bool
    patterns: PatternNeeds | None = None
    verb: bool = False


FREE = Guard(None, False)


@dataclass(frozen=True, slots=True, eq=False)
class Prefilter:
    """``forms``: one of them alone sends a sentence to the parser; ``guarded``: forms that
    do so on their guards' terms; ``actor_words``: role phrases that name an actor, by their
    last word, each with its other words (see ``role_phrases``); ``naming``: the indices of
    the sentences of a document in which the actor coder may find a name (None: a
    capitalised word may be one); ``named``: the sentences parsed fully even when only
    PETRARCH-style verbs send them (with dictionaries, the built-in triggers' sentences:
    the places of an article are found with the help of their names, as without the
    dictionaries)."""

    forms: frozenset[str]
    guarded: Mapping[str, tuple[Guard, ...]] = field(default_factory=dict)
    actor_words: Mapping[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    naming: Callable[[Document], Collection[int]] | None = None
    named: Prefilter | None = None

    def sentences(self, doc: Document) -> Iterable[Parse]:
        """How each sentence of ``doc`` is parsed (the names of the document sought only when
        a sentence's words leave it to them); one that ``named`` passes is parsed fully."""
        named: Collection[int] | None = None

        def names(index: int) -> bool:
            nonlocal named
            if named is None:
                assert self.naming is not None
                named = self.naming(doc)
            return index in named

        for s in doc.sentences:
            how = self.passes(s.text, named=partial(names, s.index) if self.naming else None)
            if how == Parse.WITHOUT_NAMES and self.named is not None and self.named.passes(s.text):
                how = Parse.FULL
            yield how

    def passes(self, sentence: str, *, named: Callable[[], bool] | None = None) -> Parse:
        """Whether ``sentence`` may hold an event, and how it is parsed (see ``Parse``);
        ``named``: whether it names an actor the coder knows (default: whether it holds a
        capitalised word)."""
        words = sentence_words(sentence)
        if not self.forms.isdisjoint(words):
            return Parse.FULL
        found = Parse.NONE
        actor: bool | None = None  # whether the sentence names an actor, found out once
        places: dict[str, tuple[int, int]] | None = None  # word -> first, last place
        verbs: set[str] | None = None  # words that may be verbs
        for w in words:
            for guard in self.guarded.get(w, ()):
                if guard.actor and (found or actor is False):
                    continue
                if guard.words is not None:
                    if guard.words.isdisjoint(words):
                        continue
                    if guard.patterns:
                        if places is None:
                            places = word_places(sentence)
                        if not guard.patterns.hold(words, places, w):
                            continue
                if guard.verb:
                    if verbs is None:
                        verbs = may_be_verbs(sentence)
                    if w not in verbs:
                        continue
                if not guard.actor:
                    return Parse.FULL
                if actor is None:
                    actor = self.names_actor(sentence, words, named)
                if actor:
                    found = Parse.WITHOUT_NAMES
        return found

    def names_actor(
        self, sentence: str, words: set[str], named: Callable[[], bool] | None = None
    ) -> bool:
        """Whether a sentence may name an actor: all the words of a role phrase, or a name
        (``named()``; without it, a capitalised word that is no month, weekday or function
        word: "The", "In")."""
        for w in words:
            if any(rest <= words for rest in self.actor_words.get(w, ())):
                return True
        if named is not None:
            return named()
        return any(w.lower() not in _NO_NAMES for w in _CAPITALISED.findall(sentence))

    def __or__(self, forms: frozenset[str]) -> Prefilter:
        """This prefilter with more forms that send a sentence alone."""
        named = self.named | forms if self.named is not None else None
        return replace(self, forms=self.forms | forms, named=named)

    def with_naming(
        self, naming: Callable[[Document], Collection[int]], named: Prefilter | None = None
    ) -> Prefilter:
        """This prefilter telling names by ``naming``, and parsing fully what ``named`` passes
        (see the class)."""
        return replace(self, naming=naming, named=named)

    @property
    def needs_actors(self) -> bool:
        """Whether some form sends a sentence only when it names an actor."""
        return any(g.actor for guards in self.guarded.values() for g in guards)

    def __contains__(self, form: str) -> bool:
        return form in self.forms or form in self.guarded


def sentence_words(sentence: str) -> set[str]:
    """The lower-cased words of a sentence, and the parts of hyphened, dotted or apostrophed
    ones (the parser splits "cease-fire" and "don't", and keeps "F-16")."""
    words = {w.rstrip(".") for w in _WORD.findall(sentence.lower())}
    parts = [p for w in words if _JOINS.search(w) for p in _JOINS.split(w) if p]
    words.update(parts)
    return words


def word_places(sentence: str) -> dict[str, tuple[int, int]]:
    """Where each word of ``sentence_words`` first and last occurs, counted in words (the
    parts of a joined word share its place)."""
    places: dict[str, tuple[int, int]] = {}
    for n, match in enumerate(_WORD.finditer(sentence.lower())):
        word = match.group().rstrip(".")
        for w in (word, *(p for p in _JOINS.split(word) if p)) if _JOINS.search(word) else (word,):
            first = places.get(w)
            places[w] = (n, n) if first is None else (first[0], n)
    return places


def may_be_verbs(sentence: str) -> set[str]:
    """The words of ``sentence_words`` with an occurrence the parser may read as a verb: not
    a capitalised word inside the sentence (a name's: "the United States"; unless the
    sentence is a headline in title case, three in four longer words capitalised), nor one
    right after a determiner ("the study"), nor one after a preposition unless it ends in
    "-ing" ("under control"; "after taking" is a verb). The parts of joined words may all
    be verbs."""
    matches = list(_CASED_WORD.finditer(sentence))
    long = [m.group() for m in matches if len(m.group()) > 3 and m.group()[0].isalpha()]
    title = 4 * sum(w[0].isupper() for w in long) >= 3 * len(long)
    out: set[str] = set()
    previous = ""
    for n, match in enumerate(matches):
        text = match.group()
        word = text.lower().rstrip(".")
        if _JOINS.search(word):
            out.update(p for p in _JOINS.split(word) if p)
        if previous in _DETERMINERS or (previous in _PREPOSITIONS and not word.endswith("ing")):
            pass  # a noun
        elif title or not text[0].isupper() or n == 0 or _opens(sentence, match.start()):
            out.add(word)
        previous = word
    return out


def _opens(sentence: str, start: int) -> bool:
    """Whether a word at ``start`` follows an opening quote, bracket or a sentence's end."""
    i = start - 1
    while i >= 0 and sentence[i].isspace():
        i -= 1
    return i < 0 or sentence[i] in _OPENERS


def _holds(needs: tuple[Need, ...], words: set[str], places: dict[str, tuple[int, int]],
           form: str) -> bool:  # fmt: skip
    """Whether a sentence may satisfy every word test of a pattern of the trigger ``form``."""
    for need in needs:
        if need.words.isdisjoint(words):
            return False
        if need.after:
            start = places[form][0]
            if all(places[w][1] < start for w in need.words & words):
                return False
    return True


@lru_cache(maxsize=65536)
def _forms(words: frozenset[str]) -> frozenset[str]:
    """The forms of a word test (empty when the tokenizer would split one of its words)."""
    if not words or not all(_WORD.fullmatch(w) and not w.endswith(".") for w in words):
        return frozenset()
    return frozenset(f for w in words for f in _spellings(w))


_cost = lru_cache(maxsize=65536)(word_cost)


def _spellings(word: str) -> set[str]:
    """A word's inflections and their other spellings."""
    out = inflections(word)
    for us, uk in _SPELLINGS:
        if word.endswith(us):
            out |= inflections(word[: -len(us)] + uk)
    return out


def statement_only(reading: Reading) -> bool:
    """A reading that at most makes a statement (or that only a noun can complete)."""
    return reading.code in STATEMENT_CODES and reading.kind in STATEMENT_KINDS


def pattern_needs(pattern: Pattern) -> tuple[Need, ...]:
    """Every word test that can be read off ``pattern``, as forms (none: no test can be:
    any word, a place, words the tokenizer splits). A condition on the words after the
    trigger (``after``) needs them later in the sentence."""
    tests = [Need(w) for w in pattern.conditions.values() if ANY not in w and GPE not in w]
    tests += [Need(c.needs, c.key == "after") for c in pattern.extra if c.needs]
    if pattern.needs and not any(t.words == pattern.needs for t in tests):
        tests.append(Need(pattern.needs))
    out: dict[frozenset[str], bool] = {}
    for words, after in tests:
        forms = _forms(words)
        if forms:
            out[forms] = out.get(forms, False) or after
    return tuple(Need(w, a) for w, a in sorted(out.items(), key=lambda n: _cost(n[0])))


def trigger_guard(trigger: Trigger) -> Guard | None:
    """When ``trigger`` can fire (None: never, it only states)."""
    actor = trigger.reading.roles is not None  # a PETRARCH-style reading needs actors
    verb = actor and trigger.pos == "VERB"
    if not statement_only(trigger.reading):
        return Guard(None, actor, verb=verb)
    needs: set[str] = set()
    patterns: list[tuple[Need, ...]] = []
    for pattern in trigger.patterns:
        if statement_only(pattern.reading):
            continue
        tests = pattern_needs(pattern)
        if not tests:
            return Guard(None, actor, verb=verb)
        needs |= tests[0].words
        patterns.append(tests)
    return Guard(frozenset(needs), actor, PatternNeeds(tuple(patterns)), verb) if needs else None


@lru_cache(maxsize=8)
def prefilter_of(
    lexicon: Lexicon, actor_words: frozenset[tuple[str, ...]] = frozenset()
) -> Prefilter:
    """The prefilter of a lexicon's triggers; ``actor_words``: role phrases of the actor
    dictionaries (see ``role_phrases``)."""
    forms: set[str] = set()
    guarded: dict[str, set[Guard]] = {}
    for table in lexicon.tables():
        for lemma, trigger in table.items():
            guard = trigger_guard(trigger)
            if guard is None:
                continue
            for form in inflections(lemma) | set(trigger.forms):
                if guard == FREE:
                    forms.add(form)
                else:
                    guarded.setdefault(form, set()).add(guard)
    kept = {f: tuple(g) for f, g in guarded.items() if f not in forms}
    by_head: dict[str, set[frozenset[str]]] = {}
    for *rest, head in actor_words:
        by_head.setdefault(head, set()).add(frozenset(rest))
    return Prefilter(frozenset(forms), kept, {h: tuple(r) for h, r in by_head.items()})


def role_phrases(phrases: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Role phrases as the words a sentence must hold to name them, the last one their head
    ("security", "officials"); phrases headed by a function word are left out."""
    out = set()
    for phrase in phrases:
        words = _WORD.findall(phrase.lower())
        if not words or words[-1].rstrip(".") in COMMON_WORDS:
            continue
        words = [w.rstrip(".") for w in words]
        parts = [p for w in words if _JOINS.search(w) for p in _JOINS.split(w) if p]
        out.add((*sorted(set(words[:-1]) | set(parts)), words[-1]))
    return frozenset(out)


def builtin_prefilter() -> Prefilter:
    """The prefilter of the built-in lexicon."""
    return prefilter_of(builtin_lexicon())


@lru_cache(maxsize=8)
def statement_prefilter(lexicon: Lexicon) -> Prefilter:
    """Word forms of bare speech verbs ("said", "told"): parsed only when nothing else is."""
    out: set[str] = set()
    for lemma, trigger in lexicon.verbs.items():
        if trigger.reading.kind == "speech":
            out |= inflections(lemma)
    return Prefilter(frozenset(out))
