"""The configuration file: where it is found, what it may hold, how the CLI applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cli import apply_config, build_parser, main
from eventwire.config import CONFIG_ENV, Config, find_config, load_config
from eventwire.errors import ConfigError

ACTORS = "actors:\n  - name: Zorvan Liberation Front\n    code: ZRVREB\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_an_empty_configuration(tmp_path, monkeypatch):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    assert find_config(cwd=tmp_path) is None
    assert load_config(None) == Config()


def test_paths_are_relative_to_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    path = write(
        tmp_path / "eventwire.toml", 'dictionaries = ["dicts/a", "b"]\ndb = "data/x.duckdb"\n'
    )
    assert find_config(cwd=tmp_path) == path
    config = load_config(path)
    assert config.dictionaries == (tmp_path / "dicts/a", tmp_path / "b")
    assert config.db == tmp_path / "data/x.duckdb"
    assert config.workers is None


def test_environment_names_the_file(tmp_path, monkeypatch):
    path = write(tmp_path / "elsewhere.toml", "workers = 3\n")
    monkeypatch.setenv(CONFIG_ENV, str(path))
    assert load_config(find_config(cwd=tmp_path / "nowhere")).workers == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('dictionary = ["d"]\n', "unknown key 'dictionary'"),
        ("workers = 0\n", "workers must be a whole number"),
        ("workers = true\n", "workers must be a whole number"),
        ("dictionaries = [1]\n", "dictionaries must be a folder path"),
        ('db = ""\n', "db must be a file path"),
        ("dictionaries = [\n", "cannot read configuration file"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path, text, message):
    path = write(tmp_path / "eventwire.toml", text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


def test_a_named_file_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        find_config(tmp_path / "missing.toml")


def test_file_gives_defaults_and_the_command_line_wins(tmp_path):
    config = Config(
        dictionaries=(tmp_path / "base",), db=tmp_path / "x.duckdb", workers=2, path=None
    )
    parser = build_parser()
    apply_config(parser, config)
    args = parser.parse_args(["run", "in.jsonl", "--dictionaries", "mine", "--workers", "1"])
    assert args.dictionaries == [tmp_path / "base", Path("mine")]  # the user's merge over
    assert args.workers == 1
    assert Path(args.db) == tmp_path / "x.duckdb"
    args = parser.parse_args(["export", "--format", "csv"])
    assert Path(args.db) == tmp_path / "x.duckdb"
    # a second parse does not see the first one's --dictionaries
    assert parser.parse_args(["code", "a.txt"]).dictionaries == [tmp_path / "base"]


def test_cli_loads_dictionaries_from_the_working_directorys_file(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    write(tmp_path / "dicts" / "zorvan.yaml", ACTORS)
    write(tmp_path / "eventwire.toml", 'dictionaries = ["dicts"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["actors", "lookup", "Zorvan Liberation Front"]) == 0
    assert "ZRVREB" in capsys.readouterr().out


def test_cli_reports_a_bad_file_as_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    write(tmp_path / "eventwire.toml", "colour = 'blue'\n")
    monkeypatch.chdir(tmp_path)
    assert main(["summary"]) == 2
    err = capsys.readouterr().err
    assert "eventwire.toml" in err and "unknown key 'colour'" in err
    assert main(["--config", str(tmp_path / "none.toml"), "summary"]) == 2
