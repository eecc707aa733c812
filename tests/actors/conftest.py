"""Actor-coding fixtures: the coder (dictionary loaded once) and a phrase-coding helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eventwire.actors.coder import ActorCoder
from eventwire.model import Actor, Article
from eventwire.nlp import prepare


@pytest.fixture(scope="session")
def coder() -> ActorCoder:
    return ActorCoder.load()


CodeFn = Callable[..., Actor | None]


@pytest.fixture(scope="session")
def code_phrase(nlp, coder: ActorCoder) -> CodeFn:
    """Code the phrase ``phrase`` (its syntactic root) in the sentence of ``text`` it occurs
    in, after the coder has seen the whole article."""

    def run(text: str, phrase: str, *, day: date | None = None, occurrence: int = 0) -> Actor:
        doc = prepare(Article.from_text(text, published=day or date(2020, 6, 1)))
        for sentence in doc.sentences:
            sentence.doc = nlp(sentence.text)
        actors = coder.for_document(doc)
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        sentence = next(s for s in doc.sentences if s.start <= start < s.end)
        lo = start - sentence.start
        span = sentence.doc.char_span(lo, lo + len(phrase), alignment_mode="expand")
        assert span is not None, f"{phrase!r} is not a token span"
        return actors.code(sentence, span.root)

    return run
