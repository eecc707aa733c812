"""Countries from the built-in table ``data/countries.csv``: lookups by name, demonym, capital.

Lookups are exact on a whole phrase (after :func:`eventwire.actors.text.name_key`), never
substring searches: "Niger" is not "Nigeria", "us" is not "US".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from .records import Country
from .text import name_key, query_keys

COLUMNS = ("iso3", "iso2", "name", "alternates", "demonyms", "capital", "kind")


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split(";") if p.strip())


@lru_cache(maxsize=1)
def load_countries() -> dict[str, Country]:
    """Every country and territory of the built-in table, keyed by ISO 3166 alpha-3 code."""
    path = resources.files("eventwire.actors") / "data" / "countries.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ConfigError(f"[E101] countries.csv must have the columns {', '.join(COLUMNS)}")
        countries: dict[str, Country] = {}
        for row in reader:
            country = Country(
                iso3=row["iso3"],
                iso2=row["iso2"],
                name=row["name"],
                alternates=_split(row["alternates"]),
                demonyms=_split(row["demonyms"]),
                capitals=_split(row["capital"]),
                kind=row["kind"] or "state",
            )
            if country.iso3 in countries:
                raise ConfigError(f"[E102] countries.csv lists {country.iso3} twice")
            countries[country.iso3] = country
    return countries


@dataclass(frozen=True, slots=True)
class CountryIndex:
    """Name, demonym and capital keys -> country. The first country listed wins a shared key."""

    names: dict[str, Country]
    demonyms: dict[str, Country]
    capitals: dict[str, Country]


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    capitals: dict[str, Country] = {}
    for country in load_countries().values():
        for name in (country.iso3, *country.names):
            names.setdefault(name_key(name), country)
        for demonym in country.demonyms:
            demonyms.setdefault(name_key(demonym), country)
        if country.kind == "state":
            for capital in country.capitals:
                capitals.setdefault(name_key(capital), country)
    return CountryIndex(names=names, demonyms=demonyms, capitals=capitals)


def _find(table: dict[str, Country], text: str) -> Country | None:
    for key in query_keys(text):
        if key in table:
            return table[key]
    return None


def country_by_name(text: str) -> Country | None:
    """The country a whole phrase names ("U.S.", "Britain", "the DRC"), or None."""
    return _find(country_index().names, text)


def country_by_demonym(text: str) -> Country | None:
    """The country of a demonym or adjective ("Turkish", "Turks", "Britons"), or None."""
    return _find(country_index().demonyms, text)


def is_demonym(text: str) -> bool:
    """True when the whole phrase is a demonym or national adjective."""
    return country_by_demonym(text) is not None


def country_by_capital(text: str) -> Country | None:
    """The state whose capital the phrase names ("Ankara" -> Turkey), or None."""
    return _find(country_index().capitals, text)


def country_by_code(code: str) -> Country | None:
    """A country by ISO alpha-3 or alpha-2 code."""
    countries = load_countries()
    if code.upper() in countries:
        return countries[code.upper()]
    return next((c for c in countries.values() if c.iso2 == code.upper()), None)
