"""Scoring the coder against gold files (`eventwire eval events`).

Recognised gold formats (JSON Lines, one record per line, each with ``id`` and ``text``):

- quad class: ``label`` 0-4 (0 statements and appeals, 1 verbal cooperation, 2 material
  cooperation, 3 verbal conflict, 4 material conflict) — scored on the main event;
- coded events: ``events[]`` of ``{source_actor_code, target_actor_code, cameo_code}`` with
  optional ``expect_no_events`` — record exact match, event root P/R/F1, actor countries
  (each gold event against its best-matching predicted event of the same root), dyad P/R;
- actor spans: ``source_spans`` / ``target_spans`` — overlap with coded actor text;
- ACLED sub-event type: ``label`` in upper-case (e.g. ``AIR_STRIKE``) — main event's sub-type;
- dates and casualties: ``events[]`` of ``{trigger, killed, injured, date, ...}``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import GoldFormatError
from .model import Article, Event

#: Gold label -> CAMEO roots it stands for. The five-way labels of the CAMEO-manual examples
#: follow the Phoenix "penta class": 0 statements and appeals, 1 verbal cooperation, 2 material
#: cooperation, 3 verbal conflict including 16 (reduce relations), 4 material conflict.
#: The events themselves carry the usual four-way QuadClass (16 is material conflict there).
QUAD_LABEL_ROOTS = {
    0: ("01", "02"),
    1: ("03", "04", "05"),
    2: ("06", "07", "08"),
    3: ("09", "10", "11", "12", "13", "16"),
    4: ("14", "15", "17", "18", "19", "20"),
}
ACLED_LABELS = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SUIC_BOMB": "Suicide bomb",
    "GRENADE": "Grenade",
    "CHEM_WEAP": "Chemical weapon",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "SEX_VIOL": "Sexual violence",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}


@dataclass
class Scores:
    """Named figures plus confusions, ready to print or dump as JSON."""

    kind: str
    records: int
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)
    by_category: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "records": self.records,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "counts": self.counts,
            "confusions": [{"gold": g, "predicted": p, "n": n} for g, p, n in self.confusions],
            "by_category": self.by_category,
        }


def read_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise GoldFormatError(f"[E030] {path} line {n}: not JSON ({e.msg})") from e
    except OSError as e:
        raise GoldFormatError(f"[E031] cannot read gold file {path}: {e.strerror}") from e
    if not records:
        raise GoldFormatError(f"[E032] gold file {path} holds no records")
    return _unique_ids(records)


def _unique_ids(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records whose id repeats an earlier one's get "ID#2", "ID#3", ...: predictions are
    keyed by id, so a repeated id would score one record's events against another's gold."""
    seen: dict[str, int] = {}
    for r in records:
        if "id" not in r:
            continue
        key = str(r["id"])
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            r["id"] = f"{key}#{seen[key]}"
    return records


def gold_kind(records: Sequence[dict[str, Any]]) -> str:
    first = records[0]
    if "text" not in first:
        raise GoldFormatError("[E033] gold records need a 'text' field")
    if isinstance(first.get("label"), int):
        return "quad"
    if isinstance(first.get("label"), str):
        return "acled"
    if "source_spans" in first:
        return "spans"
    events = next((r["events"] for r in records if r.get("events")), None)
    if events and "trigger" in events[0]:
        return "dates_casualties"
    if events and "cameo_code" in events[0]:
        return "cameo"
    raise GoldFormatError(
        "[E034] unknown gold format: expected 'label', 'source_spans' or 'events' with "
        "'cameo_code' or 'trigger' (see `eventwire eval events --help`)"
    )


def _published(record: dict[str, Any]) -> date | None:
    value = record.get("published") or record.get("date")
    if not value:
        return None
    value = str(value)
    try:
        if len(value) == 8 and value.isdigit():
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def code_records(
    records: Sequence[dict[str, Any]], *, dictionaries: Sequence[Path] = (), n_process: int = 1
) -> dict[str, list[Event]]:
    from .api import code_articles

    articles = (
        Article(id=str(r["id"]), text=str(r["text"]), published=_published(r)) for r in records
    )
    coded = code_articles(articles, dictionaries=dictionaries, n_process=n_process)
    return {article.id: events for article, events in coded}


def evaluate_events(
    path: Path,
    *,
    dictionaries: Sequence[Path] = (),
    split: str | None = None,
    n_process: int = 1,
) -> Scores:
    """Code every gold record and score the result; the format is detected from the file."""
    records = read_gold(path)
    if split:
        records = [r for r in records if r.get("split") == split]
        if not records:
            raise GoldFormatError(f"[E035] no records with split '{split}' in {path}")
    kind = gold_kind(records)
    if kind == "acled":
        records = [r for r in records if r.get("label_in_acled_taxonomy", True)]
    predicted = code_records(records, dictionaries=dictionaries, n_process=n_process)
    scorer = {
        "quad": score_quad,
        "acled": score_acled,
        "spans": score_spans,
        "cameo": score_cameo,
        "dates_casualties": score_dates_casualties,
    }[kind]
    return scorer(records, predicted)


