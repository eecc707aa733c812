"""What merging compares, taken from one event: its family, day, place, actors, words, tolls."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Casualties, Event, Location
from .families import Family, FamilyTable
from .records import ArticleMeta

PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
SOFT_DAYS_BACK = 3  # days an event dated only by its article may predate it
UNDATED_DAYS_BACK = 7  # ... and an undated (or month/year-dated) one

# Words that date a clause: when a sentence has none, its events' day is only the publication's.
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_DAYS_BACK = {"today": 0, "tonight": 0, "yesterday": 1}  # days before the publication
_UNRESOLVED = frozenset({"overnight", "earlier", "morning", "afternoon", "evening"})
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december".split()
)
_UPDATE = re.compile(
    r"\b(?:death toll|toll|number of (?:[\w-]+ ){0,2}(?:killed|dead|dying))\b.{0,100}?"
    r"\b(?:rose|risen|rises|climbed|climbs|reached|jumped|increased)\b(?:\s+to)?\s+(?:at least\s+)?"
    r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*[A-Za-z]|\d[\d,.]*\d|\d")

# Function words and the vocabulary every report of every incident shares; neither tells one
# incident from another.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    said says saying told according added reported reports report statement spokesman spokeswoman
    spokesperson official officials source sources people person local least more than some
    several many dozens hundreds thousands monday tuesday wednesday thursday friday saturday
    sunday yesterday today overnight night morning afternoon evening day days week weeks month
    months year years january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec another other others
    one two three four five six seven eight nine ten first second third since later earlier
    still also however including near city town village area region province district state
    country capital""".split()
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """An event location reduced to what comparison needs."""

    key: str
    rank: int  # 0 place, 1 admin2, 2 admin1, 3 country
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    location: Location


@dataclass(slots=True)
class Mention:
    """The features of one event (the event itself is kept: representative fields)."""

    event: Event
    family: Family | None
    modality: str  # "" happened, "~" hypothetical or future, "!" negated
    days: frozenset[int]  # the days it is dated to (several when its sentence names several)
    lo: int | None  # the range of days it may have happened in
    hi: int | None
    place: Place | None
    actors: frozenset[str]
    countries: frozenset[str]
    trigger: str
    tokens: dict[str, float]
    update: bool  # its sentence updates a toll ("the death toll rose to 30")
    update_toll: int | None  # ... and the new toll
    quality: float  # how well it stands for an incident (representative choice)

    @property
    def event_id(self) -> str:
        return self.event.event_id


def mention_of(event: Event, meta: ArticleMeta, families: FamilyTable) -> Mention:
    """The features of one event of the article ``meta``."""
    family = families.family_of(event)
    modality = "!" if event.negated else "~" if (event.hypothetical or event.future) else ""
    words = _scan_sentence(event.sentence)
    days, lo, hi = _days(event, meta.published, words, hypothetical=modality == "~")
    place = place_of(event.location)
    codes: set[str] = set()
    countries: set[str] = set()
    for actor in (*event.source_actors, *event.target_actors):
        if actor.code:
            codes.add(actor.code.upper())
        if actor.country:
            countries.add(actor.country.upper())
    lowered = event.sentence.lower()
    update = _UPDATE.search(event.sentence) if "toll" in lowered or "number of" in lowered else None
    quality = (
        (3 - place.rank if place is not None else -1)
        + (1.5 if days else 0.0)
        + (0.5 if codes else 0.0)
        + (0.5 if event.killed is not None else 0.0)
        - 0.2 * min(event.sentence_index, 10)
        + event.salience
    )
    return Mention(
        event=event,
        family=family,
        modality=modality,
        days=days,
        lo=lo,
        hi=hi,
        place=place,
        actors=frozenset(codes),
        countries=frozenset(countries),
        trigger=_trigger_stem(event.trigger),
        tokens=words.tokens,
        update=update is not None,
        update_toll=_number(update.group(1)) if update is not None else None,
        quality=quality,
    )


def inherit_setting(mentions: Sequence[Mention]) -> None:
    """Later sentences continue the lead's setting. In article order: a mention placed only in
    a country (or nowhere) takes the first precise place of the article when it lies in that
    country; a mention dated only by its article takes the first stated day when its range of
    days allows it. Background (historical) and unreal events neither give nor take."""
    lead_place = next(
        (m.place for m in mentions if m.place is not None and m.place.rank <= 2 and _real(m)),
        None,
    )
    lead_days = next((m.days for m in mentions if m.days and _real(m)), frozenset())
    for mention in mentions:
        if not _real(mention):
            continue
        place = mention.place
        if lead_place is not None and (
            place is None or (place.rank == 3 and place.country == lead_place.country)
        ):
            mention.place = lead_place
        if lead_days and not mention.days and mention.lo is not None and mention.hi is not None:
            if all(mention.lo <= day <= mention.hi for day in lead_days):
                mention.days = lead_days


def _real(mention: Mention) -> bool:
    return mention.modality == "" and not mention.event.historical


def place_of(location: Location | None) -> Place | None:
    if location is None:
        return None
    rank = PRECISION_RANK.get(location.precision, 0)
    country = location.country.upper() if location.country else None
    admin1 = location.admin1.lower() if location.admin1 else None
    if location.geonameid is not None:
        key = f"g{location.geonameid}"
    elif location.lat is not None and location.lon is not None:
        key = f"{location.lat:.2f},{location.lon:.2f}"
    else:
        key = f"{country}/{admin1}/{location.name.lower()}"
    if location.lat is None or location.lon is None or math.isnan(location.lat):
        return Place(key, rank, country, admin1, None, None, location)
    return Place(key, rank, country, admin1, location.lat, location.lon, location)


