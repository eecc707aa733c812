"""The extraction stage: parsed sentences in, Event records with coded actors out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Actor, Event, event_id_for
from ..pipeline import Document, Sentence
from .frames import VIOLENT_ROOTS, Frame, build_frames, embedded_code
from .lexicon import Lexicon, builtin_lexicon, load_lexicon_file

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors import ActorCoder, DocumentActors

#: Future coercion by a known actor is a threat (PLOVER THREATEN), not the act itself.
FUTURE_AS_THREAT = {"18": "138", "19": "138", "20": "138", "17": "137", "16": "131"}


@dataclass(slots=True)
class Extractor:
    """Stage ``extract``: find triggers, their roles and flags, and code the actors."""

    lexicon: Lexicon
    actors: ActorCoder
    name: str = "extract"

    @classmethod
    def load(cls, *, dictionaries: Sequence[Path] = ()) -> Extractor:
        from ..actors import ActorCoder

        lexicon = builtin_lexicon()
        for path in _lexicon_files(dictionaries):
            lexicon = lexicon.merged(load_lexicon_file(path))
        return cls(lexicon=lexicon, actors=ActorCoder.load(dictionaries=dictionaries))

    def __call__(self, doc: Document) -> Document:
        actors = self.actors.for_document(doc)
        for sentence in doc.sentences:
            if sentence.doc is None:
                continue
            for frame in build_frames(sentence.doc, self.lexicon):
                event = self._event(doc, sentence, frame, actors)
                if event is not None:
                    doc.events.append(event)
        return doc

    def _event(
        self, doc: Document, sentence: Sentence, frame: Frame, actors: DocumentActors
    ) -> Event | None:
        if frame.code is None:
            return None
        sources = _code_all(actors, sentence, frame.sources)
        targets = _code_all(actors, sentence, frame.targets)
        speaker = _code_all(actors, sentence, [frame.speaker] if frame.speaker else [])
        m = frame.modality
        code, negated = _announced(frame, has_source=bool(sources))
        start, end = sentence.article_span(frame.token)
        return Event(
            event_id=event_id_for(doc.article.id, start, code),
            article_id=doc.article.id,
            sentence_index=sentence.index,
            sentence=sentence.text,
            trigger=frame.token.text,
            trigger_start=start,
            trigger_end=end,
            cameo_code=code,
            plover_mode=frame.mode,
            plover_context=list(frame.context),
            source_actors=sources,
            target_actors=[t for t in targets if t.code is None or t not in sources],
            speaker=speaker[0] if speaker else None,
            negated=negated,
            hypothetical=m.hypothetical,
            future=m.future,
            historical=m.historical,
            confidence=_confidence(frame, sources, targets),
            salience=_salience(frame, code, sentence.index),
        )


def _announced(frame: Frame, *, has_source: bool) -> tuple[str, bool]:
    """What a future or refused act is as an event of its own (CAMEO): "will strike" is a
    threat, "will free prisoners" an intent, "will not lift sanctions" a refusal."""
    code, m = frame.code or "", frame.modality
    if frame.kind is not None or not has_source:
        return code, m.negated
    root = code[:2]
    if (m.future or m.hypothetical) and not m.negated and root in FUTURE_AS_THREAT:
        return FUTURE_AS_THREAT[root], False
    if m.future and "03" < root < "09":
        intent = embedded_code("intent", code, lemma="")
        if m.negated:
            return embedded_code("reject", code, lemma="") or "120", False
        return intent or "030", False
    return code, m.negated


def _code_all(actors: DocumentActors, sentence: Sentence, heads: list[Token]) -> list[Actor]:
    out: list[Actor] = []
    for head in heads:
        actor = actors.code(sentence, head)
        if actor is not None and all((a.start, a.end) != (actor.start, actor.end) for a in out):
            out.append(actor)
    return out


def _confidence(frame: Frame, sources: list[Actor], targets: list[Actor]) -> float:
    score = 0.4
    score += 0.25 if any(a.code for a in sources) else 0.0
    score += 0.15 if any(a.code for a in targets) else 0.0
    score += 0.1 if frame.code and len(frame.code) >= 3 and frame.code[2:] != "0" else 0.0
    if frame.modality.hypothetical or frame.modality.negated:
        score -= 0.1
    return round(max(0.05, min(score, 0.95)), 2)


def _salience(frame: Frame, code: str, sentence_index: int) -> float:
    """How well an event stands for its sentence or snippet (used by --main-only): events
    near the top of the parse and early in the article win; bare statements lose."""
    score = 1.0 / (1.0 + frame.depth)
    if code.startswith("01") and code not in ("015", "016", "018", "012", "013", "011", "019"):
        score -= 0.45
    if frame.modality.negated:
        score -= 0.2
    score -= 0.05 * min(sentence_index, 10)
    return round(score, 3)


def main_event(events: Sequence[Event]) -> Event | None:
    """The single most salient event of a record."""
    return max(events, key=lambda e: e.salience, default=None)


def _lexicon_files(dictionaries: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dictionaries:
        d = Path(d)
        candidates = sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml")) if d.is_dir() else [d]
        files += [p for p in candidates if p.name.startswith("triggers")]
    return files
