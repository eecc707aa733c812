from __future__ import annotations

import pytest
from petrarch_snippets import AGENTS

from eventwire.actors.agents import AgentEntry, AgentTable
from eventwire.dictionaries.petrarch.agents import agent_code, parse_agent_text


@pytest.fixture(scope="module")
def parsed():
    return parse_agent_text(AGENTS, source="test.agents.txt")


@pytest.fixture(scope="module")
def table(parsed):
    table = AgentTable()
    for spec in parsed[0]:
        table.add(spec.entry, forms=spec.forms, replace=True)
    return table


def test_codes_after_and_before(table):
    assert table.get("foreign minister").sector == "GOVFRM"
    assert not table.get("foreign minister").prefix
    body = table.get("human rights body")
    assert body.sector == "NGO" and body.prefix and body.compose


def test_plurals(table):
    assert table.get("foreign ministers").sector == "GOVFRM"  # regular
    assert table.get("police").sector == "COP"
    assert table.get("polices") is None  # {}: no plural
    assert table.get("golden geese").sector == "GGS"
    assert table.get("golden gooses") is None
    assert not table.get("police").inflect


def test_substitution_markers(table):
    for word in ("congressman", "congressmen", "congresswoman", "congresswomen"):
        assert table.get(word).sector == "LEG"


def test_lines_without_a_code_are_noted(parsed):
    specs, notes = parsed
    assert len(notes) == 1 and "test.agents.txt:8" in notes[0]
    assert all(s.entry.origin.startswith("test.agents.txt:") for s in specs)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("~GOV", ("GOV", False)), ("NGO~", ("NGO", True)), (" ~COP", ("COP", False)), ("~", None)],
)
def test_agent_code(raw, expected):
    assert agent_code(raw) == expected


def test_user_entry_replaces_builtin_forms():
    table = AgentTable()
    from eventwire.actors.agents import AgentEntry

    table.add(AgentEntry("police", "COP"))
    assert table.get("polices") is not None
    table.add(AgentEntry("police", "XYZ", compose=True, inflect=False), forms=(), replace=True)
    assert table.get("police").sector == "XYZ" and table.get("polices") is None


def test_table_knows_the_words_phrases_start_with():
    table = AgentTable()
    table.add(AgentEntry("peace-keeper", "IGO"))
    table.add(AgentEntry("riot police", "COP"))
    assert {"peace", "riot"} <= set(table.reach)
    assert "police" not in table.reach
    # "peace - keepers" is three tokens, "riot police" two
    assert (table.reach["peace"], table.reach["riot"]) == (3, 2)
