"""PETRARCH/TABARI discard lists: phrases that keep a sentence (or, with ``+``, the whole
story) from being coded ("BASEBALL", "+WORLD GOLF CHAMPIONSHIPS")."""

from __future__ import annotations

from pathlib import Path

from ..parts import Discards
from .reader import logical_lines, read_text, words_of


def parse_discard_text(text: str) -> Discards:
    sentence: list[str] = []
    story: list[str] = []
    for _, line in logical_lines(text):
        phrase = line.strip()
        target = story if phrase.startswith("+") else sentence
        words = words_of(phrase.lstrip("+")).lower()
        if words:
            target.append(words)
    return Discards(sentence=tuple(dict.fromkeys(sentence)), story=tuple(dict.fromkeys(story)))


def read_discard_file(path: Path) -> Discards:
    return parse_discard_text(read_text(path))
