"""The document that flows through the stages, the stage protocol and the runner.

A stage is a callable ``Document -> Document`` with a ``name``. The runner checks that every
stage hands a Document back, so a stage that forgets to return fails loudly and early.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .errors import StageError
from .model import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .actors.mentions import Mention
    from .coding.prefilter import Prefilter


@dataclass(slots=True)
class Sentence:
    """One sentence of an article. ``doc`` is its spaCy parse, or None when it was not parsed
    because it holds no possible event trigger. Token offsets inside ``doc`` are relative to the
    sentence; add ``start`` for offsets in the article text."""

    index: int
    start: int
    end: int
    text: str
    doc: Doc | None = None

    def article_span(self, span: Span | Token) -> tuple[int, int]:
        """Character offsets of a spaCy token or span of this sentence in the article text."""
        if hasattr(span, "idx"):  # Token
            return self.start + span.idx, self.start + span.idx + len(span.text)
        return self.start + span.start_char, self.start + span.end_char


@dataclass(slots=True)
class Document:
    """An article on its way through the pipeline. ``names``: the named actors found in its
    text and its country focus (see ``eventwire.actors.mentions.scan``), once scanned."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    names: tuple[list[Mention], str | None] | None = None

    def sentence_of(self, event: Event) -> Sentence:
        return self.sentences[event.sentence_index]


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


def run_stages(doc: Document, stages: Sequence[Stage]) -> Document:
    """Apply the stages in order, checking that each returns a Document."""
    for stage in stages:
        result = stage(doc)
        if not isinstance(result, Document):
            raise StageError(
                f"[E001] stage '{stage.name}' returned {type(result).__name__} instead of a "
                "Document; did you forget to return it?"
            )
        doc = result
    return doc


def iter_documents(
    articles: Iterable[Article], *, n_process: int = 1, prefilter: Prefilter | None = None
) -> Iterator[Document]:
    """Split and parse articles, yielding Documents ready for the coding stages. ``prefilter``
    tells which sentences go to the parser (default: the built-in triggers')."""
    from .nlp import parse_articles

    yield from parse_articles(articles, n_process=n_process, prefilter=prefilter)
