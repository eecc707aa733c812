"""What a database holds, in a few numbers people read first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .db import Store


@dataclass
class Summary:
    counts: dict[str, int]
    by_type: list[tuple[str, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    deadliest: list[tuple[str, str, int, str]] = field(default_factory=list)
    killed_total: int = 0


def summarize(db: str | Path, *, top: int = 8) -> Summary:
    """Counts by PLOVER type and country, and the deadliest events (real, not negated,
    hypothetical, future or background ones)."""
    with Store.open(db, read_only=True) as store:
        con = store.con
        real = "NOT negated AND NOT hypothetical AND NOT future AND NOT historical"
        by_type = con.execute(
            f"SELECT coalesce(plover_type, 'statement'), count(*) FROM events WHERE {real} "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [top],
        ).fetchall()
        by_country = con.execute(
            f"SELECT location.country, count(*) FROM events WHERE {real} "
            "AND location.country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [top],
        ).fetchall()
        deadliest = con.execute(
            f"SELECT coalesce(date, '?'), coalesce(location.name, '?'), killed.best, sentence "
            f"FROM events WHERE {real} AND killed.best IS NOT NULL "
            "ORDER BY killed.best DESC, date LIMIT ?",
            [min(top, 5)],
        ).fetchall()
        (killed,) = con.execute(
            f"SELECT coalesce(sum(killed.best), 0) FROM events WHERE {real}"
        ).fetchone()  # type: ignore[misc]
        return Summary(
            counts=store.counts(),
            by_type=[(str(a), int(b)) for a, b in by_type],
            by_country=[(str(a), int(b)) for a, b in by_country],
            deadliest=[(str(a), str(b), int(c), str(d)) for a, b, c, d in deadliest],
            killed_total=int(killed),
        )
