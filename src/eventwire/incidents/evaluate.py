"""Scoring incident merging against gold: B-cubed precision, recall and F1 over articles.

Gold (JSON Lines): one article per line ``{id, source, published, title, text, incident}``,
``incident`` naming the happening the article is mainly about; articles with the same label
report the same incident.

What is scored: each gold article is one item, standing for its main event. Its *predicted*
incident is the incident holding most of the article's events that happened, an event of the
lead sentence counting double. Events that happened: not negated, hypothetical or future
(threats excepted: a threat happens when it is made), and not bare statements ("said").
Ties go to the incident reported by more articles (the better attested), then to the one met
first in the article (earliest sentence, most salient event). An article with no event is an
incident of its own. B-cubed (Bagga & Baldwin 1998) then compares, for every article, the set
of articles sharing its predicted incident with the set sharing its gold label: precision is
the share of the former that is right, recall the share of the latter that is found, each
averaged over articles; F1 is their harmonic mean.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EventwireError
from ..model import Article, Event
from .cluster import Clusterer
from .families import FamilyTable, default_families
from .records import ArticleMeta, Member

NOT_HAPPENINGS = frozenset({"statement"})
LEAD_WEIGHT = 2.0  # an event of the lead sentence counts as two of later sentences
SPEECH_ACTS = frozenset({"threaten"})  # a threat happens even though what it threatens may not


class GoldError(EventwireError):
    """A gold file could not be read."""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold article and the label of the incident it is mainly about."""

    id: str
    text: str
    incident: str
    source: str | None = None
    published: date | None = None
    title: str | None = None

    def article(self) -> Article:
        return Article(
            id=self.id,
            text=self.text,
            title=self.title,
            published=self.published,
            source=self.source,
        )


@dataclass(slots=True)
class IncidentScores:
    """B-cubed scores over the gold articles, with what went wrong."""

    articles: int
    gold_incidents: int
    predicted_incidents: int
    precision: float
    recall: float
    f1: float
    without_events: int
    split: dict[str, list[list[str]]] = field(default_factory=dict)  # gold label -> clusters
    merged: list[list[str]] = field(default_factory=list)  # clusters mixing gold labels

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_gold(path: str | Path) -> list[GoldArticle]:
    """The articles of a gold file."""
    out: list[GoldArticle] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise GoldError(f"[E410] cannot read gold file {path}: {e}") from e
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            published = record.get("published")
            out.append(
                GoldArticle(
                    id=str(record["id"]),
                    text=record["text"],
                    incident=str(record["incident"]),
                    source=record.get("source"),
                    published=date.fromisoformat(published) if published else None,
                    title=record.get("title"),
                )
            )
        except (ValueError, KeyError, TypeError) as e:
            raise GoldError(
                f"[E411] {path}:{n}: not a gold article ({type(e).__name__}: {e}); each line "
                "needs id, text and incident (source, published, title optional)"
            ) from e
    if not out:
        raise GoldError(f"[E412] {path} holds no gold articles")
    return out


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of the items of ``gold``
    (item -> label); ``predicted`` maps the same items to cluster ids."""
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    by_label: dict[str, set[str]] = defaultdict(set)
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_label[gold[item]].add(item)
        by_cluster[predicted[item]].add(item)
    precision = recall = 0.0
    for item in items:
        cluster = by_cluster[predicted[item]]
        label = by_label[gold[item]]
        correct = len(cluster & label)
        precision += correct / len(cluster)
        recall += correct / len(label)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main_incident(
    events: Sequence[Event],
    placed: Sequence[tuple[str, Member]],
    *,
    articles_of: Mapping[str, int] | None = None,
    families: FamilyTable | None = None,
) -> str | None:
    """The incident an article is mainly about (see the module docstring)."""
    families = families or default_families()
    by_id = {e.event_id: e for e in events}

    def happened(event: Event) -> bool:
        family = families.family_of(event)
        if family is None or family.name in NOT_HAPPENINGS or event.negated:
            return False
        return family.name in SPEECH_ACTS or not (event.hypothetical or event.future)

    chosen = [(i, m) for i, m in placed if happened(by_id[m.event_id])] or list(placed)
    if not chosen:
        return None
    count: dict[str, float] = defaultdict(float)
    first: dict[str, tuple[int, float]] = {}
    for incident_id, member in chosen:
        event = by_id[member.event_id]
        count[incident_id] += LEAD_WEIGHT if event.sentence_index == 0 else 1.0
        key = (event.sentence_index, -event.salience)
        first[incident_id] = min(first.get(incident_id, key), key)
    sizes = articles_of or {}
    return min(count, key=lambda i: (-count[i], -sizes.get(i, 1), first[i]))


def predict(
    gold: Sequence[GoldArticle], coded: Iterable[tuple[Article, list[Event]]]
) -> dict[str, str]:
    """Each gold article's predicted incident id, merging articles in publication order."""
    events_of = {article.id: events for article, events in coded}
    clusterer = Clusterer()
    placed: dict[str, list[tuple[str, Member]]] = {}
    for item in sorted(gold, key=lambda g: (g.published or date.min, g.id)):
        meta = ArticleMeta(
            article_id=item.id, source=item.source, published=item.published, title=item.title
        )
        placed[item.id] = clusterer.add(meta, events_of.get(item.id, []))
    sizes = {i.incident_id: i.num_articles for i in clusterer.incidents()}
    predicted: dict[str, str] = {}
    for item in gold:
        main = main_incident(
            events_of.get(item.id, []),
            placed[item.id],
            articles_of=sizes,
            families=clusterer.families,
        )
        predicted[item.id] = main if main is not None else f"none:{item.id}"
    return predicted


def score(gold: Sequence[GoldArticle], predicted: Mapping[str, str]) -> IncidentScores:
    labels = {g.id: g.incident for g in gold}
    precision, recall, f1 = bcubed(labels, predicted)
    clusters: dict[str, list[str]] = defaultdict(list)
    for item, cluster in predicted.items():
        clusters[cluster].append(item)
    by_label: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        by_label[g.incident].append(g.id)
    split = {
        label: sorted({tuple(sorted(clusters[predicted[i]])) for i in items})
        for label, items in by_label.items()
        if len({predicted[i] for i in items}) > 1
    }
    merged = [sorted(items) for items in clusters.values() if len({labels[i] for i in items}) > 1]
    return IncidentScores(
        articles=len(gold),
        gold_incidents=len(by_label),
        predicted_incidents=len(clusters),
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        without_events=sum(1 for c in predicted.values() if c.startswith("none:")),
        split={label: [list(c) for c in cs] for label, cs in sorted(split.items())},
        merged=sorted(merged),
    )


def evaluate_incidents(
    gold: str | Path | Sequence[GoldArticle],
    *,
    coded: Iterable[tuple[Article, list[Event]]] | None = None,
    n_process: int = 1,
    dictionaries: Sequence[Path] = (),
) -> IncidentScores:
    """Code the gold articles with the pipeline (unless ``coded`` gives their events), merge
    them into incidents and score the merging (B-cubed over articles)."""
    articles = read_gold(gold) if isinstance(gold, str | Path) else list(gold)
    if coded is None:
        from ..api import code_articles

        coded = code_articles(
            [a.article() for a in articles], n_process=n_process, dictionaries=dictionaries
        )
    return score(articles, predict(articles, coded))
