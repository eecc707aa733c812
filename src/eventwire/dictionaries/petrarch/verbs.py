"""PETRARCH/TABARI verb files: synsets, verb blocks and their patterns, read as written.

    &CURRENCY                      a synset: words and phrases a pattern may name as &CURRENCY
    +DOLLARS
    --- GRANT  [070] ---           a block: its verbs share the patterns below it
    GRANT
    GIVE {GAVE GIVEN GIVING}       irregular forms; [code] after a verb overrides the block's
    +CORDON_OFF                    a multi-word verb: + marks the word the parser calls the verb
    - * &CURRENCY [903]            a pattern: words before and after the verb (*), its code
    - + WAS * DEAD IN $ [224]      $ the source, + the target, % a compound of both, ^ skip

Translating the patterns into our trigger conditions is :mod:`.translate`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .reader import logical_lines, read_text

_BRACKET = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


@dataclass
class Synset:
    name: str  # without the & and a final _
    members: list[str]  # upper-case phrases, words separated by spaces; "&X" for a synset
    plural: bool  # make plurals of the members (not when the label ends with _)
    line: int


@dataclass
class VerbLine:
    """One verb of a block: the word the parser tags as the verb, the words that must stand
    right before or after it (multi-word verbs), irregular forms and its own code."""

    word: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    forms: tuple[str, ...]
    code: str | None  # None: the block's code
    line: int


@dataclass
class PatternLine:
    text: str  # between "-" and the code
    code: str
    line: int


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)


@dataclass
class VerbFile:
    synsets: dict[str, Synset] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    transformations: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _verb_line(text: str, number: int) -> VerbLine | None:
    codes = _BRACKET.findall(text)
    code = codes[-1].strip() if codes else None
    body = _BRACKET.sub(" ", text)
    forms_match = _FORMS.search(body)
    forms_raw = forms_match.group(1).split() if forms_match else []
    phrase = _FORMS.sub(" ", body).strip().rstrip("_").strip()
    if not phrase:
        return None
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    if "+" in phrase or "_" in phrase:
        parts = [p for p in phrase.replace(" ", "_").split("_") if p]
        at = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
        word = parts[at].lstrip("+")
        before, after = tuple(parts[:at]), tuple(parts[at + 1 :])
    elif " " in phrase:  # "LASH OUT": the verb and its particle
        word, *rest = phrase.split()
        after = tuple(rest)
    else:
        word = phrase
    forms = []
    for raw in forms_raw:
        parts = [p for p in raw.split("_") if p]
        marked = [p.lstrip("+") for p in parts if p.startswith("+")]
        forms.append(
            marked[0] if marked else parts[len(before)] if len(parts) > len(before) else raw
        )
    if not word or not word.replace("'", "").replace("-", "").isalnum():
        return None
    return VerbLine(word, before, after, tuple(forms), code, number)


def parse_verb_text(text: str, *, source: str) -> VerbFile:
    """Synsets, blocks and transformations of a verb file; notes on what was skipped."""
    out = VerbFile()
    block: Block | None = None
    synset: Synset | None = None
    for number, line in logical_lines(text):
        s = line.strip()
        if s.startswith("---"):
            codes = _BRACKET.findall(s)
            name = _BRACKET.split(s.strip("-"))[0].strip()
            block = Block(name=name, code=(codes[0].strip() if codes else "---"), line=number)
            out.blocks.append(block)
            synset = None
        elif s.startswith("&"):
            label = s.split()[0][1:]
            plural = not label.endswith("_")
            synset = Synset(label.rstrip("_").upper(), [], plural, number)
            out.synsets[synset.name] = synset
        elif s.startswith("~"):
            out.transformations.append((number, s))
        elif s.startswith("-"):
            codes = _BRACKET.findall(s)
            if block is None or not codes:
                out.notes.append(f"{source}:{number}: pattern outside a block or without a code")
                continue
            text_part = s[1 : s.rfind("[")]
            out.blocks[-1].patterns.append(
                PatternLine(text_part.strip(), codes[-1].strip(), number)
            )
        elif s.startswith("+") and synset is not None:
            synset.members.append(" ".join(s[1:].replace("_", " ").split()).upper())
            if s.rstrip().endswith("_"):
                synset.members[-1] += "_"
        elif block is not None:
            synset = None
            verb = _verb_line(s, number)
            if verb is None:
                out.notes.append(f"{source}:{number}: cannot read verb line {s!r}")
            else:
                block.verbs.append(verb)
        else:
            out.notes.append(f"{source}:{number}: line outside any block skipped")
    return out


def read_verb_file(path: Path) -> VerbFile:
    return parse_verb_text(read_text(path), source=path.name)
