"""Time expressions in news text and their resolution against the publication date.

``find_time_mentions(text)`` tags explicit dates ("Feb. 13", "on 3 March 2020", "in 2018"),
weekdays ("on Sunday night", "last Friday"), relative expressions ("two days ago", "last week",
"earlier this month", "overnight", "yesterday"), deadlines ("by the end of February", "by
Friday", "within 48 hours") and background cues ("so far", "previously", "since 2011").
``resolve(spec, anchor, future=...)`` turns one into a date and a precision.

Conventions: a coarser period is dated by its first day (weeks start on Monday); a weekday in a
report is the most recent such day on or before publication ("last Friday": strictly before),
in a future clause the next one on or after it; "overnight" and "last night" are the day before
publication; a deadline is the last day it allows ("by the end of February": February's last
day; "within 48 hours": two days after publication).
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

DATE, DEADLINE, SINCE, BACKGROUND, COMPARE = "date", "deadline", "since", "background", "compare"
SAME, LATER = "same", "later"  # "later that day": the date before; "days later": unknown
_MAX_COUNT_DIGITS = 9  # a count of hours, days... ("48 hours") larger than this is capped
_SLACK_DAYS = 2  # a dated report may run slightly ahead of its dateline (time zones)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "several": 3, "a few": 3, "few": 3, "a couple of": 2, "couple of": 2,
                 "twenty-four": 24, "forty-eight": 48, "seventy-two": 72}  # fmt: skip

MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|"
    r"Jul\.|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = (
    r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
YEAR = r"(?P<year>(?:19|20)\d\d)\b"
COUNT = (
    r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|a few|a couple of|twenty-four|forty-eight|seventy-two)"
)
UNIT = r"(?P<unit>hour|day|week|month|year)s?"
_PREPS = ("in", "of", "by", "since", "during", "until", "from", "through", "throughout",
          "before", "after", "between", "and", "to")  # fmt: skip
# "in March", "since 2011": the preposition stays outside the mention (lookbehinds are fixed width)
_AFTER_PREP = "(?:" + "|".join(f"(?<=\\b{p} )|(?<=\\b{p.title()} )" for p in _PREPS) + ")"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night|dawn|midday|noon))?"


@dataclass(slots=True, frozen=True)
class TimeSpec:
    """What a time expression says, before it is placed on the calendar."""

    role: str = DATE
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relation: str | None = None  # "last", "this", "next" for weekdays and months
    unit: str | None = None  # a period relative to the anchor: "day", "week", "month", "year"
    offset: int = 0
    shift_days: int = 0
    end: bool = False  # "the end of ..."


@dataclass(slots=True, frozen=True)
class TimeMention:
    """A time expression found in a text: its character span, words and meaning."""

    start: int
    end: int
    text: str
    spec: TimeSpec


@dataclass(slots=True, frozen=True)
class Resolved:
    """A time expression on the calendar: first day, precision and last day of the period."""

    date: date
    precision: str
    last: date


def _month(name: str) -> int:
    return _MONTHS.index(name.lower()[:3]) + 1


def _weekday(name: str) -> int:
    return _WEEKDAYS.index(name.lower()[:3])


def _count(word: str) -> int:
    word = word.lower()
    if word.isdigit():  # "within 10^400 hours" must not overflow: no real count is this large
        return int(word) if len(word) <= _MAX_COUNT_DIGITS else 10**_MAX_COUNT_DIGITS
    return _NUMBER_WORDS.get(word, 1)


def _relation(word: str | None) -> str | None:
    word = (word or "").lower()
    if word in ("last", "past", "previous"):
        return "last"
    if word in ("next", "coming"):
        return "next"
    if word == "this":
        return "this"
    return None


def _full_date(m: re.Match) -> TimeSpec:
    return TimeSpec(
        year=int(m["year"]) if m["year"] else None, month=_month(m["month"]), day=int(m["day"])
    )


def _iso(m: re.Match) -> TimeSpec:
    return TimeSpec(year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))


def _month_year(m: re.Match) -> TimeSpec:
    return TimeSpec(year=int(m["year"]), month=_month(m["month"]))


def _bare_month(m: re.Match) -> TimeSpec:
    return TimeSpec(month=_month(m["month"]), relation=_relation(m["rel"] or m["rel2"]))


def _year(m: re.Match) -> TimeSpec:
    return TimeSpec(year=int(m["year"]))


def _weekday_spec(m: re.Match) -> TimeSpec:
    shift = 0
    if m.groupdict().get("into"):
        shift = -1  # "overnight into Wednesday": the night began on Tuesday
    return TimeSpec(weekday=_weekday(m["weekday"]), relation=_relation(m["rel"]), shift_days=shift)


def _relative_day(m: re.Match) -> TimeSpec:
    word = re.sub(r"\s+", " ", m.group().lower())
    if "day before yesterday" in word:
        return TimeSpec(unit="day", offset=-2)
    if word.startswith(("yesterday", "last night", "overnight", "the previous", "a day earlier",
                        "the day before", "the night before")):  # fmt: skip
        return TimeSpec(unit="day", offset=-1)
    if word.startswith("tomorrow"):
        return TimeSpec(unit="day", offset=1)
    return TimeSpec(unit="day", offset=0)


def _ago(m: re.Match) -> TimeSpec:
    unit = m["unit"].lower()
    n = _count(m["count"])
    if unit == "hour":
        return TimeSpec(unit="day", offset=-math.ceil(n / 24) if n >= 24 else 0)
    if unit == "day" and m["count"].lower() in ("several", "a few", "few"):
        return TimeSpec(unit="week", offset=0)
    return TimeSpec(unit=unit, offset=-n)


def _relative_period(m: re.Match) -> TimeSpec:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    offset = -1 if re.search(r"last|past|previous", rel) else 1 if rel in ("next", "coming") else 0
    if unit == "weekend":
        return TimeSpec(unit="week", offset=offset, weekday=5)
    return TimeSpec(unit=unit, offset=offset)


def _end_of_period(m: re.Match) -> TimeSpec:
    rel = (m["rel"] or "this").lower()
    offset = {"last": -1, "next": 1}.get(rel, 0)
    return TimeSpec(unit=m["unit"].lower(), offset=offset, end=True)


def _within(m: re.Match) -> TimeSpec:
    return _within_spec(_count(m["count"]), m["unit"].lower())


def _within_spec(n: int, unit: str) -> TimeSpec:
    if unit == "hour":
        return TimeSpec(role=DEADLINE, unit="day", offset=math.ceil(n / 24))
    if unit == "week":
        return TimeSpec(role=DEADLINE, unit="day", offset=7 * n)
    if unit == "month":
        return TimeSpec(role=DEADLINE, unit="month", offset=n, end=False, day=0)
    if unit == "year":
        return TimeSpec(role=DEADLINE, unit="day", offset=365 * n)
    return TimeSpec(role=DEADLINE, unit="day", offset=n)


def _background(m: re.Match) -> TimeSpec:
    return TimeSpec(role=BACKGROUND)


def _holiday(m: re.Match) -> TimeSpec:
    return (
        TimeSpec(month=12, day=25)
        if m.group().lower().startswith("christmas")
        else TimeSpec(month=1, day=1)
    )


_PATTERNS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    (re.compile(rf"\b{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?!\s*(?:%|percent|people|,\d))"), _full_date),
    (re.compile(rf"\b(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"), _full_date),
    (re.compile(rf"\b(?:(?:early|mid|late)[\s-]+)?{MONTH}(?:\s+of)?,?\s+{YEAR}"), _month_year),
    (
        re.compile(
            rf"(?:{_AFTER_PREP}(?:(?P<rel>(?i:early|late|mid))[\s-]+)?|"
            rf"\b(?P<rel2>(?i:last|this|next|early|late|mid))[\s-]+){MONTH}\b(?!\.?\s+\d)"
        ),
        _bare_month,
    ),
    (
        re.compile(
            rf"(?:{_AFTER_PREP}|\b(?i:the|early|late|mid|summer|spring|autumn|winter)[\s-]+)"
            rf"(?:(?i:early|late|mid)[\s-]+)?{YEAR}(?!\s*(?:%|people))"
        ),
        _year,
    ),
    (re.compile(rf"\b{YEAR}'s\b"), _year),
    (
        re.compile(
            rf"\b(?:(?i:overnight)\s+(?P<into>(?i:into)\s+)?)?"
            rf"(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?"
            rf"(?:(?i:early|late)\s+(?:(?i:on)\s+)?)?{WEEKDAY}(?:'s)?(?i:{_PART})"
        ),
        _weekday_spec,
    ),
    (
        re.compile(
            r"\b(?:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?|"
            r"last\s+night|overnight|tonight|today|this\s+(?:morning|afternoon|evening)|"
            r"earlier\s+(?:today|in\s+the\s+day)|tomorrow|the\s+previous\s+(?:day|night)|"
            r"a\s+day\s+earlier|the\s+day\s+before|the\s+night\s+before)\b",
            re.IGNORECASE,
        ),
        _relative_day,
    ),
    (re.compile(rf"\b{COUNT}\s+{UNIT}\s+ago\b", re.IGNORECASE), _ago),
    (re.compile(r"\b(?:New\s+Year's|Christmas)\s+(?:Day|Eve)\b"), _holiday),
    (
        re.compile(
            r"\b(?:later\s+(?:that|the\s+same)\s+(?:day|night|evening)|(?:on\s+)?the\s+same\s+day|"
            r"(?:hours|minutes|moments)\s+later)\b",
            re.IGNORECASE,
        ),
        lambda m: TimeSpec(role=SAME),
    ),
    (
        re.compile(
            r"\b(?:(?:\w+|a\s+few)\s+)?(?:days|weeks|months|years)\s+later\b", re.IGNORECASE
        ),
        lambda m: TimeSpec(role=LATER),
    ),
    (
        re.compile(
            r"\b(?P<rel>last|this|next|past|previous|coming|earlier\s+this|later\s+this|"
            r"this\s+past)\s+(?P<unit>week|month|year|weekend)\b",
            re.IGNORECASE,
        ),
        _relative_period,
    ),
    (
        re.compile(
            r"\b(?:the\s+)?end\s+of\s+(?:the\s+|(?P<rel>this|next|last)\s+)(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
        _end_of_period,
    ),
    (
        re.compile(
            rf"\b(?:within|in\s+the\s+next|in\s+the\s+coming)\s+{COUNT}\s+{UNIT}\b", re.IGNORECASE
        ),
        _within,
    ),
    (
        re.compile(
            r"\b(?:so\s+far(?:\s+this\s+(?:year|month|week))?|to\s+date|thus\s+far|until\s+now|"
            r"previously|in\s+the\s+past|since\s+the\s+(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?\w+|"
            r"in\s+recent\s+(?:weeks|years|months|decades)|over\s+the\s+(?:past|last)\s+(?:\w+\s+){0,2}?"
            r"(?:years|months|decades?)|for\s+(?:years|decades|months)|over\s+the\s+years|"
            r"ever\s+since|on\s+previous\s+occasions|in\s+previous\s+\w+)\b",
            re.IGNORECASE,
        ),
        _background,
    ),
]
_HOUR_ULTIMATUM = re.compile(
    r"\b(?P<count>\d+|twenty-four|forty-eight|seventy-two)-(?P<unit>hour|day)\s+"
    r"(?:ultimatum|deadline)",
    re.IGNORECASE,
)
_DEADLINE_PREFIX = re.compile(
    r"(?:\b(?:by|until|till|no\s+later\s+than|not\s+later\s+than|deadline\s+of|"
    r"deadline\s+(?:on|is|was|expires\s+on|expiring\s+on))\s+(?:the\s+end\s+of\s+|end-)?|"
    r"\bbefore\s+the\s+end\s+of\s+|\bend-)$",
    re.IGNORECASE,
)
# "gave the militants 48 hours to surrender"
_GIVEN_TIME = re.compile(
    rf"\b(?:gave|give|gives|given|giving|granted)\s+(?:[\w'-]+\s+){{0,4}}?{COUNT}\s+{UNIT}\s+to\b",
    re.IGNORECASE,
)
# "the deadliest attack since 2014" compares; it does not date the event
_SUPERLATIVE = re.compile(
    r"\b(?:\w+est|worst|first|largest|biggest|most\s+\w+)\b[^,;.]*$", re.IGNORECASE
)
_SINCE_PREFIX = re.compile(
    r"\b(?:since|ever\s+since)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE
)


def find_time_mentions(text: str) -> list[TimeMention]:
    """Every time expression in ``text``, longest first where they overlap, in text order."""
    found: list[TimeMention] = []
    for rank, (pattern, build) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            try:
                spec = build(m)  # type: ignore[operator]
            except (KeyError, ValueError):
                continue
            found.append(
                (m.end() - m.start(), -rank, TimeMention(m.start(), m.end(), m.group(), spec))
            )  # type: ignore[arg-type]
    for m in _HOUR_ULTIMATUM.finditer(text):  # "a 48-hour ultimatum"
        spec = _within_spec(_count(m["count"]), m["unit"].lower())
        found.append((m.end() - m.start(), 0, TimeMention(m.start(), m.end(), m.group(), spec)))
    for m in _GIVEN_TIME.finditer(text):
        spec = _within_spec(_count(m["count"]), m["unit"].lower())
        start, end = m.start("count"), m.end("unit") + 1
        found.append((end - start, 0, TimeMention(start, end, text[start:end], spec)))
    chosen: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    for _, _, mention in sorted(found, key=lambda x: (-x[0], -x[1], x[2].start)):  # type: ignore[index]
        if any(mention.start < e and s < mention.end for s, e in taken):
            continue
        taken.append((mention.start, mention.end))
        chosen.append(_with_prefix(text, mention))
    return sorted(chosen, key=lambda m: m.start)


def _with_prefix(text: str, mention: TimeMention) -> TimeMention:
    """Mark deadlines ("by the end of February") and starting points ("since 2011")."""
    if mention.spec.role != DATE:
        return mention
    before = text[max(0, mention.start - 40) : mention.start]
    words = before.rstrip()
    gap = before[len(words) :]
    deadline = _DEADLINE_PREFIX.search(words + (" " if gap else ""))
    if deadline:
        end = "end" in deadline.group().lower()
        spec = replace(mention.spec, role=DEADLINE, end=end or mention.spec.end)
        start = mention.start - len(before) + deadline.start()
        return TimeMention(start, mention.end, text[start : mention.end], spec)
    if _SINCE_PREFIX.search(words + (" " if gap else "")) or mention.text.lower().startswith(
        "since"
    ):
        if _SUPERLATIVE.search(words[: -len("since")]):
            return replace(mention, spec=replace(mention.spec, role=COMPARE))
        return replace(mention, spec=replace(mention.spec, role=SINCE))
    return mention


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _infer_year(month: int, day: int, anchor: date, future: bool) -> date | None:
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    slack = timedelta(days=_SLACK_DAYS)
    if future:
        later = [d for d in candidates if d >= anchor - slack]
        return min(later) if later else None
    earlier = [d for d in candidates if d <= anchor + slack]
    return max(earlier) if earlier else None


def resolve(spec: TimeSpec, anchor: date | None, *, future: bool = False) -> Resolved | None:
    """Place a time expression on the calendar. ``anchor`` is the publication date; ``future``
    resolves weekdays and yearless dates forward (future clauses and deadlines)."""
    if spec.role in (BACKGROUND, COMPARE, SAME, LATER):
        return None
    future = future or spec.role == DEADLINE
    try:
        resolved = _resolve(spec, anchor, future)
    except (ValueError, OverflowError):
        return None
    if resolved is None:
        return None
    if spec.shift_days:
        try:
            shifted = resolved.date + timedelta(days=spec.shift_days)
        except OverflowError:  # "a day after" the year 9999
            return None
        resolved = Resolved(shifted, resolved.precision, shifted)
    if spec.end:
        resolved = Resolved(resolved.last, "day", resolved.last)
    return resolved


def _resolve(spec: TimeSpec, anchor: date | None, future: bool) -> Resolved | None:
    if spec.month and spec.day:
        if spec.year:
            d = date(spec.year, spec.month, spec.day)
        elif anchor is None:
            return None
        else:
            d = _infer_year(spec.month, spec.day, anchor, future)
            if d is None:
                return None
        return Resolved(d, "day", d)
    if spec.month:
        year = spec.year
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            if spec.relation == "last" or (not future and spec.relation != "next"):
                if spec.month > anchor.month or (
                    spec.relation == "last" and spec.month == anchor.month
                ):
                    year -= 1
            elif spec.month < anchor.month or (
                spec.relation == "next" and spec.month == anchor.month
            ):
                year += 1
        return Resolved(date(year, spec.month, 1), "month", _month_end(year, spec.month))
    if spec.year and spec.unit is None:
        return Resolved(date(spec.year, 1, 1), "year", date(spec.year, 12, 31))
    if anchor is None:
        return None
    if spec.unit is None and spec.weekday is not None:
        d = _weekday_date(spec.weekday, spec.relation, anchor, future)
        return Resolved(d, "day", d)
    if spec.unit == "day":
        d = anchor + timedelta(days=spec.offset)
        return Resolved(d, "day", d)
    if spec.unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=spec.offset)
        if spec.weekday is not None:  # weekends
            saturday = monday + timedelta(days=spec.weekday)
            return Resolved(saturday, "week", saturday + timedelta(days=1))
        return Resolved(monday, "week", monday + timedelta(days=6))
    if spec.unit == "month":
        year, month = _add_months(anchor.year, anchor.month, spec.offset)
        if spec.day == 0:  # "within a month": the same day a month on
            day = min(anchor.day, calendar.monthrange(year, month)[1])
            d = date(year, month, day)
            return Resolved(d, "day", d)
        return Resolved(date(year, month, 1), "month", _month_end(year, month))
    if spec.unit == "year":
        year = anchor.year + spec.offset
        return Resolved(date(year, 1, 1), "year", date(year, 12, 31))
    return None


def _weekday_date(weekday: int, relation: str | None, anchor: date, future: bool) -> date:
    if relation == "next" or (future and relation != "last"):
        ahead = (weekday - anchor.weekday()) % 7
        if relation == "next" and ahead == 0:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if relation == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)
