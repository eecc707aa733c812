"""Source readers: text, HTML, RSS/Atom, JSONL, WARC (CC-NEWS), folders, globs and stdin.

``read_inputs(paths)`` yields, for every record of every input, either an ``Article`` or a
``Skipped(source, record, reason)``; a broken record never stops the rest of the batch.
``Corpus(paths)`` is the same stream with each record's origin and the bytes read so far, for
runs that keep provenance and show progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import Origin, ReadResult, Record, Skipped, skip
from .feeds import read_feed
from .html import read_html
from .inputs import FORMATS, STDIN, InputFile, expand_inputs
from .jsonl import read_jsonl
from .text import read_text
from .warc import read_warc, write_warc

__all__ = [
    "FORMATS",
    "STDIN",
    "Corpus",
    "InputFile",
    "Origin",
    "ReadResult",
    "Record",
    "Skipped",
    "expand_inputs",
    "read_inputs",
    "write_warc",
]

_READERS: dict[str, Callable[[InputFile], Iterator[Record]]] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
}


class Corpus:
    """Every record of the named inputs, with its origin, in input order (feeds first)."""

    def __init__(self, paths: Iterable[str | Path], *, stdin_format: str = "text") -> None:
        self.inputs, self.missing = expand_inputs(paths, stdin_format=stdin_format)
        self.total_bytes = sum(f.size for f in self.inputs)
        self._done_bytes = 0
        self._current: InputFile | None = None
        self._consumed: set[Path] = set()

    def bytes_read(self) -> int:
        """Bytes of the input files read so far (compressed size for compressed files)."""
        current = self._current.position() if self._current is not None else 0
        return min(self._done_bytes + current, self.total_bytes)

    def __iter__(self) -> Iterator[Record]:
        for skipped in self.missing:
            yield Origin(skipped.source, None), skipped
        for file in self.inputs:
            self._current = file
            yield from self._read(file)
            self._current = None
            self._done_bytes += file.size

    def _read(self, file: InputFile) -> Iterator[Record]:
        if file.path is not None and file.path.resolve() in self._consumed:
            return  # already read as a feed entry's saved page
        records = (
            read_feed(file, self._consumed)
            if file.format == "feed"
            else _READERS[file.format](file)
        )
        try:
            yield from records
        except Exception as e:  # noqa: BLE001 - one broken input must not end the batch
            yield skip(Origin(file.name, None), f"reader error: {type(e).__name__}: {e}")
        finally:
            file.close()


def read_inputs(paths: Iterable[str | Path], *, stdin_format: str = "text") -> Iterator[ReadResult]:
    """Articles (or Skipped with a reason) from files, folders, globs and ``-`` (stdin)."""
    for _, result in Corpus(paths, stdin_format=stdin_format):
        yield result
