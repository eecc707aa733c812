"""RSS and Atom feeds: one article per entry, from the entry's locally saved page when there is
one, else from its content or summary.

A saved page is found next to the feed: the entry link when it is a relative path or a
``file:`` URL, else a file anywhere under the feed's folder named like the link's last path
segment (``.../2020/idlib-clashes`` or ``idlib-clashes.html``). Pages read as entries are not
read again as standalone HTML in the same run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

from .base import Origin, Record, make_article, skip
from .html import Page, extract_page, fragment_text
from .inputs import InputFile, format_of

# feedparser leaves entity expansion to expat; a feed that declares entities is refused outright.
_ENTITY_DECLARATION = b"<!entity"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
MAX_PAGE_INDEX = 100_000


class PageFinder:
    """Finds the locally saved page of a feed entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_name: dict[str, Path] | None = None

    def _index(self) -> dict[str, Path]:
        if self._by_name is None:
            self._by_name = {}
            for n, path in enumerate(sorted(self.folder.rglob("*"))):
                if n >= MAX_PAGE_INDEX:
                    break
                if path.is_file() and format_of(path)[0] == "html":
                    self._by_name.setdefault(path.name, path)
                    self._by_name.setdefault(path.stem, path)
        return self._by_name

    def find(self, link: str | None) -> Path | None:
        if not link:
            return None
        parsed = urlparse(link)
        if parsed.scheme in ("", "file"):
            candidate = Path(unquote(parsed.path))
            if not candidate.is_absolute():
                candidate = self.folder / candidate
            if candidate.is_file():
                return candidate
        segment = unquote(parsed.path.rstrip("/").rsplit("/", 1)[-1])
        if not segment:
            return None
        index = self._index()
        return index.get(segment) or index.get(segment + ".html") or index.get(segment + ".htm")


def _entry_date(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _entry_body(entry: dict) -> str:
    parts = entry.get("content") or []
    best = max(parts, key=lambda c: len(c.get("value") or ""), default=None)
    if best is None and entry.get("summary"):
        best = entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"}
    if not best or not (best.get("value") or "").strip():
        return ""
    value = best["value"]
    if (best.get("type") or "text/html").lower() in _HTML_TYPES or "<" in value:
        return fragment_text(value)
    return value


def read_feed(file: InputFile, consumed: set[Path] | None = None) -> Iterator[Record]:
    """Articles of a feed's entries. Saved pages used are added to ``consumed``."""
    import feedparser

    origin = Origin(file.name, None)
    data = file.contents()
    if not isinstance(data, bytes):
        yield data
        return
    if _ENTITY_DECLARATION in data[:65536].lower():
        yield skip(origin, "feed declares XML entities (<!ENTITY>); refused (entity expansion)")
        return
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a valid feed: {problem}" if problem else "feed has no entries"
        if not data.strip():
            reason = "empty document (no feed)"
        yield skip(origin, reason)
        return
    site = (parsed.get("feed") or {}).get("title") or None
    finder = PageFinder(file.path.parent) if file.path is not None else None
    for number, entry in enumerate(entries, start=1):
        yield _entry_record(Origin(file.name, number), entry, site, finder, consumed)


def _entry_record(
    origin: Origin,
    entry: dict,
    site: str | None,
    finder: PageFinder | None,
    consumed: set[Path] | None,
) -> Record:
    link = entry.get("link") or None
    title = entry.get("title") or None
    published = _entry_date(entry)
    page_path = finder.find(link) if finder is not None else None
    page: Page | str | None = None
    if page_path is not None:
        try:
            page = extract_page(page_path.read_bytes(), url=link)
        except OSError as e:
            page = f"cannot read saved page {page_path}: {e}"
        if consumed is not None:
            consumed.add(page_path.resolve())
    if isinstance(page, Page):
        return make_article(
            origin,
            page.text,
            url=link or page.url,
            title=title or page.title,
            published=published or page.published,
            source=site or page.site,
        )
    body = _entry_body(entry)
    if not body.strip():
        why = f"; saved page: {page}" if isinstance(page, str) else ""
        return skip(origin, f"entry has no text and no readable saved page{why}")
    return make_article(origin, body, url=link, title=title, published=published, source=site)
