"""Hand-built events and articles for the incident tests (no spaCy)."""

from __future__ import annotations

from datetime import date

from eventwire.incidents import ArticleMeta
from eventwire.model import Actor, Casualties, Event, Location, event_id_for

KHARKIV = Location(
    name="Kharkiv", geonameid=706483, lat=49.98, lon=36.25, country="UKR", admin1="Kharkiv"
)
SALTIVKA = Location(
    name="Saltivka", geonameid=7001, lat=50.02, lon=36.33, country="UKR", admin1="Kharkiv"
)
ODESA = Location(
    name="Odesa", geonameid=698740, lat=46.48, lon=30.73, country="UKR", admin1="Odesa"
)
UKRAINE = Location(name="Ukraine", lat=49.0, lon=32.0, country="UKR", precision="country")
GOMA = Location(
    name="Goma", geonameid=216281, lat=-1.68, lon=29.22, country="COD", admin1="Nord-Kivu"
)
MONGUNO = Location(
    name="Monguno", geonameid=2331140, lat=12.67, lon=13.61, country="NGA", admin1="Borno"
)
BOKKOS = Location(
    name="Bokkos", geonameid=2346995, lat=9.30, lon=9.00, country="NGA", admin1="Plateau"
)
RUSSIA_MIL = Actor(text="Russian forces", code="RUSMIL", country="RUS", sector="MIL")
CIVILIANS = Actor(text="civilians", code="CVL", sector="CVL")


def meta(n: int, published: date, source: str = "Meridian Wire", title: str = "") -> ArticleMeta:
    return ArticleMeta(article_id=f"a{n:03d}", source=source, published=published, title=title)


def event(
    article: ArticleMeta,
    sentence_index: int,
    sentence: str,
    trigger: str,
    **changes,
) -> Event:
    """An assault event (override anything with ``changes``)."""
    start = 100 * sentence_index + sentence.find(trigger)
    values = dict(
        event_id=event_id_for(article.article_id, start, changes.get("cameo_code", "190")),
        article_id=article.article_id,
        sentence_index=sentence_index,
        sentence=sentence,
        trigger=trigger,
        trigger_start=start,
        trigger_end=start + len(trigger),
        plover_type="ASSAULT",
        cameo_code="190",
        cameo_root="19",
        acled_event_type="Explosions/Remote violence",
        source_actors=[RUSSIA_MIL],
        target_actors=[CIVILIANS],
        location=KHARKIV,
        date=article.published.isoformat() if article.published else None,
        date_precision="day",
        salience=0.5 if sentence_index else 1.0,
    )
    values.update(changes)
    return Event(**values)


def killed(n: int) -> Casualties:
    return Casualties(best=n, low=n, high=n)
