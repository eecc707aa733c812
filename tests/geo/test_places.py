"""Recognition and resolution on small hand-made texts."""

from __future__ import annotations

import pytest


def _by_text(places):
    return {p.text: p for p in places}


def test_states_and_countries_do_not_become_towns(geoparser):
    places = _by_text(geoparser.places("Floods hit Texas and Queensland; Australia sent help."))
    assert places["Texas"].precision == "admin1"
    assert places["Queensland"].country == "AUS"
    assert places["Australia"].precision == "country"


def test_abbreviations(geoparser):
    text = "The U.S. and UK condemned it. He lives in Louisville, Ky. now."
    places = _by_text(geoparser.places(text))
    assert places["U.S."].country == "USA"
    assert places["UK"].country == "GBR"
    assert (places["Ky."].name, places["Ky."].precision) == ("Kentucky", "admin1")


def test_eu_is_the_european_union(geoparser):
    text = "Sweden is the ninth country in the EU to confirm the virus."
    place = _by_text(geoparser.places(text, toponyms=[(text.index("EU"), text.index("EU") + 2)]))
    assert (place["EU"].name, place["EU"].precision) == ("European Union", "region")


def test_an_ocean_outranks_the_town_it_names(geoparser):
    text = "Storms crossed the Pacific and the Atlantic."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Pacific", "Atlantic")]
    places = _by_text(geoparser.places(text, toponyms=spans))
    assert places["Pacific"].precision == places["Atlantic"].precision == "region"


def test_us_context_decides_georgia(geoparser):
    us = _by_text(geoparser.places("Storms hit Atlanta, Georgia, and Alabama in the US."))
    assert us["Georgia"].country == "USA"
    caucasus = _by_text(geoparser.places("Georgia and Armenia met in Tbilisi."))
    assert caucasus["Georgia"].country == "GEO"


def test_containment_cue(geoparser):
    places = _by_text(geoparser.places("A tornado struck Paris, Texas, on Sunday."))
    assert places["Paris"].country == "USA"
    assert places["Paris"].admin1 == "Texas"


def test_article_focus_picks_the_local_namesake(geoparser):
    text = (
        "Kentucky State Police said a man died in Metcalfe County. "
        "The crash happened just outside Edmonton on Route 80."
    )
    assert _by_text(geoparser.places(text))["Edmonton"].admin1 == "Kentucky"


def test_demonyms_are_countries_but_not_places_by_default(geoparser):
    text = "Turkish soldiers crossed into Syria."
    assert [p.text for p in geoparser.places(text)] == ["Syria"]
    with_demonyms = _by_text(geoparser.places(text, demonyms=True))
    assert with_demonyms["Turkish"].country == "TUR"
    assert with_demonyms["Turkish"].kind == "demonym"


@pytest.mark.parametrize(
    "text",
    [
        "Police said the man was arrested.",
        "President Jackson spoke on Monday.",
        "The NATO summit ended.",
        "Most of the victims were children.",
    ],
)
def test_common_words_titles_and_acronyms_are_not_places(geoparser, text):
    assert geoparser.places(text) == []


def test_transliterations_are_recognised(geoparser):
    places = _by_text(geoparser.places("Shelling hit Maarat al-Numan and Khan Younis."))
    assert places["Maarat al-Numan"].country == "SYR"
    assert places["Khan Younis"].country == "PSE"


def test_given_spans_resolve_exactly_those(geoparser):
    text = "Clashes in Idleb and somewhere called Xqzzyville."
    spans = [(11, 16), (38, 49)]
    places = geoparser.places(text, toponyms=spans)
    assert [(p.start, p.end) for p in places] == spans
    assert places[0].country == "SYR"
    # a name the gazetteer lacks takes the place named nearest to it, and says so
    assert (places[1].name, places[1].nearby) == ("Idlib", True)
    alone = geoparser.places("Somewhere called Xqzzyville.", toponyms=[(17, 27)])
    assert alone[0].lat is None  # nothing around it to stand for it


def test_places_in_is_the_library_call():
    from eventwire.geo import places_in

    assert places_in("Rain in Paris.")[0].country == "FRA"


@pytest.mark.parametrize(
    "text",
    [
        "Defence Minister Hulusi Akar said Turkey would strike any forces.",
        "Hulusi Akar said Turkey would strike any forces.",
        "Turkish Defence Minister Hulusi Akar spoke. Akar told reporters that Turkey would act.",
    ],
)
def test_people_named_like_places_are_not_places(geoparser, text):
    """ "Akar" is also the key of Lebanon's ‘Akkār governorate: a surname after a title or a
    first name is a person however big the place."""
    assert [p.text for p in geoparser.places(text)] == ["Turkey"]


def test_person_entities_are_not_places(geoparser):
    text = "Talks with Georgia Meloni ended in Rome."
    start = text.index("Georgia")
    ner = [(start, start + len("Georgia Meloni"), "PERSON")]
    assert [p.text for p in geoparser.places(text, ner=ner)] == ["Rome"]


def test_a_surname_written_as_a_place_stays_a_place(geoparser):
    places = _by_text(geoparser.places("President Jackson spoke in Jackson, Mississippi."))
    assert places["Jackson"].admin1 == "Mississippi"


def test_given_spans_in_any_order_keep_their_containers(geoparser):
    text = "A 25-year-old Paris, Missouri, man was arrested."
    paris, missouri = (14, 19), (21, 29)
    places = geoparser.places(text, toponyms=[missouri, paris])
    assert (places[1].country, places[1].admin1) == ("USA", "Missouri")


def test_a_dateline_names_a_city(geoparser):
    text = "WASHINGTON (Reuters) - Farmers in Iowa asked for help."
    assert _by_text(geoparser.places(text))["WASHINGTON"].admin1 == "District of Columbia"


def test_provinces_named_together_stay_provinces(geoparser):
    text = "Cases were reported in Oregon, Washington, Wyoming, Illinois and Oklahoma."
    assert {p.precision for p in geoparser.places(text)} == {"admin1"}


def test_dotted_saint_and_fort_open_a_name(geoparser):
    places = _by_text(geoparser.places("Flooding hit St. Louis, Missouri, and Ft. Worth, Texas."))
    assert places["St. Louis"].admin1 == "Missouri"
    assert places["Ft. Worth"].name == "Fort Worth"


@pytest.mark.parametrize(
    "text",
    [
        "Lawyer Paul Kemp said the case was closed.",  # Paul is also a parish of Cabo Verde
        "President Franklin D. Roosevelt moved Thanksgiving.",
        "He studied at the King Juan Carlos University.",  # a title, not King County
    ],
)
def test_first_names_and_titles_are_not_places(geoparser, text):
    assert geoparser.places(text) == []


def test_title_case_headlines_give_no_common_words(geoparser):
    text = "Bombs Hit Aleppo As Talks Stall\nAirstrikes hit Aleppo on Monday."
    assert {p.text for p in geoparser.places(text)} == {"Aleppo"}  # not Hīt (Iraq), not Stall


def test_part_of_a_person_entity_is_not_a_place(geoparser):
    text = "Minister Luis Gomes Sambo met Ebola experts."
    start = text.index("Luis")
    assert geoparser.places(text, ner=[(start, start + 16, "PERSON")]) == []


def test_a_place_the_parser_calls_a_person_stays_a_place(geoparser):
    text = "Shelling hit Aleppo on Monday."
    start = text.index("Aleppo")
    places = geoparser.places(text, ner=[(start, start + 6, "PERSON")])
    assert [p.text for p in places] == ["Aleppo"]
