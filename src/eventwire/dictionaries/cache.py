"""A disk cache of parsed dictionary files, so large PETRARCH dictionaries load in a blink.

One pickle per file, named by a fingerprint of the file (path, size, modification time) and of
the code that reads it; a changed file or a new eventwire version misses the cache. The cache
lives in ``$EVENTWIRE_CACHE`` if set, else ``$XDG_CACHE_HOME/eventwire``, else
``~/.cache/eventwire``; when it cannot be written, files are simply parsed every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .parts import FileParts

log = logging.getLogger(__name__)

#: Modules whose code decides what a parsed file holds.
_READERS = (
    ("eventwire.dictionaries", ("parts.py", "ours.py", "conditions.py", "lemmas.py")),
    ("eventwire.dictionaries.petrarch", ("reader.py", "actors.py", "agents.py", "verbs.py",
                                         "translate.py", "triggers.py", "discards.py")),
    ("eventwire.actors", ("records.py", "agents.py", "dictionary.py", "dates.py")),
    ("eventwire.coding", ("lexicon.py",)),
)  # fmt: skip


def cache_dir() -> Path:
    if os.environ.get("EVENTWIRE_CACHE"):
        return Path(os.environ["EVENTWIRE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "eventwire"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    digest = hashlib.sha1(b"dictionaries 1")
    for package, names in _READERS:
        for name in names:
            try:
                digest.update(resources.files(package).joinpath(name).read_bytes())
            except (FileNotFoundError, ModuleNotFoundError):
                digest.update(b"-")
    return digest.hexdigest()[:12]


def cache_path(path: Path, fmt: str) -> Path:
    stat = path.stat()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{fmt}|{_code_fingerprint()}"
    name = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return cache_dir() / "dictionaries" / f"{path.stem[:40]}-{name}.pickle"


@cache
def _init_fields(cls: type) -> tuple[str, ...] | None:
    fields = dataclasses.fields(cls)
    return tuple(f.name for f in fields) if all(f.init for f in fields) else None


class _Pickler(pickle.Pickler):
    """Stores dataclasses as constructor calls: restoring tens of thousands of frozen records
    through ``__setstate__`` takes seconds, calling the class a fraction of that."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if dataclasses.is_dataclass(cls) and not isinstance(obj, type):
            names = _init_fields(cls)
            if names is not None:
                return cls, tuple(getattr(obj, n) for n in names)
        return NotImplemented


def cached(path: Path, fmt: str, build: Callable[[], FileParts]) -> FileParts:
    """The parsed file from the cache, else ``build()`` (then stored for next time)."""
    target = cache_path(path, fmt)
    try:
        with target.open("rb") as f:
            parts = pickle.load(f)  # noqa: S301 - our own cache file
        if isinstance(parts, FileParts):
            return parts
    except FileNotFoundError:
        pass
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError) as e:
        log.debug("dictionary cache %s unreadable (%s); parsing again", target, e)
    parts = build()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False,
                                         suffix=".tmp") as f:  # fmt: skip
            _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(parts)
        os.replace(f.name, target)
    except OSError as e:
        log.debug("cannot write dictionary cache %s (%s)", target, e)
    return parts
