"""Evidence that two accounts describe one happening, in log-odds points.

Each function compares one aspect (day, place, actors, words, tolls, trigger) and returns
points: positive when the aspect agrees, negative when it disagrees, ``REJECT`` when the two
cannot be one incident (days or places too far apart for the family). A report joins the
best-scoring incident when the total, with the prior, is above zero; the membership's
confidence is the logistic of that total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .families import Family
from .features import Place, haversine_km

REJECT = float("-inf")


@dataclass(frozen=True, slots=True)
class MergeConfig:
    """The weights of the evidence (defaults tuned on our own gold, see tests/data)."""

    prior_across: float = -2.0  # two reports from different articles
    prior_within: float = 1.0  # two events of one article
    same_day: float = 1.5
    day_apart: float = -4.0  # per day, both dated to the day
    soft_overlap: float = 0.3
    soft_apart: float = -1.0  # per day, when one is dated only by its article
    same_spot_km: float = 10.0
    same_spot: float = 1.5
    other_country_precise: float = -4.0
    other_country_vague: float = -2.0
    other_country_statement: float = -0.7
    too_far: float = -3.0
    reject_beyond: float = 3.0  # precise places this many times the family's max_km apart
    same_admin1: float = 0.7
    other_admin1: float = -2.5
    same_country: float = 0.1
    within_place_scale: float = 0.3  # places of one article's events are noisier evidence
    shared_actor: float = 0.4  # a shared country + sector ("COLMIL")
    shared_group: float = 1.0  # a shared named group ("SOMREBSHB")
    rival_group: float = -1.0
    context_pivot: float = 0.25
    context_slope: float = 6.0
    context_floor: float = -1.5
    context_cap: float = 3.5
    same_killed: float = 0.7
    same_injured: float = 0.4
    same_trigger: float = 0.3
    toll_update: float = 0.8  # "the toll rose to ...": an update of a known incident
    context_weight: float = 0.5  # the article's title and lead count towards every report's words
    within_same_day: float = 0.5
    within_day_apart: float = -0.8
    within_days_apart: float = -2.0
    within_historical: float = -1.2
    within_same_sentence: float = 1.0


DEFAULT_CONFIG = MergeConfig()


def confidence(points: float) -> float:
    """Log-odds points as a probability, rounded for storage."""
    if points == REJECT:
        return 0.0
    return round(1.0 / (1.0 + math.exp(-points)), 3)


def day_points(
    days_a: frozenset[int] | set[int],
    span_a: tuple[int, int] | None,
    days_b: frozenset[int] | set[int],
    span_b: tuple[int, int] | None,
    family: Family,
    config: MergeConfig,
) -> float:
    """Two accounts' days: ``days_*`` the days they are dated to (may be empty), ``span_*``
    the range they may have happened in."""
    if days_a and days_b:
        gap = min(abs(a - b) for a in days_a for b in days_b)
        if gap == 0:
            return config.same_day
        if gap > family.window_days:
            return REJECT
        return config.day_apart * gap
    if span_a is None or span_b is None:
        return 0.0
    gap = max(span_a[0] - span_b[1], span_b[0] - span_a[1], 0)
    if gap == 0:
        return config.soft_overlap
    if gap > family.window_days + 1:
        return REJECT
    return config.soft_apart * gap


def place_points(a: Place | None, b: Place | None, family: Family, config: MergeConfig) -> float:
    """Two places: the same spot, the same province, other countries, too far apart..."""
    if a is None or b is None:
        return 0.0
    if a.country and b.country and a.country != b.country:
        if not family.physical:
            return config.other_country_statement
        if a.rank < 3 and b.rank < 3:
            return config.other_country_precise
        return config.other_country_vague
    if a.rank == 3 or b.rank == 3:
        return config.same_country if a.country and b.country else 0.0
    if a.rank <= 1 and b.rank <= 1:
        if a.key == b.key:
            return config.same_spot
        if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
            km = haversine_km(a.lat, a.lon, b.lat, b.lon)
            if km <= config.same_spot_km:
                return config.same_spot
            if km <= family.max_km:
                span = max(family.max_km - config.same_spot_km, 1.0)
                return config.same_spot * (1.0 - (km - config.same_spot_km) / span)
            if not family.physical:
                return 0.0
            return REJECT if km > config.reject_beyond * family.max_km else config.too_far
    if a.admin1 and b.admin1:
        if a.admin1 == b.admin1:
            return config.same_admin1
        return config.other_admin1 if family.physical else 0.0
    return 0.0


def is_named_group(code: str) -> bool:
    return len(code) >= 9


def actor_points(
    a: set[str] | frozenset[str], b: set[str] | frozenset[str], config: MergeConfig
) -> float:
    """Shared coded actors (country + sector or a named group) agree; two different named
    groups of the same country and sector disagree."""
    shared = {code for code in a & b if len(code) >= 6}
    if shared:
        if any(is_named_group(c) for c in shared):
            return config.shared_group
        return config.shared_actor
    groups_a = {c for c in a if is_named_group(c)}
    groups_b = {c for c in b if is_named_group(c)}
    if groups_a and groups_b and {c[:6] for c in groups_a} & {c[:6] for c in groups_b}:
        return config.rival_group
    return 0.0


def context_points(similarity: float, config: MergeConfig) -> float:
    points = config.context_slope * (similarity - config.context_pivot)
    return max(config.context_floor, min(config.context_cap, points))
