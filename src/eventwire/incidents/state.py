"""What merging keeps: an article's account of a happening (``Report``) and an incident's
aggregates (``State``): day and place support, actors, words, tolls per article, members.

Only aggregates are kept per incident, so scoring a new report costs the same however many
reports an incident has, and an incident restored from its stored members is the one that
was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Casualties, Event
from .families import Family
from .features import Mention, Place, day_iso, norm
from .records import STATUS, ArticleMeta, Incident, Member

MAX_TOKENS = 48  # words kept per incident (the heaviest)
LEAD_WEIGHT = 1.0
LATER_WEIGHT = 0.4  # leads place and date their story best


def _contains(outer: Place, inner: Place) -> bool:
    if outer.rank <= inner.rank or outer.country != inner.country:
        return False
    return outer.rank == 3 or (outer.admin1 is not None and outer.admin1 == inner.admin1)


def best_place(support: dict[str, list]) -> Place | None:
    """The place most mentions agree on: its own support plus half of the support of coarser
    places that contain it ("Somalia" backs "Mogadishu"); ties go to the more precise."""
    best: Place | None = None
    best_score = (-1.0, 0)
    for place, _ in support.values():
        score = 0.0
        for other, weight in support.values():
            if other.key == place.key:
                score += weight
            elif _contains(other, place):
                score += 0.5 * weight
        ranked = (round(score, 6), -place.rank)
        if ranked > best_score:
            best, best_score = place, ranked
    return best


def core_days(support: dict[int, float]) -> frozenset[int]:
    """The days with at least half the support of the best-supported day."""
    if not support:
        return frozenset()
    top = max(support.values())
    return frozenset(day for day, weight in support.items() if weight >= 0.5 * top)


@dataclass(slots=True)
class Figure:
    """One article's casualty figures for an incident."""

    published: int
    order: tuple[int, float]
    killed: Casualties | None
    injured: Casualties | None


class _Cached:
    """The word-vector norm and the core days of a report or an incident, computed when first
    asked for and forgotten (set to None) by the class whenever its words or days change."""

    __slots__ = ()
    tokens: dict[str, float]
    days: dict[int, float]
    _norm: float | None
    _core: frozenset[int] | None

    @property
    def norm(self) -> float:
        if self._norm is None:
            self._norm = norm(self.tokens)
        return self._norm

    def core_days(self) -> frozenset[int]:
        if self._core is None:
            self._core = core_days(self.days)
        return self._core


class Report(_Cached):
    """One article's account of one happening: its events of one family that agree."""

    __slots__ = (
        "meta", "family", "modality", "mentions", "confidences", "days", "places",
        "actors", "countries", "tokens", "triggers", "update", "_norm", "_core", "_best",
        "_figure",
    )  # fmt: skip

    def __init__(self, meta: ArticleMeta, family: Family | None, modality: str) -> None:
        self.meta = meta
        self.family = family
        self.modality = modality
        self.mentions: list[Mention] = []
        self.confidences: list[float] = []
        self.days: dict[int, float] = {}
        self.places: dict[str, list] = {}
        self.actors: set[str] = set()
        self.countries: set[str] = set()
        self.tokens: dict[str, float] = {}
        self.triggers: set[str] = set()
        self.update = False
        self._norm: float | None = None
        self._core: frozenset[int] | None = None
        self._best: tuple[Place | None] | None = None
        self._figure: tuple[Figure | None] | None = None

    def add(self, mention: Mention, confidence: float) -> None:
        self.mentions.append(mention)
        self.confidences.append(confidence)
        weight = LEAD_WEIGHT if mention.event.sentence_index == 0 else LATER_WEIGHT
        for day in mention.days:
            self.days[day] = self.days.get(day, 0.0) + weight / len(mention.days)
        if mention.place is not None:
            entry = self.places.setdefault(mention.place.key, [mention.place, 0.0])
            entry[1] += weight
        self.actors |= mention.actors
        self.countries |= mention.countries
        for token, w in mention.tokens.items():
            if w > self.tokens.get(token, 0.0):
                self.tokens[token] = w
        self.triggers.add(mention.trigger)
        self.update = self.update or mention.update
        self._norm = self._core = self._best = self._figure = None

    def add_words(self, tokens: dict[str, float], weight: float) -> None:
        """Words of the article as a whole (title and lead), at a lower weight."""
        for token, w in tokens.items():
            if w * weight > self.tokens.get(token, 0.0):
                self.tokens[token] = w * weight
        self._norm = None

    def span(self) -> tuple[int, int] | None:
        days = self.core_days()
        if days:
            return min(days), max(days)
        lead = self.mentions[0]
        return (lead.lo, lead.hi) if lead.lo is not None and lead.hi is not None else None

    def best_place(self) -> Place | None:
        if self._best is None:
            self._best = (best_place(self.places),)
        return self._best[0]

    def figure(self) -> Figure | None:
        """The article's tolls: from its earliest sentence that states one (the most salient
        event there), never summed over sentences; an updated toll ("the death toll rose to
        21") read from the sentence when the event's own count is lower or missing."""
        if self._figure is None:
            self._figure = (self._read_figure(),)
        return self._figure[0]

    def _read_figure(self) -> Figure | None:
        published = self.meta.published.toordinal() if self.meta.published else 0

        def first(stated: list[Mention]) -> Mention | None:
            return min(stated, key=_prominence, default=None)

        killed = first([m for m in self.mentions if m.event.killed is not None])
        injured = first([m for m in self.mentions if m.event.injured is not None])
        toll = killed.event.killed if killed is not None else None
        update = next((m for m in self.mentions if m.update_toll), None)
        if update is not None and update.update_toll is not None:
            if toll is None or toll.best < update.update_toll:
                killed = update
                toll = Casualties(best=update.update_toll, low=update.update_toll,
                                  high=update.update_toll)  # fmt: skip
        if killed is None and injured is None:
            return None
        lead = killed if killed is not None else injured
        assert lead is not None
        hurt = injured.event.injured if injured is not None else None
        return Figure(published, _prominence(lead), toll, hurt)

    def block_countries(self) -> set[str]:
        """Where to look for candidate incidents: every country its events are placed in and
        its actors belong to (a misplaced report still meets its incident through its
        actors); "" when it has neither."""
        found = {p.country for p, _ in self.places.values() if p.country}
        return (found | self.countries) or {""}