# --- scorers ---------------------------------------------------------------------------------


def main_of(events: Sequence[Event]) -> Event | None:
    from .coding.extract import main_event

    return main_event([e for e in events if not e.negated] or list(events))


def quad_label(code: str | None) -> int | None:
    if not code:
        return None
    return next((label for label, roots in QUAD_LABEL_ROOTS.items() if code[:2] in roots), None)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _classification(kind: str, pairs: list[tuple[str, str]]) -> Scores:
    scores = Scores(kind=kind, records=len(pairs))
    scores.metrics["accuracy"] = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    scores.metrics["coverage"] = sum(p != "none" for _, p in pairs) / len(pairs) if pairs else 0.0
    labels = sorted({g for g, _ in pairs})
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label != g for g, p in pairs)
        fn = sum(g == label != p for g, p in pairs)
        p, r, f = _prf(tp, fp, fn)
        scores.by_category[label] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }
        f1s.append(f)
    scores.metrics["macro_f1"] = sum(f1s) / len(f1s) if f1s else 0.0
    wrong = Counter((g, p) for g, p in pairs if g != p)
    scores.confusions = [(g, p, n) for (g, p), n in wrong.most_common(10)]
    return scores


def score_quad(records: Sequence[dict[str, Any]], predicted: dict[str, list[Event]]) -> Scores:
    pairs = []
    for r in records:
        event = main_of(predicted.get(str(r["id"]), []))
        label = quad_label(event.cameo_code if event else None)
        pairs.append((str(r["label"]), "none" if label is None else str(label)))
    return _classification("quad", pairs)


def score_acled(records: Sequence[dict[str, Any]], predicted: dict[str, list[Event]]) -> Scores:
    pairs = []
    for r in records:
        events = [e for e in predicted.get(str(r["id"]), []) if e.acled_sub_event_type]
        event = main_of(events)
        gold = ACLED_LABELS.get(r["label"], r["label"])
        pairs.append((gold, event.acled_sub_event_type if event else "none"))
    return _classification("acled", pairs)


def _overlaps(actor_text: str, spans: Iterable[str]) -> bool:
    a = actor_text.lower()
    return any(a and s and (a in s.lower() or s.lower() in a) for s in spans)


def score_spans(records: Sequence[dict[str, Any]], predicted: dict[str, list[Event]]) -> Scores:
    tp = {"source": 0, "target": 0}
    fp = {"source": 0, "target": 0}
    fn = {"source": 0, "target": 0}
    for r in records:
        event = main_of(predicted.get(str(r["id"]), []))
        for role, key in (("source", "source_spans"), ("target", "target_spans")):
            gold = list(r.get(key) or []) + list(r.get("reciprocal_spans") or [])
            found = (
                [a.text for a in (event.source_actors if role == "source" else event.target_actors)]
                if event
                else []
            )
            hit = any(_overlaps(t, gold) for t in found)
            if hit:
                tp[role] += 1
            elif found:
                fp[role] += 1
            if gold and not hit:
                fn[role] += 1
    scores = Scores(kind="spans", records=len(records))
    for role in ("source", "target"):
        p, rc, f = _prf(tp[role], fp[role], fn[role])
        scores.metrics.update({f"{role}_precision": p, f"{role}_recall": rc, f"{role}_f1": f})
    return scores


def _country(code: str | None) -> str | None:
    from .actors.countries import country_by_code

    if not code or len(code) < 3:
        return None
    return code[:3] if country_by_code(code[:3]) else None


def _no_actor(code: str | None) -> str:
    """A gold actor code as eventwire writes it: PETRARCH's "---" (no actor) is empty, and
    its "---" for an unknown country is left out ("---GOV", "a senior official": "GOV")."""
    if code in (None, "---"):
        return ""
    code = str(code)
    return code[3:] if code.startswith("---") else code


def _triples(events: Sequence[Event]) -> Iterator[tuple[str, str, str]]:
    for e in events:
        if e.negated:
            continue
        for s in e.source_actors or [None]:
            for t in e.target_actors or [None]:
                yield (s.code if s else "") or "", (t.code if t else "") or "", e.cameo_code or ""


def _actor_hits(gold: dict[str, Any], event: Event) -> int:
    """How many of a gold event's actor countries an event has in the same role."""
    hits = 0
    for code, actors in (
        (gold["source_actor_code"], event.source_actors),
        (gold["target_actor_code"], event.target_actors),
    ):
        country = _country(code)
        hits += country is not None and any(a.country == country for a in actors)
    return hits


