"""Hand-built articles and events for the server tests (no spaCy), stored with the store's writer.

Every event's sentence sits in its article's text, so offsets are real article offsets, and
each case exercises something: a script tag, an emoji before the trigger (code point offsets),
SQL metacharacters, no place, no date, both sides of the antimeridian.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.model import Actor, Article, Casualties, Event, Location, event_id_for
from eventwire.readers import Origin
from eventwire.store import Coded, Store

SCRIPT_SENTENCE = (
    'Rebels painted <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    " on a wall in Goma."
)
EMOJI_SENTENCE = "😀 Police in Ségou dispersed protesters at the café."
SQL_SENTENCE = "Students chanted ' OR 1=1 -- and 100% _wild_ slogans in Tehran."


@dataclass
class Case:
    """One event to build: the sentence and which words are its trigger, actors and place."""

    sentence: str
    trigger: str
    plover_type: str
    cameo_code: str | None
    source: tuple[str, str, str] | None = None  # text, code, country
    target: tuple[str, str, str] | None = None
    # name, country, lat, lon, admin1
    place: tuple[str, str, float, float, str | None] | None = None
    date: str | None = None
    published: date | None = None
    killed: int | None = None
    acled: str | None = None
    flags: dict[str, bool] = field(default_factory=dict)


CASES = [
    Case(
        "Syrian government forces shelled Turkish soldiers near Saraqeb, killing 14.",
        "shelled",
        "ASSAULT",
        "195",
        source=("Syrian government forces", "SYRMIL", "SYR"),
        target=("Turkish soldiers", "TURMIL", "TUR"),
        place=("Saraqeb", "SYR", 35.8621, 36.8006, "09"),
        date="2020-02-03",
        published=date(2020, 2, 4),
        killed=14,
        acled="Explosions/Remote violence",
    ),
    Case(
        "Defense Minister Hulusi Akar threatened Syrian forces with retaliation in Ankara.",
        "threatened",
        "THREATEN",
        "138",
        source=("Defense Minister Hulusi Akar", "TURGOV", "TUR"),
        target=("Syrian forces", "SYRMIL", "SYR"),
        place=("Ankara", "TUR", 39.9199, 32.8543, "68"),
        date="2020-02-05",
        published=date(2020, 2, 5),
        flags={"future": True},
    ),
    Case(
        "Protesters clashed with police in Nairobi, leaving 5 dead.",
        "clashed",
        "PROTEST",
        "145",
        source=("Protesters", "KENCVL", "KEN"),
        target=("police", "KENCOP", "KEN"),
        place=("Nairobi", "KEN", -1.2833, 36.8167, "05"),
        date="2024-06-25",
        published=date(2024, 6, 26),
        killed=5,
        acled="Protests",
    ),
    Case(
        "Russian missiles hit Kharkiv, killing 30 civilians.",
        "hit",
        "ASSAULT",
        "195",
        source=("Russian missiles", "RUSMIL", "RUS"),
        target=("civilians", "UKRCVL", "UKR"),
        place=("Kharkiv", "UKR", 49.9935, 36.2304, "07"),
        date="2022-03-01",
        published=date(2022, 3, 1),
        killed=30,
        acled="Explosions/Remote violence",
    ),
    Case(
        SCRIPT_SENTENCE,
        "painted",
        "COERCE",
        "170",
        source=("Rebels", "CODREB", "COD"),
        place=("Goma", "COD", -1.6792, 29.2228, "12"),
        date="2023-05-10",
        published=date(2023, 5, 10),
    ),
    Case(
        EMOJI_SENTENCE,
        "dispersed",
        "PROTEST",
        "145",
        source=("Police", "MLICOP", "MLI"),
        target=("protesters", "MLICVL", "MLI"),
        place=("Ségou", "MLI", 13.4317, -6.2157, "07"),
        date="2023-01-15",
        published=date(2023, 1, 16),
        acled="Protests",
    ),
    Case(
        "Officials said talks with the envoy would resume.",
        "talks",
        "CONSULT",
        "040",
        source=("Officials", None, None),  # type: ignore[arg-type]
        published=date(2021, 7, 1),
    ),
    Case(
        "An undated report said the militia attacked a convoy.",
        "attacked",
        "ASSAULT",
        "190",
        source=("the militia", "REB", None),  # type: ignore[arg-type]
    ),
    Case(
        "Australia delivered aid to flooded villages near Suva.",
        "delivered",
        "AID",
        "073",
        source=("Australia", "AUS", "AUS"),
        target=("flooded villages", "FJICVL", "FJI"),
        place=("Suva", "FJI", -18.1416, 178.4419, "01"),
        date="2021-03-02",
        published=date(2021, 3, 2),
    ),
    Case(
        "Russian troops massed in Chukotka near Uelen.",
        "massed",
        "MOBILIZE",
        "154",
        source=("Russian troops", "RUSMIL", "RUS"),
        place=("Uelen", "RUS", 66.1594, -169.8092, "15"),
        date="2021-03-05",
        published=date(2021, 3, 5),
    ),
    Case(
        SQL_SENTENCE,
        "chanted",
        "PROTEST",
        "141",
        source=("Students", "IRNEDU", "IRN"),
        place=("Tehran", "IRN", 35.6944, 51.4215, "26"),
        date="2022-10",
        published=date(2022, 10, 20),
        acled="Protests",
    ),
    Case(
        "Israel did not strike Gaza on Monday.",
        "strike",
        "ASSAULT",
        "190",
        source=("Israel", "ISR", "ISR"),
        place=("Gaza", "PSE", 31.5017, 34.4668, None),
        date="2021-05-10",
        published=date(2021, 5, 11),
        flags={"negated": True},
    ),
]


def _actor(spec: tuple[str, str, str] | None, text: str, base: int) -> list[Actor]:
    if spec is None:
        return []
    words, code, country = spec
    at = text.index(words)
    return [
        Actor(
            text=words,
            code=code,
            country=country,
            sector=code[3:] if code and len(code) > 3 else None,
            start=base + at,
            end=base + at + len(words),
        )
    ]


def build(case: Case, n: int) -> tuple[Article, Event]:
    """The article (an intro line, then the sentence) and the event of one case."""
    intro = f"Report {n}. "
    text = intro + case.sentence + " More details followed."
    article = Article.from_text(
        text, url=f"https://news.example/{n}", title=f"Story {n}", published=case.published
    )
    base = len(intro)
    t = case.sentence.index(case.trigger)
    location = None
    if case.place is not None:
        name, country, lat, lon, admin1 = case.place
        p = case.sentence.rindex(name)
        location = Location(
            name=name,
            lat=lat,
            lon=lon,
            country=country,
            admin1=admin1,
            precision="place",
            start=base + p,
            end=base + p + len(name),
        )
    event = Event(
        event_id=event_id_for(article.id, base + t, case.cameo_code),
        article_id=article.id,
        sentence_index=1,
        sentence=case.sentence,
        trigger=case.trigger,
        trigger_start=base + t,
        trigger_end=base + t + len(case.trigger),
        plover_type=case.plover_type,
        cameo_code=case.cameo_code,
        cameo_root=case.cameo_code[:2] if case.cameo_code else None,
        goldstein=-5.0,
        quad_class=4,
        acled_event_type=case.acled,
        source_actors=_actor(case.source, case.sentence, base),
        target_actors=_actor(case.target, case.sentence, base),
        location=location,
        date=case.date,
        date_precision="day" if case.date else "unknown",
        killed=Casualties(best=case.killed) if case.killed is not None else None,
        confidence=0.7,
        **case.flags,
    )
    return article, event


def fill(path: Path, cases: list[Case] = CASES) -> list[Event]:
    """Write every case to the store at ``path`` with the store's writer; return the events."""
    items = []
    events = []
    for n, case in enumerate(cases, 1):
        article, event = build(case, n)
        items.append(Coded(Origin(f"case-{n}.txt", None), article, [event]))
        events.append(event)
    with Store.open(path) as store:
        run_id = store.start_run(inputs=["tests"], workers=1)
        store.write_batch(run_id, items)
        store.finish_run(run_id, status="finished")
    return events


def event_day(event: Event, published: date | None) -> str | None:
    """The day the API reports for an event (its date padded, else the article's)."""
    if event.date:
        d = event.date
        return d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d[:10]
    return published.isoformat() if published else None
