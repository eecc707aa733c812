"""Scoring places against gold toponyms (accuracy within 161 km, error in km, AUC, recognition)."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError
from .build import COUNTRY, distance_km
from .places import Geoparser, default_geoparser

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of an unresolved toponym
ACCURACY_KM = 161.0  # 100 miles


@dataclass(slots=True)
class PlaceScores:
    """Geocoding scores (over gold toponyms, or the recognised ones end to end) and, end to
    end, recognition precision/recall by exact span."""

    documents: int
    gold: int
    predicted: int
    scored: int  # toponyms whose resolution was scored
    accuracy_161: float
    mean_km: float
    median_km: float
    auc: float  # area under the log-error curve, 0 best, 1 worst (Gritta et al. 2018)
    country_accuracy: float
    resolved: float  # share of scored toponyms that resolved at all
    # share resolved to the gold's own GeoNames entry or within 161 km of it, where the gold
    # gives GeoNames ids: separates choosing the wrong place from representing it by another point
    entity_accuracy: float | None = None
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    gold_spans: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def auc(errors: list[float]) -> float:
    """Area under the curve of sorted ln(1 + error km), normalised by the largest possible."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log1p(MAX_ERROR_KM) if errors else 0.0
    ys = [math.log1p(e) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (math.log1p(MAX_ERROR_KM) * (len(ys) - 1))


def evaluate_places(
    records: Iterable[Mapping[str, Any]],
    *,
    gold_spans: bool,
    demonyms: bool = False,
    geoparser: Geoparser | None = None,
) -> PlaceScores:
    """Score place resolution on gold records ``{id, text, toponyms: [{start, end, lat, lon,
    ...}]}``. With ``gold_spans`` the gold toponyms are resolved as given; without, places are
    recognised in the text and those whose span equals a gold span are scored (end to end)."""
    parser = geoparser or default_geoparser()
    errors: list[float] = []
    countries: list[bool] = []
    entities: list[bool] = []
    resolved = documents = n_gold = n_pred = n_match = 0
    for record in records:
        documents += 1
        text, gold = _gold(record)
        n_gold += len(gold)
        if gold_spans:
            places = parser.places(text, toponyms=[(g["start"], g["end"]) for g in gold])
            pairs = list(zip(gold, places, strict=True))
        else:
            places = parser.places(text, demonyms=demonyms)
            n_pred += len(places)
            by_span = {(p.start, p.end): p for p in places}
            pairs = [
                (g, by_span[(g["start"], g["end"])])
                for g in gold
                if (g["start"], g["end"]) in by_span
            ]
            n_match += len(pairs)
        for g, p in pairs:
            if p.lat is None or p.lon is None:
                errors.append(MAX_ERROR_KM)
                countries.append(False)
                if g.get("geonameid"):
                    entities.append(False)
                continue
            resolved += 1
            error = distance_km(g["lat"], g["lon"], p.lat, p.lon)
            errors.append(error)
            if g.get("geonameid"):
                same = str(p.geonameid) == str(g["geonameid"])
                entities.append(same or error <= ACCURACY_KM)
            if p.precision == "region":
                continue  # a continent, sea or supranational region: no country to compare
            if "country" in g and not g["country"]:
                continue  # the gold names no country
            countries.append(p.country is not None and p.country == _gold_country(parser, g))
    n = len(errors)
    precision = recall = f1 = None
    if not gold_spans:
        precision = n_match / n_pred if n_pred else 0.0
        recall = n_match / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PlaceScores(
        documents=documents,
        gold=n_gold,
        predicted=n_pred if not gold_spans else n_gold,
        scored=n,
        accuracy_161=sum(e <= ACCURACY_KM for e in errors) / n if n else 0.0,
        mean_km=statistics.fmean(errors) if n else 0.0,
        median_km=statistics.median(errors) if n else 0.0,
        auc=auc(errors),
        country_accuracy=sum(countries) / len(countries) if countries else 0.0,
        resolved=resolved / n if n else 0.0,
        entity_accuracy=sum(entities) / len(entities) if entities else None,
        precision=precision,
        recall=recall,
        f1=f1,
        gold_spans=gold_spans,
    )


def _gold(record: Mapping[str, Any]) -> tuple[str, list[Mapping[str, Any]]]:
    try:
        text = record["text"]
        gold = [g for g in record["toponyms"] if g.get("lat") is not None]
        for g in gold:
            g["start"], g["end"], g["lat"], g["lon"]  # noqa: B018
    except (KeyError, TypeError) as e:
        raise GoldFormatError(
            f"[E320] a gold place record needs text and toponyms [{{start, end, lat, lon}}] "
            f"(record {record.get('id', '?')!r}: missing {e})"
        ) from e
    return text, gold


def _gold_country(parser: Geoparser, g: Mapping[str, Any]) -> str | None:
    """ISO alpha-3 of the gold toponym's country: from its ``country_geonameid`` or ``country``
    when given, else the country of the nearest gazetteer place to the gold point."""
    gaz = parser.gaz
    gid = g.get("country_geonameid")
    if gid:
        for i in gaz.tables.iso2_entry.values():
            if gaz.tables.geonameid[i] == int(gid):
                return gaz.tables.iso3[i]
    return nearest_country(parser, float(g["lat"]), float(g["lon"]))


_GRID: dict[tuple[int, int], list[int]] | None = None


def nearest_country(parser: Geoparser, lat: float, lon: float) -> str | None:
    """Country of the gazetteer place nearest to a point (a small reverse geocoder)."""
    global _GRID
    tb = parser.gaz.tables
    if _GRID is None:
        grid: dict[tuple[int, int], list[int]] = {}
        for i, kind in enumerate(tb.kind):
            if kind == 0:
                grid.setdefault((int(tb.lat[i] // 1), int(tb.lon[i] // 1)), []).append(i)
        _GRID = grid
    for radius in (1, 2, 4, 8):
        cells = [
            i
            for dy in range(-radius, radius + 1)
            for dx in range(-radius, radius + 1)
            for i in _GRID.get((int(lat // 1) + dy, int(lon // 1) + dx), ())
        ]
        if cells:
            best = min(cells, key=lambda i: distance_km(lat, lon, tb.lat[i], tb.lon[i]))
            c = tb.country[best]
            return tb.iso3[c] if c >= 0 and tb.kind[c] == COUNTRY else None
    return None


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a gold JSON Lines file, with a clear error for a line that is not JSON."""
    try:
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    raise GoldFormatError(f"[E321] {path} line {number}: not JSON ({e.msg})") from e
    except OSError as e:
        raise GoldFormatError(f"[E322] cannot read {path}: {e.strerror}") from e
