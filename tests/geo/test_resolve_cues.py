"""Which entity a name picks: datelines, capitals, containers and words around the name."""

from __future__ import annotations

import pytest


def _first(geoparser, text, name):
    return next(p for p in geoparser.places(text) if p.text == name)


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (Reuters) - British ministers met in Sunderland and Newcastle on Tuesday.",
        "Washington (CNN)\nLawmakers in Durham and Gateshead welcomed the British plan.",
    ],
)
def test_a_dateline_names_the_best_known_town(geoparser, text):
    place = _first(geoparser, text, text[:10])
    assert (place.country, place.admin1) == ("USA", "District of Columbia")


def test_a_dateline_with_its_state_keeps_the_namesake(geoparser):
    place = _first(geoparser, "PARIS, Texas (AP) - A barn burned on Monday.", "PARIS")
    assert (place.country, place.admin1) == ("USA", "Texas")


def test_a_national_capital_outranks_a_province_of_its_name(geoparser):
    text = "Senators promised to bring their farm bill to Washington before the recess."
    assert _first(geoparser, text, "Washington").admin1 == "District of Columbia"


@pytest.mark.parametrize(
    "text",
    [
        "Orchards in the state of Washington lost apples to the frost.",
        "Wildfires spread near Spokane, Washington on Friday.",
    ],
)
def test_state_cues_keep_the_state(geoparser, text):
    place = _first(geoparser, text, "Washington")
    assert place.precision == "admin1"


def test_city_of_names_the_city(geoparser):
    text = "Traffic stopped in the city of Rio de Janeiro after the storm."
    place = _first(geoparser, text, "Rio de Janeiro")
    assert place.precision == "place"


def test_upstate_names_the_state(geoparser):
    text = "Snow closed schools across upstate New York this week."
    assert _first(geoparser, text, "New York").precision == "admin1"


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("A bakery in Rochester, New York closed after the flood.", "admin1"),
        ("A bakery in Harlem, New York closed after the flood.", "place"),
    ],
)
def test_a_container_is_read_as_what_holds_the_place_before_it(geoparser, text, precision):
    place = _first(geoparser, text, "New York")
    assert place.precision == precision
    assert place.admin1 == "New York"


def test_a_dateline_state_abbreviation_without_its_period(geoparser):
    text = "BOWLING GREEN, Ky (WXYZ) -- A warehouse fire was put out overnight."
    assert _first(geoparser, text, "Ky").name == "Kentucky"


def test_an_english_county_outranks_an_american_town(geoparser):
    text = "Farmers in Essex said the British ban on exports would hurt the harvest."
    place = _first(geoparser, text, "Essex")
    assert (place.country, place.precision) == ("GBR", "admin2")


def test_neighbouring_namesakes_back_each_other(geoparser):
    # Edmonton and Enfield are both towns of north London a few km apart; the famous
    # Edmonton (Alberta) and the Enfields of Connecticut or Nova Scotia lie far from each other
    text = (
        "Pupils from a primary school in Edmonton planted a garden this autumn. "
        "The council in Enfield paid for the seeds."
    )
    places = {p.text: p for p in geoparser.places(text)}
    assert places["Edmonton"].country == "GBR"
    assert places["Enfield"].country == "GBR"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Cholera cases rose in Nyanza Province on Monday.", "Nyanza Province", "KEN"),
        ("Fighting spread across Katanga in 2006.", "Katanga", "COD"),
        ("Militants moved through the Swat Valley last week.", "Swat Valley", "PAK"),
        ("Oil spills fouled creeks in the Niger Delta again.", "Niger Delta", "NGA"),
    ],
)
def test_former_provinces_and_named_regions_resolve(geoparser, text, name, country):
    assert _first(geoparser, text, name).country == country


def test_a_big_state_is_no_evidence_for_a_far_namesake(geoparser):
    text = (
        "Doctors in Los Angeles and San Diego said the clinic in Pittsburgh had seen "
        "the same cases."
    )
    assert _first(geoparser, text, "Pittsburgh").admin1 == "Pennsylvania"
