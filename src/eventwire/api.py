"""The Python API: code articles or plain text into events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Article, Event
from .pipeline import Document, Stage, iter_documents, run_stages

if TYPE_CHECKING:
    from .coding.prefilter import Prefilter


def default_stages(*, dictionaries: Sequence[Path] = ()) -> list[Stage]:
    """The coding stages in pipeline order, after parsing."""
    from .casualties import CasualtyCounter
    from .coding.extract import Extractor
    from .coding.ontology import Classifier
    from .geo.locate import Locator
    from .when import Dater

    # the classifier runs after the tolls: ACLED tells attacks on civilians by the victims
    return [
        Extractor.load(dictionaries=dictionaries),
        Dater(),
        CasualtyCounter(),
        Classifier(),
        Locator.load(),
    ]


def code_documents(
    articles: Iterable[Article],
    *,
    n_process: int = 1,
    dictionaries: Sequence[Path] = (),
    stages: Sequence[Stage] | None = None,
) -> Iterator[Document]:
    """Code a stream of articles; yields each finished Document in input order. With
    ``n_process`` > 1 only the parsing is spread over processes (the Documents hold parses);
    ``code_articles`` spreads the whole coding."""
    stages = list(stages) if stages is not None else default_stages(dictionaries=dictionaries)
    prefilter = coding_prefilter(stages)
    for doc in iter_documents(articles, n_process=n_process, prefilter=prefilter):
        yield run_stages(doc, stages)


def coding_prefilter(stages: Sequence[Stage]) -> Prefilter | None:
    """Which sentences the stages need parsed: those that may hold one of the extractor's
    events (None without an extractor: the built-in triggers')."""
    from .casualties import TOLL_FORMS
    from .coding.extract import Extractor

    extractor = next((s for s in stages if isinstance(s, Extractor)), None)
    if extractor is None:
        return None
    # sentences that only tell a toll are parsed too, so it reaches the event told before
    return extractor.prefilter() | TOLL_FORMS


def code_articles(
    articles: Iterable[Article],
    *,
    n_process: int = 1,
    dictionaries: Sequence[Path] = (),
    stages: Sequence[Stage] | None = None,
) -> Iterator[tuple[Article, list[Event]]]:
    """Code a stream of articles; yields (article, events) pairs in input order. With
    ``n_process`` > 1 (and the default stages) whole articles are coded in that many worker
    processes."""
    if n_process > 1 and stages is None:
        from .pool import CodingPool

        with CodingPool(n_process, dictionaries=dictionaries) as pool:
            yield from pool.code(articles)
        return
    for doc in code_documents(
        articles, n_process=n_process, dictionaries=dictionaries, stages=stages
    ):
        yield doc.article, doc.events


def code_text(
    text: str,
    *,
    published: date | None = None,
    article_id: str | None = None,
    dictionaries: Sequence[Path] = (),
) -> list[Event]:
    """Code one text and return its events."""
    article = Article.from_text(text, id=article_id, published=published)
    return next(code_articles([article], dictionaries=dictionaries))[1]
