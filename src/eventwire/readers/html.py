"""HTML pages: main text, title and publication date (trafilatura; dates by htmldate)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from .base import Origin, Record, make_article, one_line, parse_date, skip
from .inputs import InputFile

MAX_HTML_BYTES = 20_000_000

# trafilatura reports broken pages through logging; the reader reports them as Skipped instead.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())


@dataclass(slots=True)
class Page:
    """What an HTML page holds for us."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None


def extract_page(html: bytes | str, *, url: str | None = None) -> Page | str:
    """The main text and metadata of a page, or the reason there is none."""
    import trafilatura

    if len(html) > MAX_HTML_BYTES:
        return f"page larger than {MAX_HTML_BYTES} bytes"
    if not html.strip():
        return "empty document (no HTML)"
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as e:  # noqa: BLE001 - a third-party parser on untrusted input
        return f"HTML extraction failed: {type(e).__name__}: {one_line(str(e))}"
    fields: dict[str, Any] = {}
    if doc is not None:
        for key in ("text", "title", "date", "url", "sitename", "hostname"):
            fields[key] = doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)
    text = fields.get("text") or ""
    if not text.strip():
        return _fallback(html, url=url)
    try:
        published = parse_date(fields.get("date"))
    except TypeError:
        published = None
    return Page(
        text=text,
        title=fields.get("title") or None,
        published=published,
        url=url or fields.get("url") or None,
        site=fields.get("sitename") or fields.get("hostname") or None,
    )


def fragment_text(html: bytes | str) -> str:
    """Plain text of an HTML page or fragment, one line per block element ("" if unparsable)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return ""
    for junk in root.xpath("//head|//script|//style|//noscript|//template"):
        junk.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _fallback(html: bytes | str, *, url: str | None) -> Page | str:
    """All the text of a page or fragment too small for main-text extraction."""
    text = fragment_text(html)
    if not text.strip():
        return "no main text found in the HTML"
    return Page(text=text, url=url)


def page_record(origin: Origin, html: bytes | str, *, url: str | None = None) -> Record:
    page = extract_page(html, url=url)
    if isinstance(page, str):
        return skip(origin, page)
    return make_article(
        origin,
        page.text,
        url=page.url,
        title=page.title,
        published=page.published,
        source=page.site,
    )


def read_html(file: InputFile) -> Iterator[Record]:
    origin = Origin(file.name, None)
    data = file.contents()
    if not isinstance(data, bytes):
        yield data
        return
    yield page_record(origin, data)
