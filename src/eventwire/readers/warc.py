"""WARC and WARC.gz files as Common Crawl's CC-NEWS ships them: response records holding HTML.

Record numbers count every WARC record of the file (1-based), so a reason points at the record.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from .base import Origin, Record, make_article, one_line, parse_date, skip
from .html import extract_page
from .inputs import InputFile

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _checked_iterator(stream: BinaryIO) -> Any:
    """An ArchiveIterator that notices a gzip member cut short (warcio stops there silently)."""
    from warcio.archiveiterator import ArchiveIterator

    class CheckedIterator(ArchiveIterator):
        truncated = False

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None)
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.truncated = True
            super().close()

    return CheckedIterator(stream)


def _looks_like_warc(stream: BinaryIO) -> bool:
    """True when the stream starts with a WARC record (plain or gzip); the stream is rewound."""
    if not stream.seekable():
        return True
    head = stream.read(8192)
    stream.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def read_warc(file: InputFile) -> Iterator[Record]:
    from warcio.exceptions import ArchiveLoadFailed

    origin = Origin(file.name, None)
    try:
        stream = file.open()
        if not _looks_like_warc(stream):
            yield skip(origin, "not a WARC file (no WARC/1.x record at the start)")
            return
    except OSError as e:
        yield skip(origin, f"cannot read: {e}")
        return
    number = 0
    try:
        records = _checked_iterator(stream)
        for number, record in enumerate(records, start=1):  # noqa: B007
            if record.rec_type is None:
                yield skip(Origin(file.name, number), "corrupt WARC record: no WARC-Type header")
                continue
            if record.rec_type != "response":
                continue
            item = _response_record(Origin(file.name, number), record)
            if item is not None:
                yield item
        if records.truncated:
            yield skip(Origin(file.name, number + 1), "truncated or corrupt WARC: file ends early")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as e:
        reason = one_line(str(e) or type(e).__name__)
        yield skip(Origin(file.name, number + 1), f"truncated or corrupt WARC: {reason}")
    finally:
        file.close(stream)


def _response_record(origin: Origin, record) -> Record | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    if http is not None:
        status = (http.get_statuscode() or "").strip()
        if status.startswith("3"):
            return None  # a redirect: no page here; the target has its own record
        if status and status != "200":
            return skip(origin, f"HTTP status {status} for {url}")
        content_type = (http.get_header("Content-Type") or "").lower()
        if content_type and not any(t in content_type for t in _HTML_TYPES):
            return skip(origin, f"not HTML ({content_type.split(';')[0]}) at {url}")
    payload = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:
        return skip(origin, f"truncated or corrupt WARC: record ends early ({url})")
    page = extract_page(payload, url=url)
    if isinstance(page, str):
        return skip(origin, f"{page} ({url})")
    published = page.published or _warc_date(record.rec_headers.get_header("WARC-Date"))
    return make_article(
        origin, page.text, url=url, title=page.title, published=published, source=page.site
    )


def _warc_date(value: str | None) -> date | None:
    try:
        return parse_date(value)
    except TypeError:
        return None


def write_warc(
    path: str | Path,
    pages: Iterable[tuple[str, str | bytes] | tuple[str, str | bytes, datetime]],
    *,
    compress: bool | None = None,
) -> Path:
    """Write pages ``(url, html[, fetched])`` as a CC-NEWS-style WARC (a warcinfo record, then one
    HTTP 200 response record per page). Compressed per record when the name ends in ``.gz``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = Path(path)
    if compress is None:
        compress = path.suffix == ".gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        info = {"software": "eventwire", "format": "WARC File Format 1.0"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        for page in pages:
            url, html = page[0], page[1]
            fetched = page[2] if len(page) > 2 else datetime(2024, 1, 1, tzinfo=UTC)  # type: ignore[misc]
            body = html.encode("utf-8") if isinstance(html, str) else html
            http_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            warc_date = fetched.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(record)
    return path
