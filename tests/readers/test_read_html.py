"""HTML pages: main text, title, publication date; broken pages."""

from __future__ import annotations

from datetime import date

import pytest
from reader_helpers import ENGLISH, page

from eventwire.model import Article
from eventwire.readers import Skipped, read_inputs


def read_one(path):
    (result,) = list(read_inputs([path]))
    return result


def test_main_text_title_and_date(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(page(), encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.title == "Troops enter Saraqeb"
    assert article.published == date(2020, 2, 27)
    assert article.url == "https://news.example/saraqeb"
    assert "killed 13 soldiers" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_legacy_encoding_declared_in_the_page(tmp_path):
    path = tmp_path / "latin1.htm"
    html = page(ENGLISH.replace("Saraqeb", "Saraqéb")).replace(
        "<head>", '<head><meta charset="iso-8859-1">'
    )
    path.write_bytes(html.encode("iso-8859-1"))
    article = read_one(path)
    assert isinstance(article, Article) and "Saraqéb" in article.text


def test_broken_html_still_gives_its_text(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>" + ENGLISH + "<p><b>unclosed", encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article) and "Saraqeb" in article.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty document (no HTML)"),
        (b"<html><head><title>x</title></head><body></body></html>", "no main text"),
        (b"\x00\x01\x02\x03", "empty document (no text)"),
    ],
)
def test_pages_without_text_are_skipped(tmp_path, content, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    skipped = read_one(path)
    assert isinstance(skipped, Skipped) and reason in skipped.reason
