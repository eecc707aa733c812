"""Import: PETRARCH files -> our YAML -> loaded back to the same entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from eventwire.actors.dictionary import load_dictionary
from eventwire.cli import main
from eventwire.dictionaries import load_dictionaries
from eventwire.dictionaries.convert import convert_petrarch


def _sans_origin(items):
    return sorted((a.name, a.names, a.code, a.periods) for a in items)


def test_round_trip(petrarch_dir: Path, tmp_path: Path):
    files = sorted(petrarch_dir.glob("*.txt"))
    done = convert_petrarch(files, tmp_path / "out")
    assert {d.target.name for d in done} == {
        "test.actors.yaml", "test.agents.yaml", "test.discards.yaml", "triggers-test.verbs.yaml"
    }  # fmt: skip
    direct = load_dictionaries([petrarch_dir])
    converted = load_dictionaries([tmp_path / "out"])
    assert _sans_origin(converted.actors) == _sans_origin(direct.actors)
    assert [a.origin for a in converted.actors] == [a.origin for a in direct.actors]
    assert converted.discards == direct.discards
    a, b = load_dictionary((petrarch_dir,)).agents, load_dictionary((tmp_path / "out",)).agents
    assert {k: v.sector for k, v in a.entries.items()} == {
        k: v.sector for k, v in b.entries.items()
    }
    lex_a, lex_b = direct.lexicons[0], converted.lexicons[0]
    assert set(lex_a.verbs) == set(lex_b.verbs) and not lex_b.builtin
    for lemma, trigger in lex_a.verbs.items():
        other = lex_b.verbs[lemma]
        assert trigger.reading == other.reading
        assert [p.reading for p in trigger.patterns] == [p.reading for p in other.patterns]


def test_converted_yaml_is_readable(petrarch_dir: Path, tmp_path: Path):
    convert_petrarch([petrarch_dir / "test.actors.txt"], tmp_path)
    text = (tmp_path / "test.actors.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Converted from test.actors.txt")
    sam = next(a for a in yaml.safe_load(text)["actors"] if a["name"] == "Sam Gamgee")
    assert sam["code"] == "HOB"
    assert sam["periods"][0] == {"code": "HOBCIV", "to": date(2008, 1, 19)}
    shire = next(a for a in yaml.safe_load(text)["actors"] if a["name"] == "Shire")
    assert shire["code"] == ["FRO", "BIL", "SAM"]


def test_import_command(petrarch_dir: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    code = main(["dictionary", "import", "--format", "petrarch",
                 str(petrarch_dir / "test.verbs.txt"), "-o", str(out)])  # fmt: skip
    assert code == 0
    captured = capsys.readouterr()
    assert "triggers-test.verbs.yaml" in captured.out
    assert "NOSUCHSET" in captured.err  # what was not translated
    assert (out / "triggers-test.verbs.yaml").exists()


def test_import_refuses_what_is_not_petrarch(tmp_path: Path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text("actors: []\n", encoding="utf-8")
    assert main(["dictionary", "import", str(path), "-o", str(tmp_path / "o")]) == 1
    assert "E141" in capsys.readouterr().err


def test_check_command(petrarch_dir: Path, capsys):
    assert main(["dictionary", "check", str(petrarch_dir)]) == 0
    out = capsys.readouterr().out
    assert "petrarch-actors: 7 actors" in out and "loaded 4 files" in out
