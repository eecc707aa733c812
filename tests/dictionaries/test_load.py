"""Loading dictionary folders: detection by content, merging, caching, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.dictionary import load_dictionary
from eventwire.dictionaries import DiscardMatcher, detect_format, load_dictionaries
from eventwire.dictionaries.detect import detect_text
from eventwire.errors import ConfigError


def test_formats_are_detected_by_content(petrarch_dir: Path):
    formats = {p.name: detect_format(p) for p in petrarch_dir.iterdir() if p.suffix == ".txt"}
    assert formats == {
        "test.actors.txt": "petrarch-actors",
        "test.agents.txt": "petrarch-agents",
        "test.verbs.txt": "petrarch-verbs",
        "test.discards.txt": "petrarch-discards",
    }


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("about\nabove\nacross\nafter\nagainst\nalong\n", "word-list"),
     ('<ISSUE CATEGORY="X">\nn:school [SCHOOLS]\n</ISSUE>\n', "petrarch-issues"),
     ("", None)],
)  # fmt: skip
def test_files_that_are_not_used(text, fmt):
    assert detect_text(text) == fmt


def test_a_folder_loads_as_it_is(petrarch_dir: Path):
    loaded = load_dictionaries([petrarch_dir])
    assert len(loaded.files) == 4  # README.md is not read
    assert {a.name for a in loaded.actors} >= {"Gondor", "Sam Gamgee"}
    assert any(s.entry.phrase == "foreign minister" for s in loaded.agents)
    assert loaded.discards.story == ("world golf championships",)
    assert loaded.lexicons and not loaded.lexicons[0].builtin
    assert any("NOSUCHSET" in n for n in loaded.notes)
    assert load_dictionaries([petrarch_dir]) is loaded  # unchanged files: the cached result


def test_a_changed_file_is_read_again(petrarch_dir: Path):
    first = load_dictionaries([petrarch_dir])
    path = petrarch_dir / "test.actors.txt"
    path.write_text(path.read_text() + "ERIADOR [ERI]\n", encoding="utf-8")
    second = load_dictionaries([petrarch_dir])
    assert second is not first and any(a.name == "Eriador" for a in second.actors)


def test_parsed_files_are_cached_on_disk(petrarch_dir: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    load_dictionaries([petrarch_dir / "test.verbs.txt"])
    cached = list((tmp_path / "cache" / "dictionaries").glob("test.verbs*.pickle"))
    assert len(cached) == 1


def test_user_actors_take_precedence(petrarch_dir: Path):
    dictionary = load_dictionary((petrarch_dir,))
    from eventwire.actors.names import name_index

    matches = name_index(dictionary).matches("The U.S. and Gondor")
    assert [(m.kind, m.entries[0].ref.name) for m in matches] == [
        ("actor", "United States"), ("actor", "Gondor")
    ]  # fmt: skip
    assert any(a.name == "Gondor" for a in dictionary.actors)


def test_discard_matcher():
    from eventwire.dictionaries import Discards

    matcher = DiscardMatcher(Discards(sentence=("baseball",), story=("world golf championships",)))
    assert matcher.sentence("They played Baseball.") == "Baseball"
    assert matcher.sentence("baseballs") is None  # whole words
    assert matcher.story("at the World Golf Championships") is not None


def test_discard_phrases_join_words_by_spaces_or_hyphens_only_whole():
    from eventwire.dictionaries import Discards

    matcher = DiscardMatcher(Discards(sentence=("world cup", "cease fire")))
    assert matcher.sentence("the World-Cup final") == "World-Cup"
    assert matcher.sentence("a cease -\n fire") == "cease -\n fire"
    assert matcher.sentence("the anti-world cup rally") is None  # a hyphen binds a word
    assert matcher.sentence("no world cups") is None
    assert DiscardMatcher(Discards()).sentence("world cup") is None


def test_discard_phrase_inside_a_word_is_no_match():
    from eventwire.dictionaries import Discards

    matcher = DiscardMatcher(Discards(sentence=("war", "cup")))
    assert matcher.sentence("They walked toward the cupboard; the teacup fell.") is None
    assert matcher.sentence("Talk of war.") == "war"


def test_missing_and_unreadable_paths(tmp_path: Path):
    with pytest.raises(ConfigError, match="E120"):
        load_dictionaries([tmp_path / "nope"])
    odd = tmp_path / "odd.txt"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="E139"):
        load_dictionaries([odd])  # named explicitly: an error, not a skip


def test_yaml_and_csv_formats(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text(
        "actors:\n"
        "  - {name: Gondor, code: GON, names: [Minas Tirith]}\n"
        "  - name: Sam Gamgee\n"
        "    code: HOB\n"
        "    periods: [{code: HOBMIL, from: 2008-01-20, to: 2012-11-09}]\n"
        "agents:\n"
        "  compose:\n"
        "    - {words: golden goose, code: GGS, plurals: [golden geese]}\n"
        "  sectors: {MIL: [rifleman]}\n"
        "discards: {sentence: [baseball]}\n"
        "verbs:\n"
        "  trash: {code: '1711', patterns: [{after: _down, code: '222'}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "list.csv").write_text(
        "name,code,names,from,to\nMordor,MOR,Barad-dur;The Dark Tower,,\n"
        "Mordor,MORGOV,,1995-01-01,1999-12-31\n",
        encoding="utf-8",
    )
    loaded = load_dictionaries([tmp_path])
    actors = {a.name: a for a in loaded.actors}
    assert actors["Mordor"].names == ("Mordor", "Barad-dur", "The Dark Tower")
    assert actors["Mordor"].code_on(date(1996, 1, 1)) == "MORGOV"
    assert actors["Mordor"].code_on(date(2000, 1, 1)) == "MOR"
    assert actors["Sam Gamgee"].code_on(date(2010, 1, 1)) == "HOBMIL"
    table = load_dictionary((tmp_path,)).agents
    assert table.get("golden geese").sector == "GGS" and table.get("riflemen").sector == "MIL"
    assert loaded.discards.sentence == ("baseball",)
    lexicon = loaded.lexicons[0]
    assert lexicon.builtin and lexicon.verbs["trash"].patterns[0].extra


@pytest.mark.parametrize(
    ("content", "error"),
    [("actors:\n  - {code: GON}\n", "E133"),
     ("actors:\n  - {name: X}\n", "E134"),
     ("actors:\n  - {name: X, code: 'G O N'}\n", "E131"),
     ("actors:\n  - {name: X, periods: [{code: A, from: 2010, to: 2009}]}\n", "E114"),
     ("verbs:\n  x: {patterns: [{after: '@nope', code: '010'}]}\n", "E020"),
     ("verbs:\n  x: {patterns: [{source: 'the subject', code: '010'}]}\n", "E029"),
     ("places: []\n", "E121")],
)  # fmt: skip
def test_yaml_errors_say_what_is_wrong(tmp_path: Path, content: str, error: str):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=error):
        load_dictionaries([path])