def _days(
    event: Event, published: date | None, words: Scan, *, hypothetical: bool = False
) -> tuple[frozenset[int], int | None, int | None]:
    """(days, lo, hi): the days the event is dated to (empty unless dated to the day by its
    own sentence) and the range of days it may have happened in.

    A day equal to the publication's, in a sentence naming no time, is only the article's
    date: the event may be a few days older. When the sentence names an earlier day too
    ("said on Monday it had struck ... on Sunday"), that day may be the event's. A hypothetical or
    future event's date is when it would happen, not when it was announced: such events are
    placed by their article's date."""
    pub = published.toordinal() if published is not None else None
    value = _parse_day(event.date)
    if not hypothetical and value is not None and event.date_precision == "day":
        day = value.toordinal()
        if day != pub or words.names_time:
            named = _resolve(words, published)
            days = frozenset({day} | {d for d in named if day - 7 <= d < day})
            return days, min(days), max(days)
        return frozenset(), day - SOFT_DAYS_BACK, day
    if not hypothetical and value is not None and event.date_precision == "week":
        day = value.toordinal()
        return frozenset(), day - 3, day + 3
    if pub is not None:
        back = SOFT_DAYS_BACK if hypothetical else UNDATED_DAYS_BACK
        return frozenset(), pub - back, pub
    return frozenset(), None, None


def _parse_day(text: str | None) -> date | None:
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _resolve(words: Scan, published: date | None) -> set[int]:
    """The days a sentence names, against the publication: a weekday is the last such day up
    to it; "yesterday" the day before."""
    if published is None:
        return set()
    pub = published.toordinal()
    found = {pub - (published.weekday() - w) % 7 for w in words.weekdays}
    return found | {pub - back for back in words.days_back}


def _number(text: str | None) -> int | None:
    if not text:
        return None
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text)


def stem(word: str) -> str:
    """A crude suffix-stripper: 'strikes', 'striking' and 'strike' fall together."""
    word = word.removesuffix("'s").removesuffix("\u2019s")
    for suffix in ("ings", "ing", "ers", "er", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 4 else word


@lru_cache(maxsize=1 << 14)
def _trigger_stem(trigger: str) -> str:
    """A trigger's stem: triggers repeat (every restore recomputes its members' mentions)."""
    return stem(trigger.lower())


@dataclass(frozen=True, slots=True)
class Scan:
    """One pass over a sentence: its weighted content words and the times it names."""

    tokens: dict[str, float]
    names_time: bool  # names a day or time of day at all
    weekdays: tuple[int, ...]  # weekdays it names (0 Monday)
    days_back: tuple[int, ...]  # days before the publication it names ("yesterday": 1)


def scan(sentence: str) -> Scan:
    """Content words (names count double, numbers one and a half; function words and the
    vocabulary all reports share left out) and the times a sentence names."""
    tokens: dict[str, float] = {}
    names_time = False
    weekdays: list[int] = []
    days_back: list[int] = []
    words = _WORD.findall(sentence)
    last = len(words) - 1
    for i, raw in enumerate(words):
        token, kind, when, value = _word(raw)
        if when:
            if when == _MONTH:
                if i < last and words[i + 1][:1].isdigit():
                    names_time = True
            elif when == _NIGHT:
                if i and words[i - 1].lower() == "last":
                    names_time = True
                    days_back.append(1)
            else:
                names_time = True
                if when == _WEEKDAY:
                    weekdays.append(value)
                elif when == _BACK:
                    days_back.append(value)
        if token:
            weight = 2.0 if kind == 2 and i else 1.5 if kind == 1 else 1.0
            if weight > tokens.get(token, 0.0):
                tokens[token] = weight
    return Scan(tokens, names_time, tuple(weekdays), tuple(days_back))


# A sentence often holds several events (dyads, one event per verb): scan it once. Mentions
# of one sentence share its token dict, which is only ever read.
_scan_sentence = lru_cache(maxsize=1 << 12)(scan)

_WEEKDAY, _BACK, _TIME, _MONTH, _NIGHT = 1, 2, 3, 4, 5


@lru_cache(maxsize=1 << 18)
def _word(raw: str) -> tuple[str, int, int, int]:
    """(token, kind, time, value) of one word: its token ("" to leave it out), its kind (0 word,
    1 number, 2 capitalised), what time it names (0 none) and the weekday or days back."""
    lower = raw.lower()
    base = lower.removesuffix("'s").removesuffix("\u2019s")  # "Monday's attack"
    when, value = 0, 0
    if base in _WEEKDAYS:
        when, value = _WEEKDAY, _WEEKDAYS[base]
    elif base in _DAYS_BACK:
        when, value = _BACK, _DAYS_BACK[base]
    elif lower in _UNRESOLVED:
        when = _TIME
    elif lower in _MONTHS:
        when = _MONTH
    elif lower == "night":
        when = _NIGHT
    if lower in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[lower]), 1, when, value
    if raw[0].isdigit():
        return raw.replace(",", ""), 1, when, value
    if base in STOPWORDS or len(base) < 3:
        return "", 0, when, value
    return stem(base), 2 if raw[0].isupper() else 0, when, value


def tokens_of(text: str) -> dict[str, float]:
    """The weighted content words of a text (see ``scan``)."""
    return scan(text).tokens


def day_iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def cosine(a: dict[str, float], b: dict[str, float], norm_a: float, norm_b: float) -> float:
    if not a or not b or norm_a == 0 or norm_b == 0:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    return dot / (norm_a * norm_b)


def norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def casualty_figure(killed: Casualties | None) -> int | None:
    return killed.best if killed is not None and killed.best is not None else None
