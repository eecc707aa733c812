"""Online merging of events into incidents, one article at a time.

1. An article's events are grouped into *reports*: events of one family (and modality) that
   agree on day and place are one account of one happening ("stormed ... killing 8", "the
   blast", "the attack" in later sentences).
2. Each report looks up candidate incidents by blocking keys (family, modality, country, day)
   within the family's day window, scores each (``score.py``) and joins the best one scoring
   above zero, or founds a new incident.

Adding an article costs the same however many incidents exist (blocking keeps the candidates
few), and incidents stored earlier can be restored from their member events to take new
articles.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from ..model import Event
from .families import Family, FamilyTable, default_families
from .features import Mention, Place, cosine, inherit_setting, mention_of, tokens_of
from .records import STATUS, ArticleMeta, Incident, Member
from .score import (
    DEFAULT_CONFIG,
    REJECT,
    MergeConfig,
    actor_points,
    confidence,
    context_points,
    day_points,
    place_points,
)
from .state import Report, State

CELL_KM = 111.0  # grid cells span the distance that rules a merge out (km per degree)
NEAR = (-1, 0, 1)  # so a place's own and neighbouring cells hold everything within reach
ANYWHERE = "*"  # the country of a lookup that matches incidents of every country
#: Evicted incidents kept packed in memory, at most (about 1.5 KB each): brought back exactly
#: as they were, where one read back from the store is rebuilt from its member events alone.
PARKED_BYTES = 192 * 2**20


def incident_id_for(event_id: str) -> str:
    """Stable incident id, from the event that founded it."""
    return "I" + hashlib.sha1(event_id.encode()).hexdigest()[:15]


def _order(mention: Mention) -> tuple[int, int, str]:
    """Article order (the event id breaks ties, so input order never matters)."""
    return mention.event.sentence_index, mention.event.trigger_start, mention.event.event_id


class Clusterer:
    """Merges articles' events into incidents, incrementally.

    ``add(meta, events)`` places one article's events and returns (incident id, member)
    pairs; ``restore(incident_id, members)`` brings back an incident stored earlier so new
    articles can join it; ``incidents()`` gives the records. ``touched`` holds the ids of the
    incidents created or changed by ``add`` since the last ``clear_touched()``, ``founded``
    those of them it created.
    """

    def __init__(
        self,
        *,
        families: FamilyTable | None = None,
        config: MergeConfig = DEFAULT_CONFIG,
        parked_bytes: int | None = None,
    ) -> None:
        self.families = families or default_families()
        self.config = config
        self._states: dict[str, State] = {}
        self._index: dict[tuple, list[State]] = defaultdict(list)
        self._released: set[str] = set()  # ids of incidents no report can join, let go
        self._evicted: set[str] = set()  # ids of incidents let go that may be restored
        # evicted incidents kept packed, the earliest parked first; and the packed copies of
        # those brought back and not changed since, so that evicting them again costs nothing
        self._parked: dict[str, bytes] = {}
        self._parked_size = 0
        self._parked_bytes = PARKED_BYTES if parked_bytes is None else parked_bytes
        self._clean: dict[str, bytes] = {}
        self.touched: set[str] = set()
        self.founded: set[str] = set()
        self._looked_up: dict[int, tuple[Event, Mention]] = {}  # by id(event), for ``add``

    def __len__(self) -> int:
        return len(self._states)

    def ids(self) -> Iterator[str]:
        """The ids of the incidents held (restored or created), in creation order."""
        return iter(self._states)

    def holds(self, incident_id: str) -> bool:
        """Whether this incident was created or restored here (even if since released)."""
        return incident_id in self._states or incident_id in self._released

    def release_unreachable(self) -> int:
        """Let go of the incidents no report can ever join (negated, of no family, undated:
        they are in no block), keeping only their ids; returns how many. For long runs that
        keep one clusterer: such incidents are most of them, and need no memory once written."""
        gone = [i for i, state in self._states.items() if not state.keys and i not in self.touched]
        for incident_id in gone:
            del self._states[incident_id]
            self._clean.pop(incident_id, None)
        self._released.update(gone)
        return len(gone)

    def evict(self, keep: int) -> int:
        """Let go of all but the ``keep`` incidents reaching the latest days (to bound memory;
        the others are parked, packed, while they fit in ``parked_bytes``, else restored from
        the store when wanted again); returns how many went."""
        if len(self._states) <= keep:
            return 0
        by_day = sorted(self._states.values(), key=lambda s: -1 if s.hi is None else s.hi)
        going = by_day[: len(by_day) - keep]
        gone = {s.id for s in going}
        self._evicted |= gone
        for state in going:
            self._park(state)
        self._states = {i: s for i, s in self._states.items() if i not in gone}
        for key in {key for state in going for key in state.keys}:  # only the keys they used
            kept = [s for s in self._index[key] if s.id not in gone]
            if kept:
                self._index[key] = kept
            else:
                del self._index[key]
        return len(going)

    def _park(self, state: State) -> None:
        blob = self._clean.pop(state.id, None)
        if blob is None:
            family, state.family = state.family, None  # shared: kept by name
            try:
                packed = (family.name if family is not None else None, state)
                blob = zlib.compress(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL), 1)
            finally:
                state.family = family
        self._parked[state.id] = blob
        self._parked_size += len(blob)
        while self._parked_size > self._parked_bytes and self._parked:
            oldest = next(iter(self._parked))  # restored from the store if wanted again
            self._parked_size -= len(self._parked.pop(oldest))

    def unpark(self, incident_id: str) -> bool:
        """Bring back an evicted incident as it was, if it is parked; whether it was."""
        blob = self._parked.pop(incident_id, None)
        if blob is None:
            return False
        self._parked_size -= len(blob)
        name, state = pickle.loads(zlib.decompress(blob))
        state.family = self.families.families[name] if name is not None else None
        self._states[incident_id] = state
        self._clean[incident_id] = blob
        for key in state.keys:
            self._index[key].append(state)
        return True

    # -- adding -----------------------------------------------------------------------------

    def add(self, meta: ArticleMeta, events: Sequence[Event]) -> list[tuple[str, Member]]:
        """Merge one article's events; returns where each went."""
        mentions = sorted((self._mention(e, meta) for e in events), key=_order)
        out: list[tuple[str, Member]] = []
        for report in self.group(meta, mentions):
            state, points = self._match(report)
            if state is None:
                state = State(incident_id_for(report.mentions[0].event_id), report.family,
                              report.modality)  # fmt: skip
                # an event merged twice: keep both apart
                while self.holds(state.id) or state.id in self._evicted:
                    state.id = incident_id_for(state.id)
                self._states[state.id] = state
                self.founded.add(state.id)
                share = 1.0
            else:
                share = confidence(points)
            members = state.add(report, share)
            self._register(state)
            self.touched.add(state.id)
            self._clean.pop(state.id, None)
            out.extend((state.id, member) for member in members)
        return out

    def _mention(self, event: Event, meta: ArticleMeta) -> Mention:
        """The event's features: those ``lookups`` computed for it, else computed now."""
        found = self._looked_up.pop(id(event), None)
        if found is not None and found[0] is event:
            return found[1]
        return mention_of(event, meta, self.families)

    def group(self, meta: ArticleMeta, mentions: Sequence[Mention]) -> list[Report]:
        """An article's mentions as reports: each joins the best-agreeing report of its family
        in the article, or starts one."""
        reports: list[Report] = []
        inherit_setting(mentions)
        for mention in mentions:
            best, best_points = None, 0.0
            if mention.family is not None and mention.modality != "!":
                for report in reports:
                    if report.family is not mention.family or report.modality != mention.modality:
                        continue
                    points = self._within_points(mention, report)
                    if points > best_points:
                        best, best_points = report, points
            if best is None:
                best = Report(meta, mention.family, mention.modality)
                reports.append(best)
                best.add(mention, 1.0)
            else:
                best.add(mention, confidence(best_points))
        context = tokens_of(meta.title) if meta.title else {}
        if mentions:
            for token, weight in mentions[0].tokens.items():
                context[token] = max(weight, context.get(token, 0.0))
        for report in reports:
            report.add_words(context, self.config.context_weight)
        return reports

    def _within_points(self, mention: Mention, report: Report) -> float:
        config = self.config
        points = config.prior_within
        days = report.core_days()
        if mention.days and days:
            gap = min(abs(a - b) for a in mention.days for b in days)
            if gap == 0:
                points += config.within_same_day
            elif gap == 1:
                points += config.within_day_apart
            else:
                points += config.within_days_apart
        assert report.family is not None
        points += config.within_place_scale * place_points(
            mention.place, report.best_place(), report.family, config
        )
        if mention.event.historical != report.mentions[0].event.historical:
            points += config.within_historical
        sentence = mention.event.sentence_index
        if any(m.event.sentence_index == sentence for m in report.mentions):
            points += config.within_same_sentence
        return points

    def lookups(
        self, meta: ArticleMeta, events: Sequence[Event]
    ) -> set[tuple[str, str, str, int, int]]:
        """Where incidents this article's events may join are registered: (family, status,
        country, first day, last day) ranges, for fetching stored incidents to ``restore``;
        the country is ``ANYWHERE`` ("*") when the article names none. The features computed
        here are kept for ``add`` of the same event objects."""
        mentions = [mention_of(event, meta, self.families) for event in events]
        for event, mention in zip(events, mentions, strict=True):
            self._looked_up[id(event)] = (event, mention)
        countries = set()
        for mention in mentions:
            countries |= mention.countries
            if mention.place is not None and mention.place.country:
                countries.add(mention.place.country)
        countries = countries | {""} if countries else {ANYWHERE}
        out = set()
        for mention in mentions:
            family = mention.family
            if (
                family is None
                or mention.modality == "!"
                or mention.lo is None
                or mention.hi is None
            ):
                continue
            window = family.window_days
            lo, hi = mention.lo - window, mention.hi + window
            status = STATUS[mention.modality]
            out |= {(family.name, status, country, lo, hi) for country in countries}
        return out

    def _candidates(self, report: Report) -> Iterator[State]:
        """Incidents registered in the report's blocks. A report placed precisely (in a
        physical family) looks only at incidents placed near it or placed vaguely; others
        look at every incident of their countries and days; a report dated to the day but
        with no country at all looks at every incident of its days."""
        family = report.family
        span = report.span()
        if family is None or report.modality == "!" or span is None:
            return
        place = report.best_place()
        cell = self._cell(place, family)
        seen: set[str] = set()
        window = family.window_days
        name, modality = family.name, report.modality
        index = self._index
        countries = report.block_countries()
        if countries == {""} and report.core_days():
            for day in range(span[0] - window, span[1] + window + 1):
                for state in index.get(("a", name, modality, day), ()):
                    if state.id not in seen:
                        seen.add(state.id)
                        yield state
        for country in countries:
            for day in range(span[0] - window, span[1] + window + 1):
                if cell is None:
                    keys = [("c", name, modality, country, day)]
                else:
                    x, y = cell
                    keys = [("v", name, modality, country, day)]
                    keys += [
                        ("f", name, modality, country, day, x + dx, y + dy)
                        for dx in NEAR
                        for dy in NEAR
                    ]
                for key in keys:
                    for state in index.get(key, ()):
                        if state.id not in seen:
                            seen.add(state.id)
                            yield state

    def _cell(self, place: Place | None, family: Family) -> tuple[int, int] | None:
        """The grid cell of a precise place, for physical families (else None)."""
        if place is None or place.rank > 1 or place.lat is None or place.lon is None:
            return None
        if not family.physical:
            return None
        size = max(1.0, self.config.reject_beyond * family.max_km / CELL_KM)
        return math.floor(place.lat / size), math.floor(place.lon / size)

    def _match(self, report: Report) -> tuple[State | None, float]:
        best, best_points = None, 0.0
        for state in self._candidates(report):
            points = self.points(report, state)
            if points > best_points:
                best, best_points = state, points
        return best, best_points

    def points(self, report: Report, state: State) -> float:
        """How strongly the evidence says ``report`` is an account of ``state``'s incident."""
        config = self.config
        family = report.family
        assert family is not None
        days = day_points(
            report.core_days(), report.span(), state.core_days(), state.span(), family, config
        )
        if days == REJECT:
            return REJECT
        points = config.prior_across + days
        where = self._place_points(report.best_place(), state.core_places(), family)
        if where == REJECT:
            return REJECT
        points += where
        points += actor_points(report.actors, state.actors, config)
        similarity = cosine(report.tokens, state.tokens, report.norm, state.norm)
        points += context_points(similarity, config)
        figure = report.figure()
        if figure is not None:
            if figure.killed is not None and figure.killed.best in state.killed_bests:
                points += config.same_killed
            if figure.injured is not None and figure.injured.best in state.injured_bests:
                points += config.same_injured
        if report.update and state.killed_bests:
            toll = figure.killed.best if figure is not None and figure.killed else None
            if toll is None or toll >= max(state.killed_bests):
                points += config.toll_update
        if report.triggers & state.triggers:
            points += config.same_trigger
        return points

    def _place_points(self, place: Place | None, known: list[Place], family: Family) -> float:
        """A report's place against an incident's best-supported places: the best agreement,
        unless the most precise of them rule it out."""
        if place is None or not known:
            return 0.0
        finest = min(p.rank for p in known)
        points = [(p.rank, place_points(place, p, family, self.config)) for p in known]
        if max(pts for rank, pts in points if rank == finest) == REJECT:
            return REJECT
        return max(pts for _, pts in points)

    def _register(self, state: State) -> None:
        """Index an incident under its blocks: coarse keys for every incident; grid-cell keys
        for its precise places, or "vague" keys when it has none (physical families)."""
        coarse = state.block_keys()
        keys = {("c", *key) for key in coarse}
        keys |= {("a", family, modality, day) for family, modality, _, day in coarse}
        family = state.family
        if family is not None and family.physical and coarse:
            cells = {self._cell(place, family) for place in state.precise_places()}
            cells.discard(None)
            if cells:
                keys |= {("f", *key, *cell) for key in coarse for cell in cells if cell}
            else:
                keys |= {("v", *key) for key in coarse}
        for key in keys - state.keys:
            self._index[key].append(state)
        state.keys |= keys

    # -- restoring and reading ----------------------------------------------------------------

    def restore(
        self, incident_id: str, members: Iterable[tuple[Event, ArticleMeta, float]]
    ) -> None:
        """Bring back a stored incident from its member events (with their confidences)."""
        by_article: dict[str, list[tuple[Mention, ArticleMeta, float]]] = {}
        for event, meta, share in members:
            mention = mention_of(event, meta, self.families)
            by_article.setdefault(meta.article_id, []).append((mention, meta, share))
        if not by_article:
            return
        state: State | None = None
        ordered = sorted(by_article.values(), key=lambda rows: article_order(rows[0][1]))
        for rows in ordered:
            rows.sort(key=lambda row: _order(row[0]))
            lead = rows[0][0]
            report = Report(rows[0][1], lead.family, lead.modality)
            for mention, _, share in rows:
                report.add(mention, share)
            if state is None:
                state = State(incident_id, lead.family, lead.modality)
            state.add(report, 1.0)
            # the stored confidences stand: State.add multiplied them by 1.0
        assert state is not None
        self._states[incident_id] = state
        self._register(state)

    def incident(self, incident_id: str) -> Incident:
        return self._states[incident_id].to_incident()

    def incidents(
        self, ids: Iterable[str] | None = None, *, members: bool = True
    ) -> Iterator[Incident]:
        """The incident records (all, or those with the given ids), in creation order;
        without ``members`` their member lists are left empty."""
        states = self._states.values() if ids is None else (self._states[i] for i in ids)
        for state in states:
            yield state.to_incident(members=members)

    def clear_touched(self) -> None:
        self.touched = set()
        self.founded = set()


def article_order(meta: ArticleMeta) -> tuple[date, str]:
    """Publication order (unknown dates first), as the store reads pending articles."""
    return meta.published or date.min, meta.article_id


def merge_incidents(
    events: Iterable[Event],
    *,
    articles: dict[str, ArticleMeta] | None = None,
    config: MergeConfig = DEFAULT_CONFIG,
) -> list[Incident]:
    """Merge a set of events into incidents in one go, articles in publication order.
    ``articles`` gives each article's source and publication date (unknown without it)."""
    articles = articles or {}
    by_article: dict[str, list[Event]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append(event)
    metas = [articles.get(a) or ArticleMeta(article_id=a) for a in by_article]
    clusterer = Clusterer(config=config)
    for meta in sorted(metas, key=article_order):
        clusterer.add(meta, by_article[meta.article_id])
    return list(clusterer.incidents())
