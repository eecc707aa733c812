"""PETRARCH/TABARI actor files: ``NAME_ [CODE]`` entries, ``+SYNONYM_`` lines and dated codes.

    GONDOR [GON]
    +MINAS_TIRITH
    SAM_GAMGEE [HOB]
        [HOBCIV <20080120]
        [HOBMIL 20080120-20121109]
        [HOBELI >20130119]

A code may carry a date range (``yymmdd-yymmdd``; ``yyyymmdd`` too), an upper bound
(``<date``: before it) or a lower bound (``>date``: after it). On a given date the first
dated code that holds wins, else the undated one. ``[---]`` marks a name that is known but
not coded; ``[A/B]`` codes several actors at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ...actors.codes import split_code
from ...actors.records import ActorEntry, Role
from .reader import logical_lines, read_text, words_of

_BRACKET = re.compile(r"\[([^\]]*)\]")
_NULL_CODES = {"", "---", "+++", "###"}
#: Short words kept in lower case when a name is re-cased ("Prince of Dol Amroth").
_SMALL = {"of", "the", "and", "for", "in", "on", "de", "al", "el", "da", "del", "du", "la", "le",
          "bin", "ibn", "von", "van", "der", "des"}  # fmt: skip


class DateSpecError(ValueError):
    """A dated code whose date cannot be read."""


def parse_day(text: str) -> date:
    """``yymmdd`` (years up to 30 are 20yy, as in TABARI) or ``yyyymmdd``."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise DateSpecError(f"'{text}' is not yymmdd or yyyymmdd")
    if len(digits) == 6:
        yy = int(digits[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), digits[2:]
    else:
        year, rest = int(digits[:4]), digits[4:]
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as e:
        raise DateSpecError(f"'{text}' is not a valid date") from e


def parse_bracket(content: str) -> tuple[str | None, date | None, date | None]:
    """``CODE``, ``CODE <date``, ``CODE >date``, ``CODE date-date`` -> (code, start, end), both
    bounds inclusive; None code for the null codes."""
    content = content.strip()
    match = re.match(r"([^\s<>]*)\s*(.*)$", content)
    assert match is not None
    code, spec = match.group(1), match.group(2).replace(" ", "")
    if code[:1].isdigit() and not spec and "-" in code:  # "[950601-990815]": dates, no code
        raise DateSpecError(f"'[{content}]' has dates but no code")
    start = end = None
    if spec.startswith("<"):
        end = parse_day(spec[1:]) - timedelta(days=1)
    elif spec.startswith(">"):
        start = parse_day(spec[1:]) + timedelta(days=1)
    elif "-" in spec:
        first, _, last = spec.partition("-")
        start, end = parse_day(first), parse_day(last)
    elif spec:
        start = parse_day(spec)
    code = code.upper()
    return (None if code in _NULL_CODES else code), start, end


def recase(name: str) -> str:
    """A dictionary name (upper case) in the case news writes it: a name of up to three
    letters stays in capitals (an acronym: "US", "UN"; matched in that case only), as do
    vowelless short words inside names ("US President"); other words are capitalised
    ("Hamas", "Minas Tirith", "Sam Gamgee"), short function words inside a name lower case.
    Matching then wants a capital first letter."""
    out = []
    words = name.split()
    for i, word in enumerate(words):
        letters = word.replace(".", "").replace("-", "")
        short = letters.isalpha() and len(letters) <= 3
        if i > 0 and word.lower() in _SMALL:
            out.append(word.lower())
        elif "." in word or (
            short
            and (len(words) == 1 or len(letters) <= 2 or not set(letters.lower()) & set("aeiou"))
        ):
            out.append(word.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def match_form(phrase: str) -> str | None:
    """The form a name is matched in: words, re-cased, without a leading "the"."""
    words = words_of(phrase)
    if words.upper().startswith("THE ") and len(words) > 4:
        words = words[4:]
    return recase(words) if words else None


@dataclass
class _Draft:
    name: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str | None, date | None, date | None]] = field(default_factory=list)


def _entry(draft: _Draft, origin: str) -> ActorEntry:
    default = next((c for c, s, e in draft.codes if s is None and e is None), None)
    periods = tuple(
        Role(
            code=c,
            country=split_code(c.split("/")[0])[0],
            sector=split_code(c.split("/")[0])[1],
            start=s,
            end=e,
        )  # fmt: skip
        for c, s, e in draft.codes
        if c is not None and (s is not None or e is not None)
    )
    names = tuple(dict.fromkeys(draft.names))
    return ActorEntry(name=names[0], names=names, code=default, periods=periods, origin=origin)


def parse_actor_text(text: str, *, source: str) -> tuple[list[ActorEntry], list[str]]:
    """The entries of an actor file and notes on lines that could not be read."""
    entries: list[ActorEntry] = []
    notes: list[str] = []
    draft: _Draft | None = None

    def close() -> None:
        if draft is not None and draft.names:
            entries.append(_entry(draft, f"{source}:{draft.line}"))

    for number, line in logical_lines(text):
        stripped = line.strip()
        head = _BRACKET.split(stripped)[0].strip() if not stripped.startswith("[") else ""
        if stripped.startswith("+"):
            if draft is None:
                notes.append(f"{source}:{number}: synonym before any actor; skipped")
                continue
            form = match_form(head[1:])
            if form:
                draft.names.append(form)
        elif head:
            close()
            draft = _Draft(name=head, line=number)
            form = match_form(head)
            if form:
                draft.names.append(form)
        if draft is None:
            continue
        for content in _BRACKET.findall(stripped):
            try:
                draft.codes.append(parse_bracket(content))
            except DateSpecError as e:
                notes.append(f"{source}:{number}: {e}; code skipped")
    close()
    return entries, notes


def read_actor_file(path: Path) -> tuple[list[ActorEntry], list[str]]:
    return parse_actor_text(read_text(path), source=path.name)