class State(_Cached):
    """What an incident keeps to score new reports and to write its record."""

    __slots__ = (
        "id", "family", "modality", "days", "lo", "hi", "places", "actors", "tokens",
        "triggers", "killed_bests", "injured_bests", "figures", "outlets", "articles",
        "first_published", "last_published", "members", "rep", "rep_quality", "keys",
        "countries", "_norm", "_core", "_places",
    )  # fmt: skip

    def __init__(self, incident_id: str, family: Family | None, modality: str) -> None:
        self.id = incident_id
        self.family = family
        self.modality = modality
        self.days: dict[int, float] = {}
        self.lo: int | None = None
        self.hi: int | None = None
        self.places: dict[str, list] = {}
        self.actors: set[str] = set()
        self.tokens: dict[str, float] = {}
        self.triggers: set[str] = set()
        self.killed_bests: set[int] = set()
        self.injured_bests: set[int] = set()
        self.figures: dict[str, Figure] = {}
        self.outlets: set[str] = set()
        self.articles: set[str] = set()
        self.first_published: date | None = None
        self.last_published: date | None = None
        self.members: list[Member] = []
        self.rep: Event | None = None  # the representative event (kept whole)
        self.rep_quality = float("-inf")
        self.keys: set[tuple] = set()
        self.countries: set[str] = set()
        self._norm: float | None = None
        self._core: frozenset[int] | None = None
        self._places: list[Place] | None = None

    def add(self, report: Report, confidence: float) -> list[Member]:
        """Take a report in; its members' confidences are ``confidence`` times their
        confidence within the article."""
        days = report.core_days()
        for day in days:
            self.days[day] = self.days.get(day, 0.0) + 1.0 / len(days)
        span = report.span()
        if span is not None:
            self.lo = span[0] if self.lo is None else min(self.lo, span[0])
            self.hi = span[1] if self.hi is None else max(self.hi, span[1])
        place = report.best_place()
        if place is not None:
            self.places.setdefault(place.key, [place, 0.0])[1] += 1.0
        self.actors |= report.actors
        self.countries |= report.block_countries()
        for token, weight in report.tokens.items():
            self.tokens[token] = self.tokens.get(token, 0.0) + weight
        if len(self.tokens) > 2 * MAX_TOKENS:
            kept = sorted(self.tokens.items(), key=lambda kv: -kv[1])[:MAX_TOKENS]
            self.tokens = dict(kept)
        self._norm = self._core = self._places = None
        self.triggers |= report.triggers
        figure = report.figure()
        meta = report.meta
        if figure is not None:
            if figure.killed is not None and figure.killed.best:
                self.killed_bests.add(figure.killed.best)
            if figure.injured is not None and figure.injured.best:
                self.injured_bests.add(figure.injured.best)
            known = self.figures.get(meta.article_id)
            if known is None or figure.order < known.order:
                self.figures[meta.article_id] = figure
        self.outlets.add(meta.outlet)
        self.articles.add(meta.article_id)
        if meta.published is not None:
            if self.first_published is None or meta.published < self.first_published:
                self.first_published = meta.published
            if self.last_published is None or meta.published > self.last_published:
                self.last_published = meta.published
        added = []
        for mention, within in zip(report.mentions, report.confidences, strict=True):
            member = Member(
                event_id=mention.event_id,
                article_id=meta.article_id,
                sentence_index=mention.event.sentence_index,
                confidence=round(confidence * within, 3),
                source=meta.source,
                published=meta.published,
            )
            added.append(member)
            if mention.quality > self.rep_quality:
                self.rep, self.rep_quality = mention.event, mention.quality
        self.members.extend(added)
        return added

    def span(self) -> tuple[int, int] | None:
        days = self.core_days()
        if days:
            return min(days), max(days)
        return (self.lo, self.hi) if self.lo is not None and self.hi is not None else None

    def best_place(self) -> Place | None:
        return best_place(self.places)

    def core_places(self) -> list[Place]:
        """The places with at least half the support of the best-supported one."""
        if self._places is None:
            top = max((weight for _, weight in self.places.values()), default=0.0)
            self._places = [p for p, weight in self.places.values() if weight >= 0.5 * top]
        return self._places

    def block_keys(self) -> set[tuple]:
        """(family, modality, country, day) for every country and day it is placed in."""
        if self.family is None or self.modality == "!":
            return set()
        span = self.span()
        if span is None:
            return set()
        name = self.family.name
        return {
            (name, self.modality, country, day)
            for country in self.countries
            for day in range(span[0], span[1] + 1)
        }

    def precise_places(self) -> list[Place]:
        """Its places precise to a town (or district) with coordinates."""
        return [p for p, _ in self.places.values() if p.rank <= 1 and p.lat is not None]

    def to_incident(self, *, members: bool = True) -> Incident:
        """The incident record: representative fields, combined tolls, counts, members."""
        rep = self.rep
        place = self.best_place()
        days = self.days
        if days:
            top = max(days.values())
            day = min(d for d, w in days.items() if w == top)
            when, precision = day_iso(day), "day"
        else:
            when = rep.date if rep is not None else None
            precision = rep.date_precision if rep is not None else "unknown"
        span = self.span()
        first, last = (day_iso(span[0]), day_iso(span[1])) if span is not None else (None, None)
        killed, injured = combine_figures(self.figures.values())
        return Incident(
            incident_id=self.id,
            family=self.family.name if self.family is not None else "other",
            event_id=rep.event_id if rep is not None else "",
            status=STATUS[self.modality],
            plover_type=rep.plover_type if rep else None,
            cameo_code=rep.cameo_code if rep else None,
            cameo_root=rep.cameo_root if rep else None,
            acled_event_type=rep.acled_event_type if rep else None,
            acled_sub_event_type=rep.acled_sub_event_type if rep else None,
            trigger=rep.trigger if rep else "",
            sentence=rep.sentence if rep else "",
            source_actors=list(rep.source_actors) if rep else [],
            target_actors=list(rep.target_actors) if rep else [],
            location=place.location if place is not None else None,
            countries=sorted(c for c in self.countries if c),
            date=when,
            date_precision=precision,
            first_date=first,
            last_date=last,
            killed=killed,
            injured=injured,
            num_mentions=len(self.members),
            num_sources=len(self.outlets),
            num_articles=len(self.articles),
            sources=sorted(self.outlets),
            first_published=self.first_published,
            last_published=self.last_published,
            confidence=round(sum(m.confidence for m in self.members) / len(self.members), 3)
            if self.members
            else 1.0,
            members=list(self.members) if members else [],
        )


def combine_figures(figures: Iterable[Figure]) -> tuple[Casualties | None, Casualties | None]:
    """The incident's tolls from its articles' figures: ``best`` from the most recent article
    (an update replaces, never adds), ``low``/``high`` the lowest and highest reported."""
    figures = list(figures)
    return (
        _combine([(f.published, f.killed) for f in figures if f.killed is not None]),
        _combine([(f.published, f.injured) for f in figures if f.injured is not None]),
    )


def _combine(reported: list[tuple[int, Casualties]]) -> Casualties | None:
    reported = [(p, c) for p, c in reported if c.best is not None]
    if not reported:
        return None
    _, latest = max(reported, key=lambda pc: (pc[0], pc[1].best))
    low = min(c.low if c.low is not None else c.best for _, c in reported)
    high = max(c.high if c.high is not None else c.best for _, c in reported)
    return Casualties(
        best=latest.best,
        low=min(low, latest.best),
        high=max(high, latest.best),
        military=latest.military,
        civilian=latest.civilian,
    )


def _prominence(mention: Mention) -> tuple[int, float]:
    """Earlier sentences first, then the more salient event."""
    return mention.event.sentence_index, -mention.event.salience
