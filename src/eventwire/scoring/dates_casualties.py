"""Scoring event dates and casualty counts against gold records.

A gold record is ``{"id", "text", "published", "events": [{"trigger", "occurrence"?, "killed",
"injured", "date", "date_precision", "deadline", "historical"}]}``. A gold event is matched to
the predicted event whose trigger overlaps the ``occurrence``-th (default first) word of the
text that equals the gold trigger after light stemming ("attacked" ~ "attack").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..casualties import is_violent
from ..errors import GoldFormatError
from ..model import Event

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "e")


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read a dates-and-casualties gold file (JSON Lines)."""
    records = []
    with Path(path).open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldFormatError(f"[E060] {path}:{number} is not JSON: {e.msg}") from e
            if not isinstance(record, dict) or not {"id", "text", "events"} <= record.keys():
                raise GoldFormatError(
                    f"[E061] {path}:{number} needs 'id', 'text' and 'events' (see "
                    "eventwire.scoring.dates_casualties)"
                )
            records.append(record)
    return records


def stem(word: str) -> str:
    """A crude stem for matching triggers: "attacked", "attacks", "attacking" -> "attack"."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def find_trigger(text: str, trigger: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Character span of the ``occurrence``-th match of a gold trigger (word or phrase)."""
    if " " in trigger.strip():
        found = list(re.finditer(re.escape(trigger), text, re.IGNORECASE))
        spans = [(m.start(), m.end()) for m in found]
    else:
        words = list(_WORD.finditer(text))
        spans = [(m.start(), m.end()) for m in words if m.group().lower() == trigger.lower()]
        if len(spans) < occurrence:  # a lemma given for a surface form: "attack" ~ "attacked"
            target = stem(trigger)
            spans = [(m.start(), m.end()) for m in words if stem(m.group()) == target]
    return spans[occurrence - 1] if 0 < occurrence <= len(spans) else None


def match_event(record: Mapping[str, Any], gold_event: Mapping[str, Any],
                predicted: Sequence[Event]) -> Event | None:  # fmt: skip
    """The predicted event standing for a gold event, or None."""
    span = find_trigger(record["text"], gold_event["trigger"], gold_event.get("occurrence", 1))
    if span is None:
        return None
    start, end = span
    overlapping = [e for e in predicted if e.trigger_start < end and start < e.trigger_end]
    if overlapping:
        return overlapping[0]
    # mentions of one happening are merged into one event ("an attack killed 13": the event is
    # the attack); a casualty or weapon word then stands for the one violent event of its
    # sentence, but a gold protest or deployment never stands for a violent event
    if not _violent_code(gold_event.get("cameo_code")):
        return None
    violent = [e for e in predicted if is_violent(e) and _sentence_holds(record["text"], e, start)]
    return violent[0] if len(violent) == 1 else None


def _violent_code(code: str | None) -> bool:
    """Whether a gold CAMEO code is one a toll can belong to (unknown codes count as violent)."""
    return is_violent(Event("", "", 0, "", "", 0, 0, cameo_code=code)) if code else True


def _sentence_holds(text: str, event: Event, offset: int) -> bool:
    """Whether the sentence an event was found in holds the character ``offset``."""
    begin = text.rfind(event.sentence, 0, event.trigger_start + len(event.sentence))
    return begin >= 0 and begin <= offset < begin + len(event.sentence)


def _best(value: Any) -> int | None:
    if value is None:
        return None
    return value["best"] if isinstance(value, Mapping) else value.best


def _covers(gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    low = pred.low if pred.low is not None else pred.best
    high = pred.high if pred.high is not None else float("inf")
    return low <= gold["best"] <= high


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def score_dates_casualties(
    gold_records: Iterable[Mapping[str, Any]], predicted: Mapping[str, Sequence[Event]]
) -> dict[str, Any]:
    """Accuracy of killed/injured (best exact, low-high coverage), dates (exact, within a day),
    precision, deadline and historical flags; and how many tolls sit on non-violent events."""
    n = dict.fromkeys(
        ("gold_events", "matched", "killed", "killed_hit", "injured", "injured_hit",
         "covered", "covered_hit", "day", "day_hit", "day_near", "precision_hit",
         "deadline", "deadline_hit", "historical_hit", "nonviolent_tolls"), 0,
    )  # fmt: skip
    misses: list[dict[str, Any]] = []
    for record in gold_records:
        events = list(predicted.get(record["id"], []))
        n["nonviolent_tolls"] += sum(
            1 for e in events if (e.killed or e.injured) and not is_violent(e)
        )
        for gold in record["events"]:
            n["gold_events"] += 1
            event = match_event(record, gold, events)
            if event is None:
                misses.append({"id": record["id"], "trigger": gold["trigger"], "why": "no event"})
                continue
            n["matched"] += 1
            problems = []
            for kind in ("killed", "injured"):
                g, p = gold.get(kind), getattr(event, kind)
                if g is None and p is None:
                    continue
                n[kind] += 1
                if _best(g) == _best(p):
                    n[f"{kind}_hit"] += 1
                else:
                    problems.append(f"{kind} {_best(g)} != {_best(p)}")
                if g is not None:
                    n["covered"] += 1
                    n["covered_hit"] += _covers(g, p)
            if gold.get("date") and gold.get("date_precision") == "day":
                n["day"] += 1
                if event.date == gold["date"]:
                    n["day_hit"] += 1
                if (
                    event.date
                    and abs(
                        (date.fromisoformat(event.date) - date.fromisoformat(gold["date"])).days
                    )
                    <= 1
                ):
                    n["day_near"] += 1
            if (event.date, event.date_precision) == (gold.get("date"), gold["date_precision"]):
                n["precision_hit"] += 1
            else:
                problems.append(
                    f"date {gold.get('date')}/{gold['date_precision']} != "
                    f"{event.date}/{event.date_precision}"
                )
            if gold.get("deadline"):
                n["deadline"] += 1
                n["deadline_hit"] += event.deadline == gold["deadline"]
            if event.deadline != gold.get("deadline"):
                problems.append(f"deadline {gold.get('deadline')} != {event.deadline}")
            if bool(gold.get("historical")) == event.historical:
                n["historical_hit"] += 1
            else:
                problems.append(f"historical {gold.get('historical')} != {event.historical}")
            if problems:
                misses.append({"id": record["id"], "trigger": gold["trigger"], "why": problems})
    return {
        "gold_events": n["gold_events"],
        "event_recall": _share(n["matched"], n["gold_events"]),
        "killed_best_exact": _share(n["killed_hit"], n["killed"]),
        "injured_best_exact": _share(n["injured_hit"], n["injured"]),
        "toll_range_coverage": _share(n["covered_hit"], n["covered"]),
        "date_exact": _share(n["day_hit"], n["day"]),
        "date_within_1_day": _share(n["day_near"], n["day"]),
        "date_and_precision": _share(n["precision_hit"], n["matched"]),
        "deadline_exact": _share(n["deadline_hit"], n["deadline"]),
        "historical_accuracy": _share(n["historical_hit"], n["matched"]),
        "nonviolent_tolls": n["nonviolent_tolls"],
        "counts": n,
        "misses": misses,
    }
