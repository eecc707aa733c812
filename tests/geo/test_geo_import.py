"""Importing GeoNames' own points from a dump the user has."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.geo.build import ADMIN1, PLACE, Tables, _apply_import, _Indexer
from eventwire.geo.importer import import_geonames, read_names, read_points

ALL_COUNTRIES = (
    "5883102\tAlberta\tAlberta\t\t52.28333\t-117.46939\tA\tADM1\tCA\t\t01\t\t\t\t4067175\t\t\t"
    "America/Edmonton\t2020-01-01\n"
    "5946768\tEdmonton\tEdmonton\t\t53.55014\t-113.46871\tP\tPPLA\tCA\t\t01\t\t\t\t1010899\t\t\t"
    "America/Edmonton\t2020-01-01\n"
)


def test_import_keeps_admin_points_and_names(tmp_path):
    dump = tmp_path / "allCountries.txt"
    dump.write_text(ALL_COUNTRIES, encoding="utf-8")
    codes = tmp_path / "admin1CodesASCII.txt"
    codes.write_text("CA.01\tAlberta\tAlberta\t5883102\n", encoding="utf-8")
    assert import_geonames([dump, codes], folder=tmp_path / "cache") == (1, 1)
    assert read_points(tmp_path / "cache") == {5883102: (52.28333, -117.46939)}
    assert read_names(tmp_path / "cache") == [(5883102, "Alberta")]


def test_imported_points_replace_derived_ones(tmp_path):
    import_geonames([_write(tmp_path, ALL_COUNTRIES)], folder=tmp_path)
    tables = Tables()
    alberta = tables.add(
        geonameid=5883102, kind=ADMIN1, name="Alberta", lat=53, lon=-114.8, population=1
    )
    city = tables.add(
        geonameid=5946768, kind=PLACE, name="Edmonton", lat=53.5, lon=-113.5, population=1
    )
    _apply_import(tables, _Indexer(tables), tmp_path)
    assert (tables.lat[alberta], tables.lon[alberta]) == (52.28333, -117.46939)
    assert tables.lat[city] == 53.5  # places keep their own point


def test_import_rejects_other_files(tmp_path):
    with pytest.raises(InputError, match="E340"):
        import_geonames([_write(tmp_path, "not,a,geonames,file\n")], folder=tmp_path)


def _write(folder, text):
    path = folder / "dump.txt"
    path.write_text(text, encoding="utf-8")
    return path
