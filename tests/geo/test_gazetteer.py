"""The offline gazetteer: what it holds, where it is cached."""

from __future__ import annotations

import pytest

from eventwire.geo.build import box_centre, distance_km, usable_alternate
from eventwire.geo.gazetteer import cache_dir


def test_cache_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("EVENTWIRE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "eventwire"


def _top(gazetteer, name):
    return gazetteer.entry(gazetteer.lookup(name)[0].entry)


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Turkey", "country", "TUR"),
        ("Idlib", "admin1", "SYR"),
        ("Texas", "admin1", "USA"),
        ("Alberta", "admin1", "CAN"),
        ("Europe", "continent", None),
    ],
)
def test_countries_regions_and_continents_are_entries(gazetteer, name, kind, country):
    entry = _top(gazetteer, name)
    assert (entry.kind, entry.country) == (kind, country)


@pytest.mark.parametrize(
    ("variant", "geonameid"),
    [("Artemivsk", 713174), ("Bakhmut", 713174), ("Kobani", 172256), ("Idleb", 169389)],
)
def test_alternate_names_find_the_place(gazetteer, variant, geonameid):
    assert geonameid in {gazetteer.entry(c.entry).geonameid for c in gazetteer.lookup(variant)}


def test_places_carry_admin_names(gazetteer):
    edmonton_ky = next(
        gazetteer.entry(c.entry)
        for c in gazetteer.lookup("Edmonton")
        if gazetteer.entry(c.entry).country == "USA"
    )
    assert edmonton_ky.admin1 == "Kentucky"
    assert edmonton_ky.admin2 == "Metcalfe County"


def test_region_points_fall_inside_their_region(gazetteer):
    texas = _top(gazetteer, "Texas")
    assert distance_km(texas.lat, texas.lon, 31.25, -99.25) < 161  # the state's centre


def test_country_point_is_a_centre_not_a_population_mean(gazetteer):
    russia = _top(gazetteer, "Russia")
    assert distance_km(russia.lat, russia.lon, 60.0, 100.0) < 161  # the whole country's centre
    assert distance_km(russia.lat, russia.lon, 55.75, 37.62) > 2000  # not near Moscow


def test_points_come_from_outlines_with_fallbacks(gazetteer):
    us = _top(gazetteer, "United States")
    assert distance_km(us.lat, us.lon, 39.83, -98.58) < 50  # the contiguous states' centre


def test_box_centre_crosses_the_antimeridian():
    lat, lon = box_centre([(65.0, 178.0), (66.0, -179.0), (64.0, 177.0)])
    assert 176 < lon <= 180 or -180 <= lon < -178


@pytest.mark.parametrize(
    ("name", "usable"),
    [("Idleb", True), ("adlb", False), ("ALP", False), ("Алеппо", False), ("al-Bab", True)],
)
def test_alternate_name_filter(name, usable):
    assert usable_alternate(name) is usable
