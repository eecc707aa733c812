"""Turning what the user named (files, folders, globs, ``-``) into inputs with a format each."""

from __future__ import annotations

import glob
import gzip
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .base import Origin, Record, Skipped, skip

FORMATS = ("text", "html", "feed", "jsonl", "warc")
STDIN = "-"

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
_GLOB_CHARS = frozenset("*?[")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class InputFile:
    """One input to read: a file (maybe gzip-compressed) or standard input."""

    name: str
    format: str
    path: Path | None = None
    compressed: bool = False
    size: int = 0
    _raw: BinaryIO | None = field(default=None, repr=False)

    def open(self) -> BinaryIO:
        """The decompressed byte stream. WARC handles its own per-record gzip members."""
        if self.path is None:
            self._raw = sys.stdin.buffer
            return self._raw
        self._raw = open(self.path, "rb")  # noqa: SIM115 - closed by the reader
        if self.compressed and self.format != "warc":
            return gzip.GzipFile(fileobj=self._raw, mode="rb")  # type: ignore[return-value]
        return self._raw

    def read_all(self) -> bytes:
        stream = self.open()
        try:
            return stream.read()
        finally:
            self.close(stream)

    def contents(self) -> bytes | Record:
        """All bytes of a single-document input, or the skip record saying why it is unreadable."""
        try:
            return self.read_all()
        except (OSError, EOFError) as e:
            return skip(Origin(self.name, None), f"cannot read: {e}")

    def close(self, stream: BinaryIO | None = None) -> None:
        if stream is not None and stream is not self._raw:
            stream.close()
        if self._raw is not None and self.path is not None:
            self._raw.close()

    def position(self) -> int:
        """Bytes of the file (as stored) read so far, for progress."""
        raw = self._raw
        if raw is None or self.path is None:
            return 0
        try:
            return raw.tell() if not raw.closed else self.size
        except (OSError, ValueError):
            return 0


def format_of(path: Path) -> tuple[str | None, bool]:
    """The format a file name says, and whether it is gzip-compressed."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes = suffixes[:-1]
    return (SUFFIXES.get(suffixes[-1]) if suffixes else None), compressed


def sniff_format(path: Path) -> tuple[str, bool]:
    """Guess the format of a file whose name says nothing, from its first bytes."""
    with open(path, "rb") as f:
        head = f.read(4096)
    compressed = head.startswith(_GZIP_MAGIC)
    if compressed:
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(2048)
        except (OSError, EOFError):
            head = b""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = start[:2048].lower()
    if start.startswith(b"WARC/"):
        return "warc", compressed
    if start.startswith(b"{"):
        return "jsonl", compressed
    if lower.startswith(b"<"):
        if b"<rss" in lower or b"<feed" in lower or b"<rdf:rdf" in lower:
            return "feed", compressed
        return "html", compressed
    return "text", compressed


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _files_in(folder: Path) -> list[Path]:
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not _is_hidden(p, folder) and format_of(p)[0] is not None
    ]
    return sorted(found)


def _input_for(path: Path, name: str) -> InputFile:
    fmt, compressed = format_of(path)
    if fmt is None:
        fmt, compressed = sniff_format(path)
    return InputFile(name=name, format=fmt, path=path, compressed=compressed, size=_size(path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def expand_inputs(
    paths: Iterable[str | Path], *, stdin_format: str = "text"
) -> tuple[list[InputFile], list[Skipped]]:
    """Expand files, folders (recursively; hidden files and unknown extensions are left out) and
    glob patterns into inputs. Names that match nothing come back as Skipped.

    Feeds come first, so a page a feed links to is read once, as the feed's entry.
    """
    if stdin_format not in FORMATS:
        raise ValueError(f"stdin_format must be one of {FORMATS}, not {stdin_format!r}")
    inputs: list[InputFile] = []
    problems: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path, name: str) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            inputs.append(_input_for(path, name))

    def add_tree(path: Path) -> None:
        if path.is_dir():
            for file in _files_in(path):
                add(file, str(file))
        else:
            add(path, str(path))

    for given in paths:
        name = str(given)
        if name == STDIN:
            inputs.append(InputFile(name="<stdin>", format=stdin_format))
            continue
        path = Path(name).expanduser()
        if path.exists():
            add_tree(path)
        elif _GLOB_CHARS & set(name):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                problems.append(Skipped(name, None, "no files match this pattern"))
            for match in matches:
                add_tree(Path(match))
        else:
            problems.append(Skipped(name, None, "no such file or directory"))
    inputs.sort(key=lambda f: f.format != "feed")  # stable: otherwise in the order given
    return inputs, problems
