"""The configuration file: defaults for options a project sets once.

``eventwire.toml`` in the working directory (or the file ``--config PATH`` or the environment
variable ``EVENTWIRE_CONFIG`` names) may set::

    dictionaries = ["dictionaries/ukraine", "dictionaries/sahel"]   # folders, in merge order
    db = "data/events.duckdb"                                       # database of run/export/serve
    workers = 2                                                     # coding processes

Relative paths are relative to the file's folder. The file supplies defaults only: a
``--db`` or ``--workers`` given on the command line wins, and ``--dictionaries`` given on the
command line are loaded after (and so merge over) the file's.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

CONFIG_NAME = "eventwire.toml"
CONFIG_ENV = "EVENTWIRE_CONFIG"
KEYS = ("dictionaries", "db", "workers")


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None  # the file read, None when there was none
    dictionaries: tuple[Path, ...] = ()
    db: Path | None = None
    workers: int | None = None


def find_config(explicit: str | Path | None = None, *, cwd: Path | None = None) -> Path | None:
    """The configuration file to read: ``explicit``, else $EVENTWIRE_CONFIG, else
    ``eventwire.toml`` in ``cwd`` when it exists. A named file that does not exist is an error."""
    named = explicit or os.environ.get(CONFIG_ENV) or None
    if named is not None:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(
                f"[E506] configuration file {path} not found; "
                f"fix the path given by --config or ${CONFIG_ENV}"
            )
        return path
    default = (cwd or Path.cwd()) / CONFIG_NAME
    return default if default.is_file() else None


def load_config(path: Path | None) -> Config:
    """Read and check one configuration file (``None``: no file, empty configuration)."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"[E507] cannot read configuration file {path}: {e}") from e
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"[E508] {path}: unknown key {unknown[0]!r}; known keys: {', '.join(KEYS)}"
        )
    base = path.parent
    return Config(
        path=path,
        dictionaries=tuple(base / p for p in _strings(path, data, "dictionaries")),
        db=base / _string(path, data, "db") if "db" in data else None,
        workers=_workers(path, data),
    )


def _strings(path: Path, data: dict, key: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"[E508] {path}: {key} must be a folder path or a list of them")
    return value


def _string(path: Path, data: dict, key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value:
        raise ConfigError(f"[E508] {path}: {key} must be a file path")
    return value


def _workers(path: Path, data: dict) -> int | None:
    value = data.get("workers")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"[E508] {path}: workers must be a whole number of at least 1")
    return value
