"""Plain text: decoding, datelines, empty and non-English documents."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from reader_helpers import ENGLISH, SPANISH

from eventwire.model import Article
from eventwire.readers import Skipped, read_inputs
from eventwire.readers.text import dateline


def read_one(path) -> Article | Skipped:
    (result,) = list(read_inputs([path]))
    return result


def test_text_file_is_one_article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == ENGLISH and article.language == "en"
    assert article.id == Article.from_text(ENGLISH).id  # content hash: rereading is idempotent


@pytest.mark.parametrize(
    ("opening", "published", "source"),
    [
        ("ANKARA, Feb 3, 2020 (Wirewire) — ", date(2020, 2, 3), "Wirewire"),
        ("HATAY, Turkey, Sept 14, 2019 (Wirewire) — ", date(2019, 9, 14), "Wirewire"),
        ("THE HAGUE, March 24, 2023 — ", date(2023, 3, 24), None),
        ("GAZA/JERUSALEM, May 12, 2021 (Wirewire) -- ", date(2021, 5, 12), "Wirewire"),
        ("Ankara said on Feb 3, 2020 — ", None, None),  # not a dateline
        ("BAMAKO, 4 juil. 2022 (Agence) — ", None, None),
    ],
)
def test_dateline_gives_date_and_source(opening, published, source):
    assert dateline(opening + ENGLISH) == (published, source)


def test_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ENGLISH.replace(". ", ".\r\n").encode())
    article = read_one(path)
    assert isinstance(article, Article)
    assert not article.text.startswith("\ufeff") and "\r" not in article.text


def test_a_few_invalid_bytes_are_replaced_and_noted(tmp_path, caplog):
    path = tmp_path / "latin.txt"
    path.write_bytes(ENGLISH.encode().replace(b"Saraqeb", b"Saraq\xe9b"))
    with caplog.at_level(logging.WARNING, logger="eventwire.readers"):
        article = read_one(path)
    assert isinstance(article, Article) and "Saraq\ufffdb" in article.text
    assert "latin.txt: invalid UTF-8, 1 bytes replaced" in caplog.text


def test_mostly_invalid_bytes_are_skipped(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(128, 256)) * 20)
    skipped = read_one(path)
    assert isinstance(skipped, Skipped) and "not UTF-8 text" in skipped.reason
    assert str(skipped).startswith(f"{path}: ")


@pytest.mark.parametrize("content", ["", "   \n\n  ", "12 34 -- 56"])
def test_empty_documents_are_skipped(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    skipped = read_one(path)
    assert isinstance(skipped, Skipped) and skipped.reason == "empty document (no text)"


def test_non_english_is_skipped_with_the_language(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text(SPANISH, encoding="utf-8")
    skipped = read_one(path)
    assert isinstance(skipped, Skipped)
    assert skipped.reason.startswith("language 'es' is not English")


def test_short_english_lines_stay_english(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Rebels attacked the town.", encoding="utf-8")
    assert isinstance(read_one(path), Article)
