"""Importing points and names from a GeoNames dump the user has (allCountries.txt and
admin1CodesASCII.txt from the GeoNames download service), to replace derived points.

Package data gives no coordinates for countries and provinces, so the gazetteer derives them;
a user who has the dump can import GeoNames' own points for the entries the gazetteer holds
(countries, first- and second-level divisions, continents). Nothing is fetched: the files are read
from the paths given, reduced to a small table in the cache folder, and the gazetteer rebuilt.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError

POINT_CODES = frozenset(
    "PCLI PCLD PCLF PCLS PCLIX PCL TERR ADM1 ADM1H ADM2 ADM2H CONT RGN ISL ISLS".split()
)
POINTS_FILE = "geonames-points.tsv"
NAMES_FILE = "geonames-names.tsv"


def import_geonames(
    paths: Iterable[Path],
    *,
    folder: Path,
    progress: Callable[[str], None] | None = None,
) -> tuple[int, int]:
    """Read GeoNames dump files; write the points of administrative features and the admin1
    names into ``folder``. Returns (points, names) written."""
    say = progress or (lambda message: None)
    points: list[tuple[str, str, str]] = []
    names: list[tuple[str, str]] = []
    for path in paths:
        say(f"reading {path}")
        try:
            with path.open(encoding="utf-8", newline="") as f:
                for number, line in enumerate(f, start=1):
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) >= 19:  # allCountries.txt / XX.txt
                        if cols[7] in POINT_CODES:
                            points.append((cols[0], cols[4], cols[5]))
                    elif len(cols) == 4 and "." in cols[0]:  # admin1CodesASCII.txt
                        names.append((cols[3], cols[1]))
                        if cols[2] != cols[1]:
                            names.append((cols[3], cols[2]))
                    elif line.strip():
                        raise InputError(
                            f"[E340] {path} line {number}: not a GeoNames allCountries or "
                            "admin1CodesASCII line (tab-separated, 19 or 4 columns)"
                        )
        except OSError as e:
            raise InputError(f"[E341] cannot read {path}: {e.strerror}") from e
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / POINTS_FILE).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(points)
    with (folder / NAMES_FILE).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(names)
    return len(points), len(names)


def read_points(folder: Path) -> dict[int, tuple[float, float]]:
    path = folder / POINTS_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {int(g): (float(lat), float(lon)) for g, lat, lon in csv.reader(f, delimiter="\t")}


def read_names(folder: Path) -> list[tuple[int, str]]:
    path = folder / NAMES_FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [(int(g), name) for g, name in csv.reader(f, delimiter="\t")]
