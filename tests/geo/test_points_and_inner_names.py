"""Country points between conventions; names built on a place name ("North London",
"Da Nang International Airport"); airports named bare."""

from __future__ import annotations

import pytest

from eventwire.geo import text as t
from eventwire.geo.build import country_point, distance_km
from eventwire.geo.places import _inner_names


def test_a_coarse_conventional_point_is_refined_by_the_outline():
    # 262 km apart in a country of 9.8 million km²: the same centre, rounded coarsely
    outline, conventional = (39.89, -98.82), (38.0, -97.0)
    assert country_point(outline, conventional, area_km2=9_800_000) == outline


def test_a_conventional_point_far_from_the_main_landmass_is_kept():
    # an archipelago whose largest island group draws the outline centroid 800 km away
    outline, conventional = (-0.96, 114.17), (-5.0, 120.0)
    assert country_point(outline, conventional, area_km2=1_900_000) == conventional


def test_a_conventional_point_near_the_outline_is_kept():
    outline, conventional = (39.06, 35.41), (39.0, 35.0)
    assert country_point(outline, conventional, area_km2=780_000) == conventional


def test_without_an_area_the_outline_decides_as_before():
    assert country_point((66.0, 95.7), (60.0, 100.0)) == (66.0, 95.7)


def test_shipped_points_keep_the_whole_countrys_centre(gazetteer):
    russia = gazetteer.entry(gazetteer.lookup("Russia")[0].entry)
    assert distance_km(russia.lat, russia.lon, 60.0, 100.0) < 50  # not the Arctic islands' pull
    indonesia = gazetteer.entry(gazetteer.lookup("Indonesia")[0].entry)
    assert distance_km(indonesia.lat, indonesia.lon, -5.0, 120.0) < 50  # not Borneo's centre


def _keys(name):
    return _inner_names(name, t.tokenize(name))


@pytest.mark.parametrize(
    ("name", "inner"),
    [
        ("North London", "London"),
        ("Greater Toronto Area", "Toronto"),
        ("Southern California", "California"),
        ("Vancouver Art Gallery", "Vancouver"),
        ("Da Nang International Airport", "Da Nang"),
        ("Montreal-Pierre Elliott Trudeau International Airport", "Montreal"),
        ("Salinas Valley", "Salinas"),
        ("PLYMOUTH CO.", "Plymouth County"),
    ],
)
def test_a_name_built_on_a_place_name_yields_it(name, inner):
    assert t.key(inner) in _keys(name)


@pytest.mark.parametrize("name", ["London", "North", "Thomas Memorial Hospital", "Bob Wills"])
def test_no_inner_name_without_generic_words_or_a_town(name):
    assert t.key(name.split()[0]) not in _keys(name)


def _given(geoparser, text, *names):
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return {p.text: p for p in geoparser.places(text, toponyms=spans)}


def test_a_given_facility_span_resolves_to_its_town(geoparser):
    text = "Flights were cancelled at Da Nang International Airport as the storm hit Vietnam."
    place = _given(geoparser, text, "Da Nang International Airport", "Vietnam")
    airport = place["Da Nang International Airport"]
    assert (airport.name, airport.country) == ("Da Nang", "VNM")


def test_a_given_part_of_a_city_takes_the_citys_sense(geoparser):
    text = "Police in North London said the march through London ended peacefully in England."
    places = _given(geoparser, text, "North London", "London", "England")
    assert places["North London"].geonameid == places["London"].geonameid
    assert places["North London"].country == "GBR"


def test_a_given_county_abbreviation(geoparser):
    text = "PLYMOUTH CO., Mass. (AP) - A barn burned in Massachusetts on Monday."
    place = _given(geoparser, text, "PLYMOUTH CO.", "Massachusetts")["PLYMOUTH CO."]
    assert (place.precision, place.admin1) == ("admin2", "Massachusetts")


@pytest.mark.parametrize(
    ("text", "airport", "country"),
    [
        ("Fog delayed flights at Heathrow on Saturday morning.", "Heathrow", "GBR"),
        ("Passengers at Gatwick waited for hours.", "Gatwick", "GBR"),
        ("Snow closed runways at O'Hare overnight.", "O'Hare", "USA"),
    ],
)
def test_airports_named_bare_are_their_towns(geoparser, text, airport, country):
    place = next(p for p in geoparser.places(text) if p.text == airport)
    assert place.country == country
    assert place.precision == "place"


def test_newfoundland_is_the_province(geoparser):
    text = "Storms knocked out power across Newfoundland overnight."
    place = next(p for p in geoparser.places(text) if p.text == "Newfoundland")
    assert (place.country, place.precision) == ("CAN", "admin1")


def test_a_country_outranks_its_province_of_the_same_name(geoparser):
    text = "Storms hit Guerrero and Sinaloa on Monday, and Mexico asked for aid."
    place = next(p for p in geoparser.places(text) if p.text == "Mexico")
    assert place.precision == "country"


def test_the_state_of_mexico_is_the_province(geoparser):
    text = "Storms hit Guerrero and Sinaloa, and the state of Mexico asked for aid."
    place = next(p for p in geoparser.places(text) if p.text == "Mexico")
    assert (place.country, place.precision) == ("MEX", "admin1")
