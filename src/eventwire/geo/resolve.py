"""Choosing the place each mention refers to, for all mentions of an article at once.

A candidate's score starts from its prominence (log population, kind: a country outranks a
province, which outranks a town; a national capital and a match on the main name count) and then
takes in the article: its country focus (the countries that its other mentions and demonyms
name), places it lies in that the article names ("Edmonton ... Metcalfe County"), explicit
containment ("X, Y", "X in Y", "X province") and distance to the places already resolved. Two
rounds settle the choice; a name keeps one sense throughout the article. Doubtful candidates
(loose spellings, villages of a country the article never names) count only where the article
points.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from .build import ADMIN1, ADMIN2, CONTINENT, COUNTRY, PLACE, REGION, distance_km
from .gazetteer import Candidate, Gazetteer
from .recognise import Mention

KIND_BONUS = {PLACE: 0.8, ADMIN2: 0.2, ADMIN1: 1.6, COUNTRY: 3.0, REGION: 2.2, CONTINENT: 2.5}
FEW_PROVINCES = 4
MAIN_NAME = 0.8
CAPITAL = 2.0
CITY_OVER_ITS_REGION = 1.5  # "Aleppo": the city, unless "Aleppo province"
# "Mexico" named with Guerrero and Sinaloa is still the country, not the State of Mexico that
# its provinces back as a fellow province, unless "the state of Mexico"
COUNTRY_OVER_ITS_PROVINCE = 3.0
# a dateline names the best-known place of its name ("WASHINGTON (Reuters) -" is not Washington,
# Tyne and Wear, however British the story), unless it names its container ("EDMONTON, Ky.")
DATELINE = 4.0
# "Brooklyn, New York": the name after the comma is read as what holds the one before it; a
# city near that place holds it more tightly than the state around both
HOLDER = 2.0
NEAR_HOLDER = 4.5
NEAR_HOLDER_KM = 30.0
ADMIN_CUE = 3.0
PLACE_CUE = 2.0
FOCUS = 4.0
NAMED_CONTAINER = {ADMIN2: 2.5, ADMIN1: 1.5, REGION: 1.0}
EXPLICIT_CONTAINER = 8.0
SUPPORT = 1.5  # per other name in the article with a plausible candidate near or around
SUPPORT_KM = 150.0
SUPPORT_CANDIDATES = 12
SUPPORT_ROUNDS = 3  # support weighs others by their supported scores, so it is mutual
LOCAL = 2.0  # extra support between places a few km apart: neighbourhoods of one local story
LOCAL_KM = 5.0
SIBLING_KM = 400.0  # towns of one province support each other only this close (not all Texas)
HALF = 0.5  # support of a province by a place in it, and of places in the same province
AROUND = 0.5  # support of a place by a province or district that holds it
MAX_CANDIDATES = 40
REJECTED = -1000.0
# a doubtful candidate (see Resolver._fits) counts only near a place the article names for sure
FITS_KM = 250.0
# a village or small town (under STRAY_POPULATION) is doubtful in a country the article never
# names, where its other names (at least STRAY_MASS votes of them) point to another country
# (at least STRAY_SHARE of those votes)
STRAY_SHARE = 0.2
STRAY_MASS = 2.0
STRAY_POPULATION = 20_000
# a sea or a named region holds no population of its own, yet outranks the town it names
# ("Pacific", Missouri; "Atlantic", Iowa): it counts as a million people
REGION_PROMINENCE = 1_000_000


class Resolver:
    """Resolves the mentions of one article against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._county_countries: frozenset[int] | None = None

    def _counties_are_provinces(self, country: int) -> bool:
        """True for a country whose first-level divisions are few nations (England, Scotland,
        Wales, Northern Ireland), so that its counties rank as provinces elsewhere do: "Suffolk"
        in a British story is the county, not the town in Virginia."""
        if self._county_countries is None:
            tb = self.gaz.tables
            kinds = np.frombuffer(tb.kind, dtype=np.int8)
            countries = np.frombuffer(tb.country, dtype=np.int32)[kinds == ADMIN1]
            values, counts = np.unique(countries[countries >= 0], return_counts=True)
            few = values[counts <= FEW_PROVINCES]
            self._county_countries = frozenset(int(c) for c in few)
        return country in self._county_countries

    def resolve(self, mentions: list[Mention]) -> list[tuple[int | None, float]]:
        """For each mention, the chosen entry (or None) and its score margin over the next."""
        cands = [m.candidates[:MAX_CANDIDATES] for m in mentions]
        priors = [
            [self._prior(m, c, cs) + h for c, h in zip(cs, hs, strict=True)]
            for m, cs, hs in zip(mentions, cands, self._holders(mentions, cands), strict=True)
        ]
        # support is mutual: a namesake that two names' nearby candidates back gains weight,
        # so it backs them more in the next round ("Edmonton" and "Enfield" of north London)
        supported = priors
        for _ in range(SUPPORT_ROUNDS):
            support = self._support(mentions, cands, supported)
            supported = [
                [p + SUPPORT * x for p, x in zip(ps, xs, strict=True)]
                for ps, xs in zip(priors, support, strict=True)
            ]
        priors = supported
        choice = [self._argmax(p) for p in priors]
        scores = priors
        for _ in range(2):
            scores = self._with_context(mentions, cands, priors, choice)
            choice = [self._argmax(s) for s in scores]
        choice = self._one_sense(mentions, cands, scores, choice)
        out: list[tuple[int | None, float]] = []
        for cs, ss, k in zip(cands, scores, choice, strict=True):
            if k is None or ss[k] <= REJECTED:
                out.append((None, 0.0))
                continue
            rest = [s for j, s in enumerate(ss) if j != k]
            margin = ss[k] - max(rest) if rest else 10.0
            out.append((cs[k].entry, margin))
        return out

    # -- scores --------------------------------------------------------------------------------
    def _prior(self, m: Mention, c: Candidate, cands: list[Candidate]) -> float:
        tb = self.gaz.tables
        i = c.entry
        kind = tb.kind[i]
        population = tb.population[i]
        if kind == REGION:
            population = max(population, REGION_PROMINENCE)
        s = math.log10(population + 10)
        # a country or province named by one of its alternate names ("England" or "Gaza Strip"
        # for a country) loses its rank to an entry that bears the name as its own
        bonus = KIND_BONUS[kind]
        if kind == ADMIN2 and self._counties_are_provinces(tb.country[i]):
            bonus = KIND_BONUS[ADMIN1]
        if c.main or kind == PLACE:
            s += bonus
        elif not any(o.main for o in cands):
            s += bonus / 2
        if c.main:
            s += MAIN_NAME
        if tb.capital[i]:
            s += CAPITAL
        if m.cue == "admin" and kind in (ADMIN1, ADMIN2, REGION):
            s += ADMIN_CUE
        if m.cue in ("place", "dateline") and kind == PLACE:
            s += PLACE_CUE
        if m.cue == "dateline" and m.container is None and i == self._best_known(cands):
            s += DATELINE
        if kind == ADMIN1 and m.cue != "admin" and c.main:
            country = tb.country[i]
            if any(o.main and o.entry == country for o in cands[:8]):
                s -= COUNTRY_OVER_ITS_PROVINCE
        if kind == PLACE and m.cue != "admin":
            for other in cands[:8]:
                o = other.entry
                if tb.kind[o] not in (ADMIN1, ADMIN2):
                    continue
                # the city inside a province of its name ("Aleppo"), or a national capital
                # over a province of its own country that bears its name ("Washington")
                if (c.main and self.gaz.contains(o, i)) or (
                    tb.capital[i] and tb.kind[o] == ADMIN1 and tb.country[o] == tb.country[i]
                ):
                    s += CITY_OVER_ITS_REGION
                    break
        return s

    def _best_known(self, cands: list[Candidate]) -> int | None:
        """The most populous town that bears the name as its own."""
        tb = self.gaz.tables
        towns = [c.entry for c in cands if c.main and tb.kind[c.entry] == PLACE]
        return max(towns, key=tb.population.__getitem__) if towns else None

    def _holders(self, mentions: list[Mention], cands: list[list[Candidate]]) -> list[list[float]]:
        """Bonus for each candidate of a mention that others name as their container ("Buffalo,
        New York"): holding one of the contained name's places, or (a town) lying near one."""
        tb = self.gaz.tables
        out = [[0.0] * len(cs) for cs in cands]
        for inner, m in enumerate(mentions):
            j = m.container
            if j is None or m.demonym or mentions[j].demonym:
                continue
            inside = [c.entry for c in cands[inner][:8]]
            for k, c in enumerate(cands[j]):
                e = c.entry
                if tb.kind[e] == PLACE:
                    if any(
                        tb.kind[x] == PLACE
                        and x != e
                        and distance_km(tb.lat[e], tb.lon[e], tb.lat[x], tb.lon[x]) < NEAR_HOLDER_KM
                        for x in inside
                    ):
                        out[j][k] = max(out[j][k], NEAR_HOLDER)
                elif any(self.gaz.contains(e, x) for x in inside):
                    out[j][k] = max(out[j][k], HOLDER)
        return out

    def _with_context(
        self,
        mentions: list[Mention],
        cands: list[list[Candidate]],
        priors: list[list[float]],
        choice: list[int | None],
    ) -> list[list[float]]:
        tb = self.gaz.tables
        votes: list[dict[int, float]] = []
        for m, cs, ps, k in zip(mentions, cands, priors, choice, strict=True):
            v: dict[int, float] = defaultdict(float)
            if k is not None and not m.loose:
                weight = 1.0 if m.demonym or tb.kind[cs[k].entry] == COUNTRY else _confidence(ps)
                country = tb.country[cs[k].entry]
                if country >= 0:
                    v[country] += weight
            votes.append(v)
        total: dict[int, float] = defaultdict(float)
        for v in votes:
            for c, w in v.items():
                total[c] += w
        chosen = [
            cs[k].entry if k is not None else None for cs, k in zip(cands, choice, strict=True)
        ]
        out = []
        by_key: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for m, v in zip(mentions, votes, strict=True):
            for c, w in v.items():
                by_key[m.key][c] += w
        for m, cs, ps in zip(mentions, cands, priors, strict=True):
            own = by_key[m.key]  # a name does not vote for itself, however often it recurs
            mass = sum(total.values()) - sum(own.values())
            # a name is no evidence for itself, nor is a guess from a loose spelling
            others = [
                e
                for j, e in enumerate(chosen)
                if e is not None and mentions[j].key != m.key and not mentions[j].loose
            ]
            anchors = [e for e in others if tb.kind[e] in (PLACE, ADMIN2, ADMIN1, REGION)]
            focus, focus_share = self._focus(total, own, mass)
            container = chosen[m.container] if m.container is not None else None
            if any(c.main and tb.kind[c.entry] == COUNTRY for c in cs):
                container = None  # "Iraq, Iran, and Syria" lists countries, nothing holds Iraq
            elif container is not None and tb.kind[container] == ADMIN1:
                if any(
                    c.main
                    and tb.kind[c.entry] == ADMIN1
                    and tb.country[c.entry] == tb.country[container]
                    for c in cs
                ):
                    container = None  # "Wyoming, Illinois and Oklahoma" lists states
            scores = []
            for c, p in zip(cs, ps, strict=True):
                e = c.entry
                s = p
                country = tb.country[e]
                share = (total[country] - own.get(country, 0.0)) / mass if mass > 0 else 0.0
                if country >= 0:
                    s += FOCUS * share
                stray = (
                    mass >= STRAY_MASS
                    and focus_share >= STRAY_SHARE
                    and share <= 0.0
                    and tb.kind[e] in (PLACE, ADMIN2)
                    and tb.population[e] < STRAY_POPULATION
                )
                if (m.loose or stray) and not self._fits(e, focus, anchors):
                    scores.append(REJECTED)
                    continue
                if m.demonym:
                    scores.append(s)
                    continue
                if container is not None and (
                    self.gaz.contains(container, e) or container == tb.country[e]
                ):
                    s += EXPLICIT_CONTAINER
                named = 0.0
                for a in anchors:
                    if a != e and self.gaz.contains(a, e):
                        named = max(named, NAMED_CONTAINER.get(tb.kind[a], 0.0))
                s += named
                scores.append(s)
            out.append(scores)
        return out

    @staticmethod
    def _focus(
        total: dict[int, float], own: dict[int, float], mass: float
    ) -> tuple[tuple[int, ...], float]:
        """The countries the article's other names point to most (ties kept), and their share
        of those names' votes."""
        shares = {c: w - own.get(c, 0.0) for c, w in total.items() if c >= 0}
        top = max(shares.values(), default=0.0)
        if top <= 0.0 or mass <= 0.0:
            return (), 0.0
        return tuple(c for c, w in shares.items() if w >= top - 1e-9), top / mass

    def _fits(self, e: int, focus: tuple[int, ...], anchors: list[int]) -> bool:
        """Whether a doubtful candidate lies where the article points: in its focus country, or
        near (or inside) a place the article names for sure. Doubtful are the towns a loose
        spelling finds (anywhere: "Mbuyapi" in a Kenyan story is loosely Mbuyapey, Paraguay),
        and villages and small towns of a country the article never names while it is mostly
        about another (a Norwegian district called Haram in a story about Giza)."""
        tb = self.gaz.tables
        if tb.country[e] in focus:
            return True
        for a in anchors:
            if tb.kind[a] == PLACE:
                if distance_km(tb.lat[a], tb.lon[a], tb.lat[e], tb.lon[e]) <= FITS_KM:
                    return True
            elif self.gaz.contains(a, e):
                return True
        return False

    def _support(
        self,
        mentions: list[Mention],
        cands: list[list[Candidate]],
        priors: list[list[float]],
    ) -> list[list[float]]:
        """For each candidate, how many of the article's other names have a plausible candidate
        near it (within about SUPPORT_KM) or around it (a province or district holding it),
        each weighted by that candidate's plausibility relative to its name's best."""
        tb = self.gaz.tables
        owner_of: dict[str, int] = {}
        rows: list[tuple[int, int, int, float]] = []  # (mention, position, owner, weight)
        for i, (m, cs, ps) in enumerate(zip(mentions, cands, priors, strict=True)):
            if m.demonym or not cs:
                continue
            owner = owner_of.setdefault(m.key, len(owner_of))
            top = max(ps)
            order = sorted(range(len(cs)), key=lambda j: -ps[j])[:SUPPORT_CANDIDATES]
            rows.extend((i, j, owner, math.exp(ps[j] - top)) for j in order)
        out = [[0.0] * len(cs) for cs in cands]
        if len(owner_of) < 2:
            return out
        entries = np.array([cands[i][j].entry for i, j, _, _ in rows])
        owners = np.array([o for _, _, o, _ in rows])
        weights = np.array([w for _, _, _, w in rows])
        kinds = np.frombuffer(tb.kind, dtype=np.int8)[entries]
        lat = np.radians(np.frombuffer(tb.lat, dtype=np.float64)[entries])
        lon = np.radians(np.frombuffer(tb.lon, dtype=np.float64)[entries])
        a1 = np.frombuffer(tb.admin1, dtype=np.int32)[entries]
        a2 = np.frombuffer(tb.admin2, dtype=np.int32)[entries]
        countries = np.frombuffer(tb.country, dtype=np.int32)[entries]
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        h = (
            np.sin(dlat / 2) ** 2
            + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
        )
        km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
        # places support places near them; a province or district supports the places in it
        # and is supported by them; distance to a region's centre says little, and countries
        # are left to the article's focus
        place = kinds == PLACE
        near = (np.exp(-km / SUPPORT_KM) + LOCAL * np.exp(-km / LOCAL_KM)) * (
            place[:, None] & place[None, :]
        )
        around = (a1[:, None] == entries[None, :]) | (a2[:, None] == entries[None, :])
        holds = (a1[None, :] == entries[:, None]) | (a2[None, :] == entries[:, None])
        siblings = (
            (a1[:, None] == a1[None, :]) & (a1[:, None] >= 0) & place[:, None] & (km < SIBLING_KM)
        )
        # provinces named together are provinces of one country ("Oregon, Washington and
        # Wyoming"), not towns that happen to lie near one another
        states = (kinds == ADMIN1) & (countries >= 0)
        provinces = states[:, None] & states[None, :] & (countries[:, None] == countries[None, :])
        close = np.maximum.reduce(
            [
                near,
                AROUND * around,
                HALF * holds,
                HALF * (siblings & place[None, :]),
                HALF * provinces,
            ]
        )
        close = close * weights[None, :]
        close[owners[:, None] == owners[None, :]] = 0.0
        close[entries[:, None] == entries[None, :]] = 0.0
        n_owners = len(owner_of)
        best = np.zeros((len(rows), n_owners))
        for o in range(n_owners):
            mask = owners == o
            if mask.any():
                best[:, o] = close[:, mask].max(axis=1)
        total = best.sum(axis=1)
        for (i, j, _, _), value in zip(rows, total, strict=True):
            out[i][j] = float(value)
        return out

    def _one_sense(
        self,
        mentions: list[Mention],
        cands: list[list[Candidate]],
        scores: list[list[float]],
        choice: list[int | None],
    ) -> list[int | None]:
        """Mentions with the same key take the entry that scored best on any of them."""
        best: dict[str, tuple[float, int]] = {}
        for m, cs, ss, k in zip(mentions, cands, scores, choice, strict=True):
            if k is None:
                continue
            if m.key not in best or ss[k] > best[m.key][0]:
                best[m.key] = (ss[k], cs[k].entry)
        out = []
        for m, cs, k in zip(mentions, cands, choice, strict=True):
            if k is None:
                out.append(None)
                continue
            entry = best[m.key][1]
            out.append(next((j for j, c in enumerate(cs) if c.entry == entry), k))
        return out

    @staticmethod
    def _argmax(values: list[float]) -> int | None:
        if not values:
            return None
        return max(range(len(values)), key=values.__getitem__)


def _confidence(priors: list[float]) -> float:
    """Softmax probability of the best prior: how sure the mention is on its own."""
    if not priors:
        return 0.0
    top = max(priors)
    return 1.0 / sum(math.exp(p - top) for p in priors)
