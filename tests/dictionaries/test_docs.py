"""docs/dictionaries.md: its examples load, and it documents every key the loaders accept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.coding.lexicon import IMPORT_KEYS
from eventwire.dictionaries import load_dictionaries
from eventwire.dictionaries.ours import SECTIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "dictionaries.md"


def _block(language: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", text, re.S).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "name"), [("yaml", "example.yaml"), ("csv", "list.csv")])
def test_examples_load(tmp_path: Path, language: str, name: str):
    (tmp_path / name).write_text(_block(language), encoding="utf-8")
    loaded = load_dictionaries([tmp_path])
    assert loaded.actors


def test_every_key_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for key in sorted(SECTIONS | IMPORT_KEYS):
        assert re.search(rf"\b{key}\b", text), key
