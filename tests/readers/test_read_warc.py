"""WARC and WARC.gz in the CC-NEWS layout, written with the ``write_warc`` helper."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from reader_helpers import ENGLISH, page

from eventwire.model import Article
from eventwire.readers import Skipped, read_inputs, write_warc

SAMPLE_WARC = Path(__file__).parents[2] / "samples" / "warc" / "ccnews-sample.warc.gz"


def pages(n=5):
    return [
        (f"https://news.example/{i}", page(f"{ENGLISH} Story {i}.", canonical=None))
        for i in range(n)
    ]


@pytest.mark.parametrize("name", ["news.warc.gz", "news.warc"])
def test_response_records_become_articles(tmp_path, name):
    path = write_warc(tmp_path / name, pages())
    results = list(read_inputs([path]))
    assert len(results) == 5 and all(isinstance(r, Article) for r in results)
    assert results[2].url == "https://news.example/2"
    assert results[2].published == date(2020, 2, 27)  # from the page, not the crawl date
    assert "Story 2." in results[2].text


def test_crawl_date_when_the_page_has_none(tmp_path):
    html = "<html><body><article><p>" + ENGLISH + "</p></article></body></html>"
    fetched = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
    path = write_warc(tmp_path / "d.warc.gz", [("https://n.example/x", html, fetched)])
    (article,) = read_inputs([path])
    assert article.published == date(2024, 5, 6)


def test_non_html_and_error_responses(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "mixed.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for status, kind, body in [
            ("200 OK", "text/html", page().encode()),
            ("404 Not Found", "text/html", b"<p>gone</p>"),
            ("301 Moved Permanently", "text/html", b""),
            ("200 OK", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://n.example/p", "response", payload=io.BytesIO(body),
                    http_headers=headers,
                )
            )  # fmt: skip
    results = list(read_inputs([path]))
    assert isinstance(results[0], Article)
    assert [(r.record, r.reason.split(" (")[0].split(" for ")[0]) for r in results[1:]] == [
        (2, "HTTP status 404"),
        (4, "not HTML"),
    ]  # the redirect (record 3) is no page and is left out silently


def test_truncated_warc_gz_keeps_earlier_records(tmp_path):
    path = write_warc(tmp_path / "cut.warc.gz", pages(6))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    results = list(read_inputs([path]))
    articles = [r for r in results if isinstance(r, Article)]
    assert 2 <= len(articles) < 6
    last = results[-1]
    assert isinstance(last, Skipped) and "truncated or corrupt WARC" in last.reason
    assert last.record is not None and str(last).startswith(f"{path} record {last.record}: ")


def test_not_a_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a WARC file\r\n\r\n")
    (skipped,) = read_inputs([path])
    assert isinstance(skipped, Skipped) and "WARC" in skipped.reason


@pytest.mark.skipif(not SAMPLE_WARC.exists(), reason="samples/ has no WARC")
def test_bundled_cc_news_sample():
    results = list(read_inputs([SAMPLE_WARC]))
    assert len(results) == 6 and all(isinstance(r, Article) for r in results)
