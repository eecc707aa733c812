"""PETRARCH/TABARI verb patterns as conditions on a dependency parse.

A pattern lists words before and after the verb (``*``). They become:

- ``before``: words, in order, among the verb's left context (its subject, auxiliaries,
  negation and adverbs, and the verbs it hangs from: "SAID WOULD *", "HEAVILY *");
- ``after``: words, in order, in the verb's own subtree after it ("* DIPLOMATIC TIES",
  "* TO RECONSIDER", "*_OUT"), conjoined clauses left out;
- ``np``: a ``{...}`` noun phrase, the words of the verb's object phrase;
- ``prep``: a ``(PREP ...)`` phrase, a preposition hanging from the verb with its object words;
- ``_`` joins words that must be adjacent ("NEW_&TIETYPES_RELATIONS"; "RECENTLY_*" next to the
  verb); ``&SYNSET`` becomes a word class (``@synset``) of the lexicon;
- ``$`` / ``+`` / ``%``: who is the source and the target (the subject, the object, or the
  object of the preposition before the mark; before a word of the verb's left context, the
  subject of that word's verb: "+ HOSTING *"), ``%`` before the verb: a compound subject
  whose members act on each other; ``^`` (skip a phrase) needs no condition;
- codes ``[A:B]`` add the reverse event B (target on source), ``[:B]`` only that one, ``[---]``
  makes the pattern a non-event.

What cannot be translated is reported, not guessed: ``~`` transformations (events built from
other events), patterns without ``*``, undefined synsets, TABARI word stems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .verbs import Synset

PREPOSITIONS = frozenset(
    {"about", "above", "across", "after", "against", "along", "amid", "among", "around", "as",
     "at", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
     "by", "despite", "during", "except", "for", "from", "in", "inside", "into", "like", "near",
     "of", "off", "on", "onto", "out", "outside", "over", "past", "since", "through",
     "throughout", "to", "toward", "towards", "under", "until", "upon", "via", "with",
     "within", "without"}
)  # fmt: skip
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "refused", "declined"})
MARKERS = frozenset("$+%^")


@dataclass
class Tok:
    """A word (lower case) or a word class ("@name"); ``tight``: right after the one before."""

    word: str
    tight: bool = False


@dataclass
class _Item:
    kind: str  # word, marker, prep, np
    value: str = ""
    tight: bool = False
    inner: list[_Item] = field(default_factory=list)


@dataclass
class Translation:
    """A pattern as our conditions (before the block's verb conditions are added)."""

    before: list[Tok] = field(default_factory=list)
    before_anchor: bool = False  # the last ``before`` word stands right before the verb
    after: list[Tok] = field(default_factory=list)
    after_anchor: bool = False  # the first ``after`` word stands right after the verb
    nps: list[list[Tok]] = field(default_factory=list)
    preps: list[str] = field(default_factory=list)
    source: str | None = None
    target: str | None = None
    reciprocal: bool = False
    code: str | None = None
    reverse: str | None = None

    @property
    def size(self) -> int:
        """How specific the pattern is: the more words, the earlier it is tried."""
        words = len(self.before) + len(self.after) + sum(len(n) for n in self.nps)
        return words + sum(len(p.split()) for p in self.preps) + int(self.reciprocal)


class Untranslatable(ValueError):
    """A pattern our conditions cannot express; the message says why."""


def class_name(synset: str) -> str:
    return synset.lstrip("&").rstrip("_").lower()


def _split_groups(text: str) -> list[tuple[str, str]]:
    """("chunk" | "prep" | "np", text) pieces of one side of a pattern."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "({":
            close = ")" if c == "(" else "}"
            depth, j = 0, i
            while j < len(text):
                if text[j] == c:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(("prep" if c == "(" else "np", text[i + 1 : j]))
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "({":
                j += 1
            out.append(("chunk", text[i:j]))
            i = j
    return out


def _items(text: str, synsets: dict[str, Synset]) -> tuple[list[_Item], bool, bool]:
    """The items of one side, whether its first item is glued to what precedes it, and
    whether its last item is glued to what follows."""
    items: list[_Item] = []
    glue = False
    lead = False
    for kind, piece in _split_groups(text):
        if kind != "chunk":
            inner, _, _ = _items(piece.replace("{", " ").replace("}", " "), synsets)
            items.append(_Item(kind, inner=inner, tight=glue))
            glue = False
            continue
        parts = piece.split("_")
        for n, part in enumerate(parts):
            if not part:
                if n == 0 and not items:
                    lead = True
                glue = True
                continue
            tight = glue or n > 0 and bool(parts[n - 1])
            if part in MARKERS:
                items.append(_Item("marker", part, tight))
            else:
                items.append(_Item("word", _word(part, synsets), tight))
            glue = False
        glue = piece.endswith("_") or glue
    return items, lead, glue


def _plain(word: str) -> bool:
    """A word a role can name ("subject-hosting", "after-talks"): letters only."""
    return word.isascii() and word.isalpha()


def _word(part: str, synsets: dict[str, Synset]) -> str:
    if part.startswith("&"):
        name = part[1:].rstrip("_").upper()
        if name not in synsets:
            raise Untranslatable(f"undefined synset &{name}")
        return "@" + class_name(name)
    return part.lower().replace("}", "").replace("{", "")


def _words(items: Iterable[_Item]) -> list[Tok]:
    out = []
    for item in items:
        if item.kind == "word":
            out.append(Tok(item.value, item.tight))
        elif item.kind in ("np", "prep"):
            out += _words(item.inner)
    return out


def render(toks: list[Tok], *, lead: bool = False, trail: bool = False) -> str:
    """Our sequence syntax: words joined by " " (others may come between) or "_" (adjacent);
    a leading / trailing "_" glues the first / last word to the trigger."""
    text = ""
    for i, tok in enumerate(toks):
        text += ("_" if tok.tight else " ") if i else ("_" if lead else "")
        text += tok.word
    return text + ("_" if trail else "")


def _codes(raw: str) -> tuple[str | None, str | None, bool]:
    """(code, reverse code, swap): "042:043" -> both; ":054" -> 054 with roles swapped."""
    first, sep, second = raw.replace(" ", "").partition(":")

    def clean(c: str) -> str | None:  # noqa: E306
        return None if c in ("", "---") else c

    if sep and clean(first) is None and clean(second) is not None:
        return clean(second), None, True
    return clean(first), clean(second), False


def translate(text: str, raw_code: str, synsets: dict[str, Synset]) -> Translation:
    """One pattern (the text between "-" and its code) as conditions; raises Untranslatable."""
    text = text.replace("_ ", " ").rstrip("_").strip()
    if text.count("*") != 1:
        raise Untranslatable("no verb position (*)" if "*" not in text else "several verbs (*)")
    pre_text, post_text = text.split("*")
    pre, _, pre_glued = _items(pre_text, synsets)
    post, post_lead, _ = _items(post_text, synsets)
    out = Translation(before_anchor=pre_glued or pre_text.endswith("_"),
                      after_anchor=post_lead)  # fmt: skip
    out.code, out.reverse, swap = _codes(raw_code)
    for n, item in enumerate(pre):
        if item.kind == "marker":
            # "+ HOSTING *": the actor before "hosting", the subject of that verb
            after = pre[n + 1] if n + 1 < len(pre) else None
            where = "subject"
            if after is not None and after.kind == "word" and _plain(after.value):
                where = f"subject-{after.value}"
            if item.value == "+":
                out.target = where
            elif item.value == "%":
                out.reciprocal = True
            elif item.value == "$":
                out.source = where
        else:
            out.before += _words([item])
    prev: _Item | None = None
    seen: list[_Item] = []  # the items before this one
    for item in post:
        if item.kind == "marker" and item.value != "^":
            if prev is not None and prev.kind == "word" and prev.value in PREPOSITIONS:
                where = prev.value
            elif prev is not None and prev.kind == "prep" and prev.inner:
                words = [i for i in prev.inner if i.kind == "word"]
                where = words[0].value if len(words) == 1 else "after"
            elif prev is not None and prev.kind == "marker":  # "IN ^ +": after the skipped one
                carets = 0
                while carets < len(seen) and seen[-1 - carets].kind == "marker":
                    carets += 1
                skipped = seen[-1 - carets] if carets < len(seen) else None
                where = "after"
                if skipped is not None and skipped.kind == "word" and _plain(skipped.value):
                    # "IN ^ +": past the object of "in"; "TALKS ^ +": past the phrase after
                    # "talks" (a word's own phrase is not one of the skipped)
                    where = f"after-{skipped.value}" + (f"-{carets}" if carets > 1 else "")
            elif prev is None:
                where = "object"
            else:  # "* MONEY $": the next actor after the words
                where = "after"
            if item.value == "$":
                out.source = where
            else:
                out.target = where
        elif item.kind == "prep":
            words = _words(item.inner)
            markers = [i for i in item.inner if i.kind == "marker" and i.value != "^"]
            if not words:
                continue
            prep, rest = words[0].word, words[1:]
            out.preps.append(render([Tok(prep), *rest]))
            for marker in markers:
                if marker.value == "$":
                    out.source = prep
                else:
                    out.target = prep
        elif item.kind == "np":
            out.nps.append(_words(item.inner))
        elif item.kind == "word":
            out.after.append(Tok(item.value, item.tight))
        prev = item
        seen.append(item)
    if swap:
        out.source, out.target = out.target or "object", out.source or "subject"
    if out.source is not None and out.target is not None:
        if out.source == out.target or (
            out.source.startswith("subject") and out.target.startswith("subject")
        ):  # "$ BACK + IN *": both before the verb
            raise Untranslatable("source and target in the same place")
    return out


def negation_in(toks: Iterable[Tok], classes: dict[str, list[str]]) -> bool:
    """True when the words (or a class's phrases) say "not": the code then covers it."""
    for tok in toks:
        words = classes.get(tok.word[1:], []) if tok.word.startswith("@") else [tok.word]
        if any(w in NEGATIONS for phrase in words for w in phrase.split()):
            return True
    return False


def as_pattern(
    t: Translation,
    *,
    classes: dict[str, list[str]],
    before: list[Tok] = (),  # type: ignore[assignment]
    after: list[Tok] = (),  # type: ignore[assignment]
    form: list[str] | None = None,
    code: str | None = None,
) -> dict[str, Any]:
    """The pattern in our YAML structure, with a multi-word verb's own words (``before``
    glued to the verb, ``after`` right after it) and inflected ``form`` added."""
    out: dict[str, Any] = {}
    all_before = [*t.before, *before]
    if all_before:
        out["before"] = render(all_before, trail=bool(before) or t.before_anchor)
    # only one object phrase and one prepositional phrase are conditions; the others are
    # asked for as words after the verb
    extra = [w for n in t.nps[1:] for w in n] + [Tok(w) for p in t.preps[1:] for w in p.split()]
    all_after = [*after, *t.after, *extra]
    if all_after:
        out["after"] = render(all_after, lead=bool(after) or t.after_anchor)
    if t.nps:
        out["np"] = [render(t.nps[0])]
    if t.preps:
        out["prep"] = [t.preps[0]]
    if form:
        out["form"] = form
    out["code"] = code if code is not None else t.code
    if t.reverse:
        out["mirror"] = t.reverse
    if t.source:
        out["source"] = t.source
    if t.target:
        out["target"] = t.target
    if t.reciprocal:
        out["reciprocal"] = True
    if negation_in([*all_before, *all_after], classes):
        out["negated"] = False
    return out