def _best_match(gold: dict[str, Any], candidates: Sequence[Event]) -> Event | None:
    """The predicted event a gold event is scored against: of the events with its CAMEO root
    (else of all), the one with the most of its actor countries (the main event on a tie).
    Coders write one event per dyad, so "A, B and C met" is six events and each gold dyad is
    matched to its own; spurious dyads cost in ``dyad_precision``."""
    main = main_of(candidates)
    return max(candidates, key=lambda e: (_actor_hits(gold, e), e is main), default=None)


def _dyad_key(source: str, target: str, code: str) -> tuple[str, str, str]:
    return source, target, code[:2]


def score_cameo(records: Sequence[dict[str, Any]], predicted: dict[str, list[Event]]) -> Scores:
    exact = 0
    tp = fp = fn = 0
    src_ok = src_n = tgt_ok = tgt_n = 0
    dyad_tp = dyad_pred = dyad_gold = 0
    categories: dict[str, list[int]] = {}
    roots = []
    for r in records:
        events = [e for e in predicted.get(str(r["id"]), []) if not e.negated]
        gold = r.get("events") or []
        triples = set(_triples(events))
        gold_dyads = {
            _dyad_key(_no_actor(g["source_actor_code"]), _no_actor(g["target_actor_code"]),
                      g["cameo_code"])
            for g in gold
        }  # fmt: skip
        if gold_dyads:
            predicted_dyads = {_dyad_key(*t) for t in triples}
            dyad_tp += len(predicted_dyads & gold_dyads)
            dyad_pred += len(predicted_dyads)
            dyad_gold += len(gold_dyads)
        if r.get("expect_no_events") or not gold:
            ok = not events
        else:
            ok = all(
                (_no_actor(g["source_actor_code"]), _no_actor(g["target_actor_code"]),
                 g["cameo_code"]) in triples
                for g in gold
            )  # fmt: skip
        exact += ok
        categories.setdefault(r.get("category") or "all", []).append(int(ok))
        gold_roots = Counter(g["cameo_code"][:2] for g in gold)
        pred_roots = Counter(e.cameo_code[:2] for e in events if e.cameo_code)
        match = sum((gold_roots & pred_roots).values())
        tp += match
        fp += sum(pred_roots.values()) - match
        fn += sum(gold_roots.values()) - match
        for g in gold:
            candidates = [
                e for e in events if e.cameo_code and e.cameo_code[:2] == g["cameo_code"][:2]
            ]
            event = _best_match(g, candidates) or _best_match(g, events)
            roots.append(
                (
                    g["cameo_code"][:2],
                    event.cameo_code[:2] if event and event.cameo_code else "none",
                )
            )
            for gold_code, role in (
                (g["source_actor_code"], "source"),
                (g["target_actor_code"], "target"),
            ):
                country = _country(gold_code)
                if country is None:
                    continue
                actors = (
                    (event.source_actors if role == "source" else event.target_actors)
                    if event
                    else []
                )
                hit = any(a.country == country for a in actors)
                if role == "source":
                    src_n += 1
                    src_ok += hit
                else:
                    tgt_n += 1
                    tgt_ok += hit
    scores = Scores(kind="cameo", records=len(records))
    p, rc, f = _prf(tp, fp, fn)
    scores.metrics.update(
        {
            "record_exact": exact / len(records),
            "event_root_precision": p,
            "event_root_recall": rc,
            "event_root_f1": f,
            "main_root_accuracy": sum(g == q for g, q in roots) / len(roots) if roots else 0.0,
            "source_country_accuracy": src_ok / src_n if src_n else 0.0,
            "target_country_accuracy": tgt_ok / tgt_n if tgt_n else 0.0,
            "dyad_precision": dyad_tp / dyad_pred if dyad_pred else 0.0,
            "dyad_recall": dyad_tp / dyad_gold if dyad_gold else 0.0,
        }
    )
    scores.counts = {
        "gold_events": len(roots),
        "source_countries": src_n,
        "target_countries": tgt_n,
    }
    scores.by_category = {
        k: {"records": len(v), "exact": round(sum(v) / len(v), 4)}
        for k, v in sorted(categories.items())
    }
    wrong = Counter((g, q) for g, q in roots if g != q)
    scores.confusions = [(g, q, n) for (g, q), n in wrong.most_common(10)]
    return scores


def score_dates_casualties(
    records: Sequence[dict[str, Any]], predicted: dict[str, list[Event]]
) -> Scores:
    from .scoring.dates_casualties import score_dates_casualties as score

    result = score(records, predicted)
    scores = Scores(kind="dates_casualties", records=len(records))
    scores.metrics = {k: float(v) for k, v in result.items() if isinstance(v, int | float)}
    return scores
