"""Reading PETRARCH/TABARI dictionary text: comments out, numbered lines in.

Comments are ``#`` to the end of the line (anywhere on it) and ``<!-- ... -->`` blocks, which
may span lines; blank lines are skipped. Line numbers are 1-based, for messages and origins.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...errors import ConfigError


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise ConfigError(f"[E130] cannot read dictionary file {path}: {e.strerror}") from e


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, content) of every line that holds something besides comments."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_comment = False
        while "<!" in line:
            start = line.find("<!")
            end = line.find("-->", start)
            if end < 0:
                line = line[:start]
                in_comment = True
                break
            line = line[:start] + line[end + 3 :]
        if "#" in line:
            line = line[: line.find("#")]
        line = line.rstrip()
        if line.strip():
            yield number, line


def words_of(phrase: str) -> str:
    """A dictionary phrase as plain words: underscores are spaces, runs of spaces one space."""
    return " ".join(phrase.replace("_", " ").split())
