"""Plain-text files: the whole file is one article.

A wire-style dateline opening the text (``ANKARA, Feb 3, 2020 (Wirewire) — ...``) gives the
publication date and the source; the text itself is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from .base import Origin, Record, Skipped, decode_text, make_article
from .inputs import InputFile

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DATELINE = re.compile(
    r"""^\s*
    (?P<place>[^\n,()]{2,40}(?:,[^\n,()]{2,40}){0,2}),\s+
    (?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})
    (?:\s*\((?P<source>[^()\n]{1,60})\))?
    \s*[—–-]{1,2}\s""",
    re.VERBOSE,
)


def dateline(text: str) -> tuple[date | None, str | None]:
    """Publication date and source from a dateline at the start of ``text``."""
    match = _DATELINE.match(text[:300])
    if not match or match["place"].split(",")[0] != match["place"].split(",")[0].upper():
        return None, None
    month = _MONTHS.get(match["month"][:3].lower())
    if month is None:
        return None, None
    try:
        published = date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None, None
    source = match["source"].strip() if match["source"] else None
    return published, source


def read_text(file: InputFile) -> Iterator[Record]:
    origin = Origin(file.name, None)
    data = file.contents()
    if not isinstance(data, bytes):
        yield data
        return
    text = decode_text(data, origin)
    if isinstance(text, Skipped):
        yield origin, text
        return
    published, source = dateline(text)
    yield make_article(origin, text, published=published, source=source)
