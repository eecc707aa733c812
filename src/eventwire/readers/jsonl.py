"""JSON Lines: one record per line, ``{id?, text | html, url?, title?, published?, source?}``.

The record's ``id``, when given, is the article id; otherwise the content hash. Record numbers
are line numbers (1-based); blank lines are not records.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import Any

from .base import Origin, Record, Skipped, decode_text, make_article, parse_date, skip
from .html import extract_page
from .inputs import InputFile

STRING_FIELDS = ("url", "title", "source")


def read_jsonl(file: InputFile) -> Iterator[Record]:
    origin = Origin(file.name, None)
    try:
        stream = file.open()
    except OSError as e:
        yield skip(origin, f"cannot read: {e}")
        return
    number = 0
    try:
        for number, line in enumerate(stream, start=1):  # noqa: B007 - used after the loop
            if line.strip():
                yield record_of(Origin(file.name, number), line)
    except (OSError, EOFError, zlib.error) as e:
        yield skip(Origin(file.name, number + 1), f"truncated or corrupt input: {e}")
    finally:
        file.close(stream)


def record_of(origin: Origin, line: bytes) -> Record:
    """The article of one JSON line, or why it gives none."""
    text = decode_text(line, origin)
    if isinstance(text, Skipped):
        return origin, text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return skip(origin, f"invalid JSON: {e.msg} (column {e.colno})")
    except RecursionError:
        return skip(origin, "invalid JSON: nested too deeply")
    if not isinstance(data, dict):
        return skip(origin, f"expected a JSON object, got {type(data).__name__}")
    problem = _type_problem(data)
    if problem:
        return skip(origin, problem)
    try:
        published = parse_date(data.get("published"))
    except TypeError:  # checked above; kept for safety
        published = None
    if data.get("published") and published is None:
        return skip(origin, f"field 'published' is not a date: {data['published']!r}")
    record_id = data.get("id")
    record_id = str(record_id) if record_id is not None and record_id != "" else None
    body = data.get("text")
    url, title, site = data.get("url"), data.get("title"), data.get("source")
    if body is None:
        html = data.get("html")
        if html is None:
            return skip(origin, "record has neither 'text' nor 'html'")
        page = extract_page(html, url=url)
        if isinstance(page, str):
            return skip(origin, page)
        body = page.text
        title = title or page.title
        published = published or page.published
        url = url or page.url
        site = site or page.site
    return make_article(
        origin, body, id=record_id, url=url, title=title, published=published, source=site
    )


def _type_problem(data: dict[str, Any]) -> str | None:
    if "id" in data and not (data["id"] is None or isinstance(data["id"], str | int)):
        return f"field 'id' must be a string, not {type(data['id']).__name__}"
    if isinstance(data.get("id"), bool):
        return "field 'id' must be a string, not bool"
    for key in ("text", "html", *STRING_FIELDS, "published"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return f"field '{key}' must be a string, not {type(value).__name__}"
    return None
