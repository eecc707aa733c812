from __future__ import annotations

from datetime import date

from eventwire.actors.dictionary import load_dictionary
from eventwire.actors.mentions import country_focus, scan

TEXT = (
    "Turkey sent troops to the border on Monday. Turkish Defense Minister Hulusi Akar said the "
    "U.S.-backed Syrian Democratic Forces would pay. Akar told reporters in Ankara that Interior "
    "Minister Mehmet Yildiz agreed. Yildiz said the Syrian regime was to blame. Aguila Saleh "
    "spoke. Saleh added a word."
)


def by_text(mentions):
    return {m.text: m for m in mentions}


def test_scan_resolves_people_titles_and_surnames():
    mentions, focus = scan(TEXT, load_dictionary(), date(2019, 10, 10))
    found = by_text(mentions)
    assert focus == "TUR"
    assert found["Hulusi Akar"].code == "TURGOV"
    assert found["Akar"].code == "TURGOV" and found["Akar"].name == "Hulusi Akar"
    assert found["Mehmet Yildiz"].kind == "titled" and found["Mehmet Yildiz"].code == "TURGOV"
    assert found["Yildiz"].code == "TURGOV"
    assert found["Syrian Democratic Forces"].code == "SYRREBSDF"
    # a surname alone goes to the bearer named in full earlier, not to another "Saleh"
    assert found["Saleh"].name == "Aguila Saleh"


def test_person_codes_follow_the_date():
    mentions, _ = scan("Obama spoke to Medvedev.", load_dictionary(), date(2010, 1, 1))
    assert [m.code for m in mentions] == ["USAGOV", "RUSGOV"]
    mentions, _ = scan("Trump spoke.", load_dictionary(), date(2010, 1, 1))
    assert mentions[0].code == "USA"


def test_shared_surname_resolves_by_office():
    mentions, _ = scan("Bush met Blair.", load_dictionary(), date(1990, 6, 1))
    assert mentions[0].name == "George H. W. Bush"
    mentions, _ = scan("Bush met Blair.", load_dictionary(), date(2003, 6, 1))
    assert mentions[0].name == "George W. Bush"


def test_focus_ignores_backers_and_is_none_without_countries():
    mentions, focus = scan(
        "US-backed forces and Iran-backed militias fought in Syria.", load_dictionary(),
        date(2020, 1, 1),
    )  # fmt: skip
    assert focus == "SYR"
    assert country_focus([]) is None


def titled(text: str) -> list[tuple[str, str]]:
    mentions, _ = scan(text, load_dictionary(), date(2012, 1, 1))
    return [(m.text, m.code) for m in mentions if m.kind == "titled"]


def test_titles_retry_at_the_inner_title():
    assert titled("Deputy Attorney General Rod Rosenstein spoke.") == [("Rod Rosenstein", "JUD")]


def test_titles_reach_back_to_their_country_or_group():
    assert titled("Vietnamese defense chief Gen. Ngo Xuan Lich met him.") == [
        ("Ngo Xuan Lich", "VNMMIL")
    ]
    assert titled("Hamas spokesman Abu Obeida said so.") == [("Abu Obeida", "PSEREBHMS")]


def test_titles_skip_organisations_and_bare_generic_titles():
    assert titled("The Justice Department said so. A spokesman Monday said so.") == []


def test_surname_of_someone_else_is_not_propagated():
    found = titled("Sen. Bob Dole spoke. His wife, Elizabeth Dole, may run. Dole said.")
    assert found == [("Bob Dole", "LEG"), ("Dole", "LEG")]


def test_titles_are_sought_only_where_a_title_begins():
    """The automaton's start points find what the whole expression finds from any point."""
    from eventwire.actors.mentions import _title_finder
    from eventwire.actors.names import fold

    finder = _title_finder(load_dictionary())
    text = (
        "Former defence minister Ali Baba, Gen. Ngo Xuan Lich and DEFENSE MINISTER Hulusi Akar "
        "met; Deputy Attorney General Rod Rosenstein and the spokesman, Abu Obeida, did not. "
        "Ministerial talks, Prime\tMinister Tom Thumb and a spokesmanship Bob."
    )
    starts = finder.starts(fold(text))
    spans = set()
    for pos in range(len(text)):
        expected = finder.pattern.search(text, pos)
        found = finder.search(text, starts, pos)
        assert (found and found.span()) == (expected and expected.span()), pos
        spans.add(found and found.group("title"))
    assert {"defence minister", "Gen.", "DEFENSE MINISTER", "Prime\tMinister"} <= spans
