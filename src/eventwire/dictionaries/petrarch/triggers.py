"""A PETRARCH verb file as our trigger lexicon (the YAML structure of docs/dictionaries.md).

Every verb of a block becomes a trigger of its lemma ("SAID" -> say) sharing the block's
patterns, tried most specific first; a multi-word verb ("+CORDON_OFF") adds its words to the
conditions of each pattern and to its own. Synsets become word classes. The lexicon is marked
``style: petrarch`` (PETRARCH's way of finding the target; codes taken as written) and
``builtin: false`` (a verb dictionary is a complete lexicon: the built-in one is not used).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...actors.agents import plurals
from ..lemmas import verb_lemma
from .translate import Tok, Translation, Untranslatable, as_pattern, class_name, translate
from .verbs import Synset, VerbFile


@dataclass
class _Trigger:
    code: str | None = None
    reverse: str | None = None
    patterns: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)
    blocks: set[int] = field(default_factory=set)  # blocks whose shared patterns it has


def _expand(name: str, synsets: dict[str, Synset], seen: frozenset[str] = frozenset()) -> list[str]:
    """A synset's phrases (lower case), nested synsets spliced in, plurals added."""
    synset = synsets[name]
    out: list[str] = []
    for member in synset.members:
        if member.startswith("&"):
            inner = member[1:].rstrip("_").upper()
            if inner in synsets and inner not in seen:
                out += _expand(inner, synsets, seen | {name})
            continue
        phrase = member.rstrip("_").lower()
        out.append(phrase)
        *rest, last = phrase.split()
        if synset.plural and not member.endswith("_") and last.isalpha() and last[-1] != "s":
            out += [" ".join([*rest, p]) for p in sorted(plurals(last))]
    return list(dict.fromkeys(out))


_CODE = re.compile(r"^[0-9A-Za-z]+$")


def _default(raw: str) -> tuple[str | None, str | None] | None:
    """A verb's own code as (code, reverse); (None, None) for the null code "---"; None for
    something that is not a code ("+++", "023?"), which leaves an earlier default alone."""
    first, _, second = raw.replace(" ", "").partition(":")
    first = "" if first == "---" else first
    second = "" if second == "---" else second
    if any(c and not _CODE.match(c) for c in (first, second)):
        return None
    return (first or None), (second or None)


def verb_lexicon(verbs: VerbFile, *, source: str) -> tuple[dict[str, Any], list[str]]:
    """Our lexicon structure for a parsed verb file, and notes on what was not translated."""
    classes = {class_name(n): _expand(n, verbs.synsets) for n in verbs.synsets}
    triggers: dict[str, _Trigger] = {}
    skipped: Counter[str] = Counter()
    notes = list(verbs.notes)
    order = 0
    for block in verbs.blocks:
        translated: list[tuple[int, Translation]] = []
        for pattern in block.patterns:
            if _default(pattern.code) is None:
                skipped[f"'{pattern.code}' is not an event code"] += 1
                continue
            try:
                translated.append(
                    (pattern.line, translate(pattern.text, pattern.code, verbs.synsets))
                )
            except Untranslatable as e:
                skipped[str(e)] += 1
                notes.append(f"{source}:{pattern.line}: pattern '{pattern.text}' skipped: {e}")
        shared: list[tuple[int, int, dict[str, Any]]] = []  # the same dicts for every verb
        simple = [v for v in block.verbs if not (v.before or v.after)]
        # a block of inflected forms only ("SAID", "KILLED"): its patterns are for those forms
        only = sorted({w.lower() for v in simple for w in (v.word, *v.forms)})
        if not simple or any(verb_lemma(v.word) == v.word.lower() for v in simple):
            only = []
        for line, t in translated:
            order += 1
            pattern = as_pattern(t, classes=classes, form=only or None)
            pattern["origin"] = f"{source}:{line}"
            shared.append((t.size, order, pattern))
        for verb in block.verbs:
            lemma = verb_lemma(verb.word)
            entry = triggers.setdefault(lemma, _Trigger())
            entry.forms |= {verb.word.lower(), *(f.lower() for f in verb.forms)}
            code = _default(verb.code if verb.code is not None else block.code)
            before = [Tok(w.lower(), True) for w in verb.before]
            after = [Tok(w.lower(), True) for w in verb.after]
            if before:
                before[0].tight = False
            if not (before or after):
                if block.line not in entry.blocks:
                    entry.blocks.add(block.line)
                    entry.patterns += shared
                if code is None:
                    continue
                if verb.word.lower() == lemma:
                    entry.code, entry.reverse = code
                else:  # "MET [031:032]" is not "MEET [031:031]": that form only
                    order += 1
                    forms = sorted({verb.word.lower(), *(f.lower() for f in verb.forms)})
                    own = as_pattern(Translation(code=code[0], reverse=code[1]), classes=classes,
                                     form=forms)  # fmt: skip
                    own["origin"] = f"{source}:{verb.line}"
                    entry.patterns.append((0, order, own))
                continue
            for line, t in translated:
                order += 1
                pattern = as_pattern(t, classes=classes, before=before, after=after)
                pattern["origin"] = f"{source}:{line}"
                entry.patterns.append((t.size + len(before) + len(after), order, pattern))
            if code is None:
                continue
            order += 1
            own = as_pattern(Translation(code=code[0], reverse=code[1]), classes=classes,
                             before=before, after=after)  # fmt: skip
            own["origin"] = f"{source}:{verb.line}"
            entry.patterns.append((len(before) + len(after), order, own))
    verbs_out: dict[str, Any] = {}
    for lemma, entry in sorted(triggers.items()):
        spec: dict[str, Any] = {"code": entry.code}
        if entry.reverse:
            spec["mirror"] = entry.reverse
        ranked = sorted(entry.patterns, key=lambda p: (-p[0], p[1]))
        if ranked:
            spec["patterns"] = [p for _, _, p in ranked]
        forms = sorted(f for f in entry.forms if f != lemma)
        if forms:
            spec["forms"] = forms
        verbs_out[lemma] = spec
    for reason, n in skipped.most_common():
        notes.append(f"{source}: {n} pattern(s) not translated: {reason}")
    if verbs.transformations:
        notes.append(f"{source}: {len(verbs.transformations)} transformation(s) (~ lines) not "
                     "translated: events built from other events are not supported")  # fmt: skip
    data = {"style": "petrarch", "builtin": False, "classes": classes, "verbs": verbs_out}
    return data, notes
