"""Name keys: how a place name and a stretch of text are reduced before they are compared.

A *key* is the lower-cased, diacritic-free spelling of a name with apostrophes dropped, hyphens
read as spaces, Arabic articles (al-, an-, el-, ash- ...) written "al", doubled letters collapsed
and a few vowel spellings merged (ou/oo -> u, ee -> i), so that transliterations meet:
"Ma'arrat an Nu'man" and "Maarat al-Numan" share the key "marat al numan", "Khan Younis" and
"Khan Yunis" share "khan yunis". Text is cut into word tokens with offsets so that a key found in
the text maps back to exact character offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPECIAL = str.maketrans(
    {
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
    }
)
APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_DROP = re.compile(f"[{APOSTROPHES}]")
_NON_ALPHA = re.compile(r"[^a-z ]+")
_DOUBLE = re.compile(r"(.)\1+")
ARTICLES = frozenset(
    "al el an ar as ash at ad az ed en er es et ul ud ur us ush ad adh al- ath az-".split()
)
# Articles that are also English words: in text, read as "al" only when glued with a hyphen
# ("an-Nasiriyah"); names are also filed under their spelling as written ("Ma'arrat an Nu'man").
_ENGLISH_ARTICLES = frozenset({"an", "as", "at", "en", "es", "us", "ed"})

# Word tokens: dotted abbreviations (U.S., B.C.), or letters with inner apostrophes.
TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[" + APOSTROPHES + r"][^\W\d_]+)*",
)
# Abbreviations that open place names and keep their dot in text: "St. Louis", "Ft. Worth".
NAME_ABBREVIATIONS = frozenset({"St", "Ste", "Mt", "Ft"})
CONNECTORS = frozenset(
    "of the and de del della di da do dos das du des la le les los las y e upon on sur en au aux "
    "von van der den im am bin ibn al el an ar as ash at ad az ed er es et ul ur us".split()
)


def fold(text: str) -> str:
    """Lower-case ASCII letters and spaces: diacritics and apostrophes dropped, hyphens and other
    punctuation read as spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROP.sub("", text).lower()
    return " ".join(_NON_ALPHA.sub(" ", text).split())


@lru_cache(maxsize=1 << 16)
def _folded_word(word: str) -> str:
    return fold(word).replace(" ", "")


@lru_cache(maxsize=1 << 18)
def _word_key(word: str) -> str:
    word = word.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    word = _DOUBLE.sub(r"\1", word)
    if len(word) > 4 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    if word in ("saint", "st"):
        return "st"
    if word in ("sainte", "ste"):
        return "ste"
    if word in ("fort", "ft"):
        return "fort"
    if word in ("mount", "mt"):
        return "mt"
    return word


@lru_cache(maxsize=1 << 18)
def name_keys(name: str) -> tuple[str, ...]:
    """The keys under which a gazetteer name is filed: its full key, and the key without a
    leading article ("Ar Raqqah" -> "al raqa", "raqa"; "The Hague" -> "the hague", "hague")."""
    words = fold(name).split()
    if not words:
        return ()
    raw = " ".join(_word_key(w) for w in words)
    words = [
        "al" if w in ARTICLES and i < len(words) - 1 else _word_key(w) for i, w in enumerate(words)
    ]
    full = " ".join(words)
    keys = [full] if raw == full else [full, raw]
    if len(words) > 1 and words[0] in ("al", "the"):
        rest = " ".join(words[1:])
        if len(rest) >= 4:
            keys.append(rest)
    return tuple(keys)


def key(name: str) -> str:
    """The main key of a name (see :func:`name_keys`)."""
    keys = name_keys(name)
    return keys[0] if keys else ""


def loose(k: str) -> str:
    """A looser key for a last try: vowels after the first letter of each word dropped
    (Idleb / Idlib, Kobane / Kobani)."""
    return " ".join(w[0] + re.sub("[aeiouy]", "", w[1:]) for w in k.split())


@dataclass(slots=True)
class Token:
    """A word of the text with its offsets and key."""

    start: int
    end: int
    text: str
    key: str
    glued: bool  # joined to the previous token by a hyphen or whitespace only (no punctuation)

    @property
    def upper_initial(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with their keys; Arabic articles are normalised in context."""
    tokens: list[Token] = []
    prev_end = 0
    for m in TOKEN.finditer(text):
        gap = text[prev_end : m.start()]
        glued = bool(tokens) and (gap.strip() in ("", "-", "‐", "–") and "\n" not in gap)
        if not glued and tokens and tokens[-1].text in NAME_ABBREVIATIONS:
            glued = gap.startswith(".") and gap[1:].isspace() and "\n" not in gap  # "St. Louis"
        word, end = m.group(), m.end()
        if len(word) > 3 and word[-1] in "sS" and word[-2] in APOSTROPHES:  # possessive
            word, end = word[:-2], end - 2
        tokens.append(Token(m.start(), end, word, _folded_word(word), glued))
        prev_end = end
    for i, tok in enumerate(tokens):
        low = tok.key
        if low in ARTICLES and i + 1 < len(tokens) and tokens[i + 1].glued:
            nxt = tokens[i + 1]
            hyphen = text[tok.end : nxt.start] in ("-", "‐")
            if hyphen or (low not in _ENGLISH_ARTICLES and nxt.upper_initial):
                tok.key = "al"
                continue
        tok.key = _word_key(low)
    return tokens
