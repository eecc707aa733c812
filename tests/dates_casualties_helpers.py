"""Build Documents by hand for the date and casualty stages: a stand-in for the extractor that
puts an event on each gold trigger word (nth occurrence), with the gold's CAMEO code."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from eventwire.model import Article, Event
from eventwire.nlp import prepare
from eventwire.pipeline import Document
from eventwire.scoring.dates_casualties import find_trigger

GOLD = Path(__file__).parent / "data" / "dates_casualties_gold.jsonl"

PLOVER_BY_ROOT = {"18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT", "14": "PROTEST",
                  "15": "MOBILIZE", "13": "THREATEN", "17": "COERCE", "04": "CONSULT",
                  "05": "COOPERATE", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
                  "09": "CONSULT", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
                  "16": "SANCTION", "01": "CONSULT", "02": "REQUEST", "03": "CONSULT"}  # fmt: skip


def make_event(doc: Document, trigger: str, *, occurrence: int = 1, cameo: str = "190",
               future: bool = False, hypothetical: bool = False) -> Event:  # fmt: skip
    """An event on the ``occurrence``-th match of ``trigger`` in the document's text."""
    text = doc.article.text
    span = find_trigger(text, trigger, occurrence)
    if span is None:
        raise ValueError(f"trigger {trigger!r} #{occurrence} not in {text!r}")
    start, end = span
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    if cameo.startswith("145") or cameo.startswith("175"):
        plover = "ASSAULT"
    else:
        plover = PLOVER_BY_ROOT.get(cameo[:2])
    return Event(
        event_id=f"e{len(doc.events) + 1}",
        article_id=doc.article.id,
        sentence_index=sentence.index,
        sentence=sentence.text,
        trigger=text[start:end],
        trigger_start=start,
        trigger_end=end,
        cameo_code=cameo,
        cameo_root=cameo[:2],
        plover_type=plover,
        plover_mode="arrest" if cameo.startswith("173") else None,
        future=future,
        hypothetical=hypothetical,
    )


def build_document(text: str, nlp, *, published: date | None = None,
                   events: list[dict[str, Any]] = ()) -> Document:  # fmt: skip
    """Split and parse ``text`` and put hand-made events on it (gold event dicts: trigger,
    occurrence, cameo_code, future)."""
    doc = prepare(Article.from_text(text, published=published))
    for sentence in doc.sentences:
        sentence.doc = nlp(sentence.text)
    for spec in events:
        doc.events.append(
            make_event(
                doc,
                spec["trigger"],
                occurrence=spec.get("occurrence", 1),
                cameo=spec.get("cameo_code", "190"),
                future=spec.get("future", False),
                hypothetical=spec.get("hypothetical", False),
            )
        )
    return doc


def document_from_gold(record: dict[str, Any], nlp) -> Document:
    published = date.fromisoformat(record["published"]) if record.get("published") else None
    return build_document(record["text"], nlp, published=published, events=record["events"])
