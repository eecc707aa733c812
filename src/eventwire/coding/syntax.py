"""Small helpers over spaCy tokens shared by the trigger matcher and the pattern conditions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """The tokens and their conjuncts ("Russia and Syria"), each once, in order."""
    out: list[Token] = []
    seen: set[int] = set()
    for t in tokens:
        for c in (t, *t.conjuncts):
            if c.i not in seen:
                seen.add(c.i)
                out.append(c)
    return out
