"""Splitting CAMEO-style actor codes into country and sector ("TURMIL" -> TUR, MIL)."""

from __future__ import annotations

import re

from .countries import load_countries

_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z0-9]{3})*$")

# Leading three letters that are not countries: international and transnational actors.
NON_STATE_PREFIXES = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS"}


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a code: "TURMIL" -> ("TUR", "MIL"), "SYR" -> ("SYR", None),
    "IGOUNO" -> (None, "IGO"), "IMGMUSISI" -> (None, "REB"), "REB" -> (None, "REB")."""
    head = code[:3]
    if head in NON_STATE_PREFIXES:
        return None, NON_STATE_PREFIXES[head]
    if head in load_countries():
        return head, (code[3:6] or None)
    return None, head or None


def is_code(code: str) -> bool:
    """True for codes made of three-character parts, the first alphabetic ("TURGOV",
    "IGOUNO", "CODREBM23")."""
    return bool(_CODE.match(code))
