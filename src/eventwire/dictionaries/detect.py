"""Telling dictionary files apart by their content (a folder is loaded as it is).

Formats: ``yaml`` and ``csv`` (ours); ``petrarch-actors``, ``petrarch-agents``,
``petrarch-verbs`` and ``petrarch-discards`` (PETRARCH/TABARI); files that are recognised but
not used: ``petrarch-issues`` (issue coding), ``word-list`` (e.g. PETRARCH's prepositions).
"""

from __future__ import annotations

import re
from pathlib import Path

from .petrarch.reader import logical_lines, read_text
from .petrarch.translate import PREPOSITIONS

FORMATS = ("yaml", "csv", "petrarch-actors", "petrarch-agents", "petrarch-verbs",
           "petrarch-discards")  # fmt: skip
IGNORED = ("petrarch-issues", "word-list")
#: Suffixes of files a dictionary folder may hold; others (README.md, ...) are not read.
SUFFIXES = {".yaml", ".yml", ".csv", ".txt", ".actors", ".agents", ".verbs", ".discards", ".dic",
            ".dict", ""}  # fmt: skip
_CODE = re.compile(r"\[[^\]]*\]")
_AGENT_CODE = re.compile(r"\[\s*~|~\s*\]")
_MARKER_DEF = re.compile(r"^\s*!\w+!\s*=")
_SAMPLE = 400  # lines looked at


def detect_format(path: Path) -> str | None:
    """The format of a dictionary file, or None when it is none we know."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        return "csv"
    text = read_text(path)
    return detect_text(text)


def detect_text(text: str) -> str | None:
    if "<ISSUE" in text[:20000]:
        return "petrarch-issues"
    lines = []
    for _, line in logical_lines(text):
        lines.append(line.strip())
        if len(lines) >= _SAMPLE * 5:
            break
    if not lines:
        return None
    if any(line.startswith("---") and "[" in line for line in lines) or (
        any(line.startswith("- ") and "*" in line for line in lines)
    ):
        return "petrarch-verbs"
    coded = [line for line in lines if _CODE.search(line)]
    if any(_MARKER_DEF.match(line) for line in lines[:_SAMPLE]) or (
        coded and sum(bool(_AGENT_CODE.search(c)) for c in coded) >= 0.3 * len(coded)
    ):
        return "petrarch-agents"
    if coded:
        return "petrarch-actors"
    # a list of lower-case words, many of them prepositions (PETRARCH's prepositions file),
    # is not a discard list (those are phrases in capitals)
    raw = [line.lstrip("+").strip() for line in lines[:_SAMPLE]]
    single = [e for e in raw if " " not in e]
    lower = sum(e.islower() for e in single)
    preps = sum(e.lower() in PREPOSITIONS for e in single)
    if len(single) == len(raw) and (preps >= 0.3 * len(raw) or lower >= 0.8 * len(raw)):
        return "word-list"
    return "petrarch-discards"
