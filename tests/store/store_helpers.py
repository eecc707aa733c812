"""Hand-built articles and events for the store tests (no spaCy)."""

from __future__ import annotations

from datetime import date

from eventwire.model import Actor, Article, Casualties, Event, Location, event_id_for
from eventwire.readers import Origin
from eventwire.store import Coded


def make_event(article_id: str, n: int = 0, **changes) -> Event:
    """A fully populated assault event; ``changes`` override fields."""
    values = dict(
        event_id=event_id_for(article_id, 10 * n, "190"),
        article_id=article_id,
        sentence_index=n,
        sentence="Syrian government artillery shelled a Turkish position near Saraqeb.",
        trigger="shelled",
        trigger_start=10 * n,
        trigger_end=10 * n + 7,
        plover_type="ASSAULT",
        plover_mode="heavy-weapons",
        plover_context=["military"],
        cameo_code="0195",
        cameo_root="19",
        goldstein=-10.0,
        quad_class=4,
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        source_actors=[
            Actor(text="Syrian government artillery", code="SYRMIL", country="SYR", sector="MIL")
        ],
        target_actors=[
            Actor(text="Turkish position", code="TURMIL", country="TUR", sector="MIL", start=40)
        ],
        speaker=Actor(text="the Turkish Defence Ministry", code="TURGOV", country="TUR"),
        location=Location(
            name="Saraqeb",
            geonameid=163270,
            lat=35.8621,
            lon=36.8006,
            country="SYR",
            admin1="09",
            admin2=None,
            precision="place",
            start=55,
            end=62,
        ),
        date="2020-02-03",
        date_precision="day",
        killed=Casualties(best=14, low=13, high=14, military=13, civilian=1),
        injured=Casualties(best=45),
        confidence=0.8,
    )
    values.update(changes)
    return Event(**values)


def make_article(n: int, *, published: date | None = date(2020, 2, 3)) -> Article:
    text = f"Article number {n}: Syrian government artillery shelled a Turkish position."
    return Article.from_text(
        text, url=f"https://news.example/{n}", title=f"Story {n}", published=published
    )


def coded(n: int, events_per_article: int = 2, **changes) -> Coded:
    article = make_article(n)
    events = [make_event(article.id, i, **changes) for i in range(events_per_article)]
    return Coded(Origin(f"input-{n}.txt", None), article, events)
