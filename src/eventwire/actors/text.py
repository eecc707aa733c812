"""Normalising names for dictionary lookups (case, accents, dots in acronyms, "the", "'s")."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_acronym(text: str) -> bool:
    """Short all-capital forms ("US", "U.K.", "DRC") that must match case-sensitively."""
    letters = text.replace(".", "").replace("&", "")
    return 1 < len(letters) <= 5 and letters.isalpha() and letters.isupper()


def clean(text: str) -> str:
    """Accents off, typographic quotes straightened, spaces collapsed, "the" and "'s" dropped."""
    text = _SPACE.sub(" ", strip_accents(text).translate(_QUOTES)).strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return text.strip()


def name_key(text: str) -> str:
    """The lookup key of a name: acronyms keep their case (so "us" is not "US"), others fold."""
    text = clean(text)
    if is_acronym(text):
        return "=" + text.replace(".", "")
    return text.casefold()


def query_keys(text: str) -> tuple[str, ...]:
    """Keys to try for a query: its own key, plus the folded form of an all-caps headline word."""
    key = name_key(text)
    if key.startswith("="):
        return (key, clean(text).casefold())
    return (key,)
