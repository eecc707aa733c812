"""A stand-in coding stage for testing the Spark plumbing without the real coders: one event
per parsed sentence, with every nested record (actors, location, casualties) filled in."""

from __future__ import annotations

from eventwire.model import Actor, Casualties, Event, Location, event_id_for
from eventwire.pipeline import Document

FAIL_MARK = "FAIL-ME"


class FakeStage:
    name = "fake"

    def __call__(self, doc: Document) -> Document:
        if FAIL_MARK in doc.article.text:
            raise RuntimeError("this record fails on purpose")
        for sentence in doc.sentences:
            if sentence.doc is None:
                continue
            token = next((t for t in sentence.doc if t.pos_ == "VERB"), sentence.doc[0])
            start, end = sentence.article_span(token)
            published = doc.article.published
            doc.events.append(
                Event(
                    event_id=event_id_for(doc.article.id, start, "190"),
                    article_id=doc.article.id,
                    sentence_index=sentence.index,
                    sentence=sentence.text,
                    trigger=token.text,
                    trigger_start=start,
                    trigger_end=end,
                    cameo_code="190",
                    goldstein=-10,  # an int where the schema says float: must be coerced
                    plover_context=["a", "b"],
                    source_actors=[Actor(text=token.text, code="TURMIL", start=start, end=end)],
                    location=Location(name="Idlib", geonameid=1, lat=35.9, lon=36.6),
                    killed=Casualties(best=3, low=2, high=4),
                    date=published.isoformat() if published and sentence.index % 2 else None,
                )
            )
        return doc


def make_stages() -> list[FakeStage]:
    return [FakeStage()]


class FailOnMark:
    """Raises on records carrying FAIL_MARK; hands every other document on unchanged."""

    name = "fail-on-mark"

    def __call__(self, doc: Document) -> Document:
        if FAIL_MARK in doc.article.text:
            raise RuntimeError("this record fails on purpose")
        return doc


def default_stages_failing_on_mark() -> list:
    """The library's default stages (built once per Python worker, as the job builds them),
    behind a stage that makes marked records fail."""
    from eventwire.spark.worker import build_stages

    return [FailOnMark(), *build_stages(None, ())]
