"""Numbers and vague quantities in words and digits: "twenty-three", "1,200", "1.5 million",
"a dozen", "dozens", "at least 20", "between 5 and 10".

Conventions (ACLED-like, conservative): ``best`` is the lowest figure the text supports.
Vague plurals count one unit with a ``high`` just below the next unit — "dozens" 12 (high 99),
"scores" 20 (99), "hundreds" 100 (999), "thousands" 1,000 (9,999); "several" and "a few" 3
(high 9 and 5), "a handful" 3 (5), "many"/"numerous" 10 (no high). "at least N", "more than N",
"over N": low = best = N, high open. "up to N", "nearly N", "fewer than N": best = high = N.
"about N": best N, no bounds. "N to M", "N or M", "between N and M": low = best = N, high = M.
Figures above ``MAX_NUMBER`` are clamped to it; malformed input gives None, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NUMBER = 10**9
_MAX_DIGITS = 15

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
    "mln": 10**6, "bn": 10**9, "m": 10**6, "k": 1000,
}  # fmt: skip
_NOUN_NUMBERS = {"dozen": 12, "score": 20, "half-dozen": 6}
# vague plurals: word -> (best, high)
_VAGUE = {
    "dozens": (12, 99), "scores": (20, 99), "hundreds": (100, 999),
    "thousands": (1000, 9999), "millions": (10**6, 10**7 - 1),
    "several": (3, 9), "few": (3, 5), "handful": (3, 5), "couple": (2, 2),
    "many": (10, None), "numerous": (10, None), "multiple": (3, None),
}  # fmt: skip


def _clamp(value: float) -> int:
    return int(min(value, MAX_NUMBER))


def _digits(word: str) -> float | None:
    raw = word.replace(",", "")
    whole = raw.split(".")[0]
    if not raw or len(whole) > _MAX_DIGITS:
        return float(MAX_NUMBER) if whole.isdigit() else None
    try:
        return float(raw)
    except ValueError:
        return None


def parse_number(text: str) -> int | None:
    """The number a phrase states: "twenty-three" 23, "a hundred" 100, "1,200", "1.5 million",
    "a dozen" 12, "two dozen" 24, "one hundred and five" 105. None when it is not a number."""
    words = [w.lower() for w in _TOKEN.findall(text or "") if w not in "-\u2013"]
    value = _parse_words(words)
    return None if value is None else _clamp(value)


def _parse_words(words: list[str]) -> float | None:
    if not words:
        return None
    if words[0] in ("a", "an") and len(words) > 1:
        words = ["one", *words[1:]]
    words = [w for i, w in enumerate(words) if not (w in ("a", "an") and words[i - 1] == "half")]
    total = 0.0
    current: float | None = None
    for word in words:
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:  # twenty-three
            current = (current or 0) + _TENS[parts[0]] + _UNITS[parts[1]]
        elif word[0].isdigit():
            if current is not None:
                return None
            current = _digits(word)
            if current is None:
                return None
        elif word in _UNITS:
            current = (current or 0) + _UNITS[word]
        elif word in _TENS:
            current = (current or 0) + _TENS[word]
        elif word in _NOUN_NUMBERS or word == "half":
            factor = _NOUN_NUMBERS.get(word, 0.5)
            current = (current if current is not None else 1) * factor
        elif word == "hundred":
            current = (current if current is not None else 1) * 100
        elif word in _SCALES:
            total += (current if current is not None else 1) * _SCALES[word]
            current = None
        elif word == "and" and (current is not None or total):
            continue
        else:
            return None
        if (current or 0) + total > MAX_NUMBER:
            return float(MAX_NUMBER)
    return total + (current or 0)


@dataclass(slots=True, frozen=True)
class Quantity:
    """A count as a text states it, with conservative bounds."""

    best: int
    low: int | None = None
    high: int | None = None
    additive: bool = False  # "another 5", "a further 5": adds to an earlier count


_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+(?:-[a-z]+)*|[-\u2013]", re.IGNORECASE)
_NUMBER_WORDS = {*_UNITS, *_TENS, "hundred", "thousand", "million", "billion", "dozen", "half",
                 "mln", "bn"} - {"no", "none", "zero"}  # fmt: skip
_AT_LEAST = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than",
             "not less than", "a minimum of")  # fmt: skip
_AT_MOST = ("up to", "as many as", "nearly", "almost", "close to", "fewer than", "less than",
            "under", "at most")  # fmt: skip
_ABOUT = ("about", "around", "some", "approximately", "roughly", "an estimated", "estimated",
          "perhaps", "possibly", "a total of", "a reported", "reportedly")  # fmt: skip
_ADDITIVE = ("another", "a further", "an additional", "further", "additional", "a second")
_FILLERS = ("the", "all", "both", "his", "her", "their", "its", "our", "whose")
_VAGUE_PHRASES = ("a few", "a handful", "a couple", "tens of thousands", "hundreds of thousands")


def _is_number_word(word: str) -> bool:
    if word[0].isdigit():
        return True
    parts = word.split("-")
    return all(p in _NUMBER_WORDS for p in parts) or word == "half-dozen"


class _Cursor:
    """Words of a phrase with their end offsets, read left to right."""

    def __init__(self, text: str) -> None:
        found = list(_TOKEN.finditer(text))
        self.words = [m.group().lower() for m in found]
        self.ends = [m.end() for m in found]
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.words[j] if j < len(self.words) else ""

    def take(self, phrases: tuple[str, ...]) -> str:
        """Consume the longest of ``phrases`` found here; return it or ''."""
        for phrase in sorted(phrases, key=len, reverse=True):
            parts = phrase.split()
            if self.words[self.i : self.i + len(parts)] == parts:
                self.i += len(parts)
                return phrase
        return ""

    def end(self) -> int:
        return self.ends[self.i - 1] if self.i else 0

    def number(self) -> int | None:
        """Consume a number in words or digits ("one hundred and five", "a dozen")."""
        start = self.i
        words: list[str] = []
        if self.peek() in ("a", "an") and _is_number_word(self.peek(1) or "x"):
            words.append(self.peek())
            self.i += 1
        while self.peek() and _is_number_word(self.peek()):
            if words and self.peek()[0].isdigit():
                break
            words.append(self.peek())
            self.i += 1
            if words[-1] == "half" and self.peek() in ("a", "an"):
                self.i += 1
            if (
                words[-1] in ("hundred", "thousand", "million", "billion")
                and self.peek() == "and"
                and _is_number_word(self.peek(1) or "x")
            ):
                self.i += 1
        if not words and self.peek() in ("a", "an", "one"):  # "a civilian": one
            self.i += 1
            return 1
        value = _parse_words(words) if words else None
        if value is None:
            self.i = start
            return None
        return _clamp(value)


def parse_quantity(text: str) -> tuple[Quantity, int] | None:
    """The quantity a phrase starts with and the offset where it ends: "at least 13 soldiers" ->
    (Quantity(13, low=13), 11); "a civilian" -> (Quantity(1, 1, 1), 1). None when the phrase
    does not start with a count."""
    cur = _Cursor(text)
    while cur.take(_FILLERS):
        pass
    additive = bool(cur.take(_ADDITIVE))
    mod = cur.take(_AT_LEAST + _AT_MOST + _ABOUT)
    between = bool(cur.take(("between",)))
    vague = cur.take(_VAGUE_PHRASES) or (cur.peek() if cur.peek() in _VAGUE else "")
    if vague:
        if " " not in vague:
            cur.i += 1
        key = vague.split()[-1] if not vague.startswith(("tens", "hundreds of")) else vague
        if key == "tens of thousands":
            best, high = 10_000, 99_999
        elif key == "hundreds of thousands":
            best, high = 100_000, 999_999
        else:
            best, high = _VAGUE[key]
        if cur.peek() in ("hundred", "thousand", "million"):  # "several hundred"
            factor = _SCALES[cur.peek()]
            cur.i += 1
            best, high = best * factor, (high + 1) * factor - 1 if high else None
        best, high = _clamp(best), None if high is None else _clamp(high)
        low = None if mod in _AT_MOST else best
        return Quantity(best, low, high, additive), cur.end()
    first = cur.number()
    if first is None:
        return None
    end = cur.end()
    second = None
    if cur.peek() in ("to", "or", "-", "\u2013") or (between and cur.peek() == "and"):
        cur.i += 1
        second = cur.number()
        if second is not None and second > first:
            end = cur.end()
        else:
            second = None
    if second is not None:
        return Quantity(first, first, second, additive), end
    if mod in _AT_LEAST:
        return Quantity(first, first, None, additive), end
    if mod in _AT_MOST:
        return Quantity(first, None, first, additive), end
    if mod:
        return Quantity(first, None, None, additive), end
    return Quantity(first, first, first, additive), end
