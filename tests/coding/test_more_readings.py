"""Readings of common news verbs beyond their default: calling off, returning property,
lifting restrictions, ending mediation, opening borders, resigning, striking a deal."""

from __future__ import annotations

import pytest

import eventwire

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Brazil's truck drivers called off a four-day strike.", "087"),
        ("The EU called for sanctions against Turkey.", "113"),
        ("The United States returned two paintings to the government of Brazil.", "0842"),
        ("Egypt has lifted a three-month-old state of emergency.", "081"),
        ("The envoy ended mediation efforts between the separatists and the army.", "165"),
        ("Croatia has opened its borders to refugees.", "080"),
        ("The prime minister resigned on Thursday.", "083"),
        ("Ethiopian authorities struck a deal with the United Nations.", "057"),
        ("Belarus is exploring the possibility of switching to nuclear power.", "014"),
        (
            "Nigeria announced the deployment of 230 troops to Liberia on a peacekeeping mission.",
            "074",
        ),
        ("The US authorities shared evidence with their Chinese counterparts.", "064"),
    ],
)
def test_reading(text, code):
    assert code in [e.cameo_code for e in eventwire.code_text(text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rebels returned to the negotiating table.", "0842"),  # no object: nothing returned
        ("The president called the minister on Monday.", "087"),
    ],
)
def test_no_reading_without_its_words(text, code):
    assert code not in [e.cameo_code for e in eventwire.code_text(text)]
