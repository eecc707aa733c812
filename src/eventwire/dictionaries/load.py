"""Loading user dictionaries: every dictionary file of the folders given, merged in order.

    dictionaries = load_dictionaries([Path("my-dictionaries")])
    dictionaries.actors, dictionaries.agents, dictionaries.lexicon_over(builtin_lexicon())

Files are read in name order within a folder and folders in the order given; a later entry
with the same name replaces an earlier one, and every user entry takes precedence over the
built-in dictionary's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .cache import cached
from .detect import FORMATS, IGNORED, SUFFIXES, detect_format
from .parts import AgentSpec, Discards, FileParts

if TYPE_CHECKING:
    from ..actors.records import ActorEntry, Institution, Organisation, Person
    from ..coding.lexicon import Lexicon

log = logging.getLogger(__name__)


def dictionary_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: files as given, and the dictionary files of folders (sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            out += sorted(
                p for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
            )  # fmt: skip
        elif path.is_file():
            out.append(path)
        else:
            raise ConfigError(f"[E120] dictionary {path} does not exist")
    return out


def parse_file(path: Path, fmt: str, *, keep_data: bool = False) -> FileParts:
    """Read one file of a known format (no cache); ``keep_data``: keep a verb file's lexicon
    in our YAML structure too (for conversion)."""
    from . import ours
    from .petrarch.actors import read_actor_file
    from .petrarch.agents import read_agent_file
    from .petrarch.discards import read_discard_file
    from .petrarch.triggers import verb_lexicon
    from .petrarch.verbs import read_verb_file

    if fmt == "yaml":
        return ours.read_yaml(path)
    if fmt == "csv":
        return ours.read_csv(path)
    if fmt == "petrarch-actors":
        actors, notes = read_actor_file(path)
        return FileParts(str(path), fmt, actors=tuple(actors), notes=tuple(notes))
    if fmt == "petrarch-agents":
        agents, notes = read_agent_file(path)
        return FileParts(str(path), fmt, agents=tuple(agents), notes=tuple(notes))
    if fmt == "petrarch-discards":
        return FileParts(str(path), fmt, discards=read_discard_file(path))
    if fmt == "petrarch-verbs":
        from ..coding.lexicon import parse_lexicon

        data, notes = verb_lexicon(read_verb_file(path), source=path.name)
        lexicon = parse_lexicon(data, source=str(path))
        return FileParts(str(path), fmt, lexicon_data=data if keep_data else None,
                         lexicon=lexicon, notes=tuple(notes))  # fmt: skip
    raise ConfigError(f"[E138] {path}: unknown dictionary format {fmt!r}; use one of {FORMATS}")


def read_file(path: Path, fmt: str | None = None, *, explicit: bool = True) -> FileParts:
    """One dictionary file, its format detected unless given; parsed once (disk cache).
    Files of a folder whose content is not a dictionary come back empty with a note;
    ``explicit`` files (named by the user) are an error instead."""
    fmt = fmt or detect_format(path)
    if fmt is None or fmt in IGNORED:
        what = "not a dictionary we can read" if fmt is None else f"a {fmt} file, not used"
        if explicit and fmt is None:
            raise ConfigError(f"[E139] {path}: {what}; see docs/dictionaries.md for the formats")
        return FileParts(str(path), fmt or "unknown", notes=(f"{path.name}: {what}; skipped",))
    if fmt in ("yaml", "csv"):  # small and edited by hand: read every time
        return parse_file(path, fmt)
    return cached(path, fmt, lambda: parse_file(path, fmt))


@dataclass(frozen=True, eq=False)
class Dictionaries:
    """User dictionary files, read and merged (hashed by identity: cached per set of files)."""

    files: tuple[FileParts, ...] = ()
    actors: tuple[ActorEntry, ...] = field(init=False)
    people: tuple[Person, ...] = field(init=False)
    organisations: tuple[Organisation, ...] = field(init=False)
    institutions: tuple[Institution, ...] = field(init=False)
    agents: tuple[AgentSpec, ...] = field(init=False)
    titles: tuple[tuple[str, str | None], ...] = field(init=False)
    discards: Discards = field(init=False)

    def __post_init__(self) -> None:
        def joined(name: str) -> tuple[Any, ...]:
            return tuple(x for f in self.files for x in getattr(f, name))

        for name in ("actors", "people", "organisations", "institutions", "agents", "titles"):
            object.__setattr__(self, name, joined(name))
        discards = Discards()
        for f in self.files:
            discards = discards.merged(f.discards)
        object.__setattr__(self, "discards", discards)

    @property
    def notes(self) -> list[str]:
        return [n for f in self.files for n in f.notes]

    @property
    def lexicons(self) -> list[Lexicon]:
        return [f.lexicon for f in self.files if f.lexicon is not None]

    def lexicon_over(self, builtin: Callable[[], Lexicon]) -> Lexicon:
        """The trigger lexicon to code with: the user lexicons over the built-in one (read
        only when needed), or alone when one of them says ``builtin: false`` (a complete
        PETRARCH verb file)."""
        from ..coding.lexicon import Lexicon

        lexicons = self.lexicons
        if not lexicons:
            return builtin()
        out = builtin() if all(lx.builtin for lx in lexicons) else Lexicon()
        for lexicon in lexicons:
            out = out.merged(lexicon)
        return out

    def __bool__(self) -> bool:
        return bool(self.files)


def _signature(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in dictionary_files(paths):
        stat = path.stat()
        out.append((str(path.resolve()), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


@lru_cache(maxsize=8)
def _load(signature: tuple[tuple[str, int, int], ...], explicit: frozenset[str]) -> Dictionaries:
    files = []
    for name, _, _ in signature:
        parts = read_file(Path(name), explicit=name in explicit)
        for note in parts.notes:
            log.info("%s", note)
        files.append(parts)
    return Dictionaries(tuple(files))


def load_dictionaries(paths: Sequence[Path] = ()) -> Dictionaries:
    """Every dictionary file of ``paths`` (files or folders), read and merged; the same files,
    unchanged, give the same (cached) object."""
    if not paths:
        return _EMPTY
    explicit = frozenset(str(Path(p).expanduser().resolve()) for p in paths if Path(p).is_file())
    return _load(_signature(paths), explicit)


_EMPTY = Dictionaries()
