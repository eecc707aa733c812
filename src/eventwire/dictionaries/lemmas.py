"""Verb lemmas for dictionary words ("SAID" -> say, "KILLED" -> kill), the way the parser's
lemmatizer finds them, so that an imported verb replaces the built-in entry of its lemma.

Uses the lookup tables of the installed spaCy pipeline (exceptions, known lemmas, suffix
rules); falls back to plain suffix rules when they cannot be read.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_RULES = (("ies", "y"), ("ied", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", ""), ("s", ""))  # fmt: skip


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], frozenset[str], list[tuple[str, str]]] | None:
    try:
        import importlib

        from spacy.lookups import Lookups

        from ..nlp import MODEL_NAME

        package = importlib.import_module(MODEL_NAME)
        folder = next(Path(package.__file__).parent.glob("*/lemmatizer/lookups"))
        lookups = Lookups().from_disk(folder)
        exc = dict(lookups.get_table("lemma_exc").get("verb", {}))
        index = frozenset(lookups.get_table("lemma_index").get("verb", []))
        rules = [tuple(r) for r in lookups.get_table("lemma_rules").get("verb", [])]
        return exc, index, rules  # type: ignore[return-value]
    except (ImportError, OSError, StopIteration, KeyError, ValueError) as e:
        log.debug("spaCy lemma tables unavailable (%s); using suffix rules", e)
        return None


def verb_lemma(word: str) -> str:
    """The lemma of a verb form; the word itself when nothing better is known."""
    w = word.lower()
    tables = _tables()
    if tables is None:
        for old, new in _RULES:
            if w.endswith(old) and len(w) > len(old) + 2:
                return w[: len(w) - len(old)] + new
        return w
    exc, index, rules = tables
    if w in exc:
        return exc[w][0]
    if w in index:
        return w
    for old, new in rules:
        if w.endswith(old):
            candidate = w[: len(w) - len(old)] + new
            if candidate in index:
                return candidate
    return w
