"""PETRARCH/TABARI agent files: role words and the code they add to an actor's.

!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
FOREIGN_MINISTER [~GOVFRM]          # "Arnor's foreign minister" -> ARN GOVFRM
HUMAN_RIGHTS_BODY [NGO~]            # code before the actor's: NGO ARN
POLICE {} [~COP]                    # {}: no plural;  {ATTORNEYS_GENERAL}: the plural
CONGRESS!PERSON! [~LEG]             # congressman, congressmen, congresswoman, ...
"""

from __future__ import annotations

import re
from pathlib import Path

from ...actors.agents import AgentEntry
from ..parts import AgentSpec
from .reader import logical_lines, read_text, words_of

_MARKER_DEF = re.compile(r"^\s*!([^!]+)!\s*=\s*(.+)$")
_CODE = re.compile(r"\[\s*([^\]}]*?)\s*[\]}]")
_FORMS = re.compile(r"\{([^}]*)\}")
_MARKER = re.compile(r"!([^!]+)!")


def agent_code(raw: str) -> tuple[str, bool] | None:
    """ "~GOV" -> ("GOV", False): after the actor's code; "NGO~" -> ("NGO", True): before it."""
    code = raw.replace(" ", "").upper()
    if code.startswith("~"):
        return (code[1:], False) if code[1:] else None
    if code.endswith("~"):
        return (code[:-1], True) if code[:-1] else None
    return (code, False) if code else None


def parse_agent_text(text: str, *, source: str) -> tuple[list[AgentSpec], list[str]]:
    """The agents of an agent file and notes on lines that could not be read."""
    markers: dict[str, list[str]] = {}
    specs: list[AgentSpec] = []
    notes: list[str] = []
    for number, line in logical_lines(text):
        defined = _MARKER_DEF.match(line)
        if defined and "[" not in line:
            markers[defined.group(1).strip().upper()] = [
                w.strip() for w in defined.group(2).split(",") if w.strip()
            ]
            continue
        code_match = _CODE.search(line)
        parsed = agent_code(code_match.group(1)) if code_match else None
        if parsed is None:
            notes.append(f"{source}:{number}: agent without a code; skipped")
            continue
        code, prefix = parsed
        phrase_part = line[: code_match.start()] if code_match else line
        forms_match = _FORMS.search(phrase_part)
        phrase = phrase_part[: forms_match.start()] if forms_match else phrase_part
        origin = f"{source}:{number}"
        marker = _MARKER.search(phrase)
        if marker:
            name = marker.group(1).strip().upper()
            if name not in markers:
                notes.append(f"{source}:{number}: undefined marker !{name}!; skipped")
                continue
            variants = [
                phrase[: marker.start()] + v + phrase[marker.end() :] for v in markers[name]
            ]
            for variant in variants:
                words = words_of(variant).lower()
                entry = AgentEntry(words, code, prefix=prefix, compose=True, inflect=False,
                                   origin=origin)  # fmt: skip
                specs.append(AgentSpec(entry, ()))
            continue
        words = words_of(phrase).lower()
        if not words:
            notes.append(f"{source}:{number}: agent without words; skipped")
            continue
        if forms_match is not None:
            plural = words_of(forms_match.group(1)).lower()
            forms, inflect = ((plural,) if plural else ()), False
        else:  # regular plurals, made by the agent table
            forms, inflect = None, True
        entry = AgentEntry(words, code, prefix=prefix, compose=True, inflect=inflect,
                           origin=origin)  # fmt: skip
        specs.append(AgentSpec(entry, forms))
    return specs, notes


def read_agent_file(path: Path) -> tuple[list[AgentSpec], list[str]]:
    return parse_agent_text(read_text(path), source=path.name)
