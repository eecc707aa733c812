"""What every reader yields: an Article or a Skipped, with where it came from."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from ..model import Article
from .language import identify_language

log = logging.getLogger("eventwire.readers")

# More undecodable bytes than this share of the text means the input is not UTF-8 at all.
MAX_BAD_BYTES_SHARE = 0.01
# Larger articles are skipped (a whole book or a dump is not a news story); the environment
# variable overrides it, read on every article so a run or a test can change it.
MAX_ARTICLE_MB = 5.0
MAX_ARTICLE_MB_VAR = "EVENTWIRE_MAX_ARTICLE_MB"
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input record that gave no article, and why (one line)."""

    source: str
    record: int | None
    reason: str

    def __str__(self) -> str:
        return f"{Origin(self.source, self.record)}: {self.reason}"


ReadResult = Article | Skipped


class Origin(NamedTuple):
    """Where an article was read: the input's name and the record number inside it (1-based;
    None for single-document files)."""

    source: str
    record: int | None

    def __str__(self) -> str:
        return self.source if self.record is None else f"{self.source} record {self.record}"


Record = tuple[Origin, ReadResult]


def one_line(text: str, *, limit: int = 200) -> str:
    """Squeeze a message onto one line of at most ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def skip(origin: Origin, reason: str) -> Record:
    return origin, Skipped(origin.source, origin.record, one_line(reason))


def decode_text(data: bytes, origin: Origin) -> str | Skipped:
    """Decode UTF-8 (a BOM is dropped). A few bad bytes become U+FFFD and are logged; an input
    that is mostly not UTF-8 is skipped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad > max(3, MAX_BAD_BYTES_SHARE * len(text)):
        reason = f"not UTF-8 text ({bad} undecodable bytes); convert it to UTF-8"
        return Skipped(origin.source, origin.record, reason)
    log.warning("%s: invalid UTF-8, %d bytes replaced by U+FFFD", origin, bad)
    return text


def clean_text(text: str) -> str:
    """Normalise line ends and drop NUL characters; offsets refer to the cleaned text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def parse_date(value: object) -> date | None:
    """A date from ISO 8601 (date or datetime, 'Z' allowed) or RFC 2822; None if not one.

    Raises TypeError for values that are not strings, dates or None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError(type(value).__name__)
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def max_article_mb() -> float:
    """The article size limit in MB: ``$EVENTWIRE_MAX_ARTICLE_MB`` if set, else 5."""
    value = os.environ.get(MAX_ARTICLE_MB_VAR, "").strip()
    if not value:
        return MAX_ARTICLE_MB
    try:
        limit = float(value)
    except ValueError:
        limit = -1.0
    if not limit > 0:
        raise ValueError(f"{MAX_ARTICLE_MB_VAR} must be a positive number of MB, not {value!r}")
    return limit


def size_problem(text: str) -> str | None:
    """Why an article text is too large to code, or None."""
    limit = max_article_mb()
    if len(text) <= limit * 1e6 / 4:  # no UTF-8 character takes more than 4 bytes
        return None
    size = len(text.encode("utf-8", errors="replace")) / 1e6
    if size <= limit:
        return None
    return (
        f"article is {size:.1f} MB, over the {limit:g} MB limit "
        f"(raise with {MAX_ARTICLE_MB_VAR}=<MB>)"
    )


def make_article(
    origin: Origin,
    text: str,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
) -> Record:
    """Build the Article for a decoded text, or a Skipped when it is empty or not English."""
    too_big = size_problem(text)
    if too_big:
        return skip(origin, too_big)
    text = clean_text(text)
    if not _LETTER.search(text):
        return skip(origin, "empty document (no text)")
    language, confidence = identify_language(text)
    if language != "en":
        return skip(origin, f"language '{language}' is not English (confidence {confidence:.2f})")
    article = Article.from_text(
        text,
        id=id,
        url=url or None,
        title=one_line(title, limit=1000) if title else None,
        published=published,
        source=source or None,
    )
    article.language = language
    return origin, article
