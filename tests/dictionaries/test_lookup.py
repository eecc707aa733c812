"""`eventwire actors lookup`: codes on a date, and the entry they come from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main


@pytest.mark.parametrize(
    ("day", "code"),
    [("2008-01-19", "HOBCIV"), ("2010-01-10", "ORCHOB"), ("2011-06-01", "HOBMIL"),
     ("2013-01-01", "HOB")],
)  # fmt: skip
def test_lookup_a_dated_name(petrarch_dir: Path, capsys, day: str, code: str):
    assert main(["actors", "lookup", "Sam Gamgee", "--date", day,
                 "--dictionaries", str(petrarch_dir)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert out.startswith(f'"Sam Gamgee" on {day}: {code}')
    assert "test.actors.txt:10" in out


def test_lookup_composes_role_words(petrarch_dir: Path, capsys):
    main(["actors", "lookup", "Minas Tirith foreign minister", "--json",
          "--dictionaries", str(petrarch_dir)])  # fmt: skip
    found = json.loads(capsys.readouterr().out)
    assert found["code"] == "GONGOVFRM"
    assert {c["kind"] for c in found["candidates"]} == {"actor", "agent"}


def test_lookup_builtin(capsys):
    assert main(["actors", "lookup", "Barack Obama", "--date", "2010-05-01"]) == 0
    out = capsys.readouterr().out
    assert ": USAGOV" in out and "built-in people.yaml: Barack Obama" in out


def test_user_entries_take_precedence(petrarch_dir: Path, capsys):
    main(["actors", "lookup", "U.S.", "--dictionaries", str(petrarch_dir)])
    out = capsys.readouterr().out
    assert "test.actors.txt" in out and "built-in" not in out


def test_unknown_name_exits_1(capsys):
    assert main(["actors", "lookup", "Zxqwv"]) == 1
    assert "no code" in capsys.readouterr().out
