"""Shared fixtures: the spaCy pipeline (loaded once) and the shared dev data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEVSETS = SHARED / "devsets"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def devsets() -> Path:
    if not DEVSETS.is_dir():
        pytest.skip(
            "../shared/devsets not found: dev-set gates run where the shared data is present"
        )
    return DEVSETS
