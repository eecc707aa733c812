"""Fixtures: a folder of hand-written PETRARCH files; the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from petrarch_snippets import ACTORS, AGENTS, DISCARDS, VERBS


@pytest.fixture()
def petrarch_dir(tmp_path: Path) -> Path:
    """A folder of PETRARCH files as a user would have it (odd names, a README)."""
    folder = tmp_path / "petrarch"
    folder.mkdir()
    (folder / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "test.agents.txt").write_text(AGENTS, encoding="utf-8")
    (folder / "test.verbs.txt").write_text(VERBS, encoding="utf-8")
    (folder / "test.discards.txt").write_text(DISCARDS, encoding="utf-8")
    (folder / "README.md").write_text("not a dictionary", encoding="utf-8")
    return folder
