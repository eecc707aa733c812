"""RSS and Atom: entry text, locally saved pages, refused entity declarations."""

from __future__ import annotations

from datetime import date
from html import escape

from reader_helpers import ENGLISH, page

from eventwire.model import Article
from eventwire.readers import Skipped, read_inputs

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title>
<item><title>Troops enter Saraqeb</title><link>https://news.example/world/saraqeb</link>
<pubDate>Thu, 27 Feb 2020 10:00:00 GMT</pubDate><description>Teaser only.</description></item>
<item><title>Protest in Nairobi</title><link>https://news.example/world/nairobi</link>
<pubDate>Mon, 01 Mar 2021 08:00:00 GMT</pubDate><description>Short.</description>
<content:encoded>{body}</content:encoded></item>
<item><title>Nothing here</title><link>https://news.example/world/none</link></item>
</channel></rss>"""
NAIROBI = (
    "Thousands of protesters marched through Nairobi on Monday demanding lower food prices, "
    "and police fired tear gas at the crowd near parliament, witnesses said."
)


def write_feed(folder):
    folder.mkdir(exist_ok=True)
    (folder / "world.rss").write_text(
        RSS.format(body=escape(f"<p>{NAIROBI}</p><p>Police said that 20 people were held.</p>")),
        encoding="utf-8",
    )
    (folder / "pages").mkdir(exist_ok=True)
    (folder / "pages" / "saraqeb.html").write_text(page(canonical=None), encoding="utf-8")
    return folder


def test_entries_from_saved_page_and_content(tmp_path):
    folder = write_feed(tmp_path / "feed")
    results = list(read_inputs([folder]))  # the saved page is read once, as the entry
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Skipped"]
    saved, content, empty = results
    assert saved.url == "https://news.example/world/saraqeb"
    assert saved.title == "Troops enter Saraqeb" and saved.source == "Example Wire"
    assert saved.published == date(2020, 2, 27)
    assert "killed 13 soldiers" in saved.text and "Teaser" not in saved.text
    assert content.text == NAIROBI + "\nPolice said that 20 people were held."
    assert content.published == date(2021, 3, 1)
    assert (empty.record, empty.reason) == (3, "entry has no text and no readable saved page")


def test_atom_feed(tmp_path):
    path = tmp_path / "news.atom"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        "<entry><title>Saraqeb</title><link href='https://a.example/1'/>"
        f"<updated>2020-02-27T10:00:00Z</updated><summary>{ENGLISH}</summary></entry></feed>",
        encoding="utf-8",
    )
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert (article.url, article.source, article.published) == (
        "https://a.example/1", "Atom Wire", date(2020, 2, 27),
    )  # fmt: skip


def test_entity_declarations_are_refused(tmp_path):
    path = tmp_path / "lol.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        "<rss><channel><title>&lol3;</title><item><description>&lol3;</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    external = tmp_path / "ext.rss"
    external.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><description>&x;</description></item></channel></rss>",
        encoding="utf-8",
    )
    for skipped in read_inputs([path, external]):
        assert isinstance(skipped, Skipped) and "refused (entity expansion)" in skipped.reason


def test_not_a_feed(tmp_path):
    path = tmp_path / "junk.rss"
    path.write_text("this is not a feed at all", encoding="utf-8")
    (skipped,) = read_inputs([path])
    assert isinstance(skipped, Skipped) and skipped.record is None
