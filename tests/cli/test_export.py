"""`eventwire export`: every format from the command line, filters, usage errors."""

from __future__ import annotations

import csv
import json

import pytest

from eventwire.cli import main
from eventwire.model import Actor, Article, Casualties, Event, Location
from eventwire.readers import Origin
from eventwire.store import Coded, Store


def event(article: Article, n: int, **changes) -> Event:
    values = dict(
        event_id=f"{n:016x}",
        article_id=article.id,
        sentence_index=n,
        sentence=article.text,
        trigger="shelled",
        trigger_start=n,
        trigger_end=n + 7,
        plover_type="ASSAULT",
        cameo_code="0195",
        cameo_root="19",
        goldstein=-10.0,
        quad_class=4,
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        source_actors=[Actor(text="Syrian artillery", code="SYRMIL", country="SYR", sector="MIL")],
        target_actors=[Actor(text="Turkish troops", code="TURMIL", country="TUR", sector="MIL")],
        location=Location(name="Saraqeb", lat=35.86, lon=36.8, country="SYR", admin1="09"),
        date="2020-02-03",
        date_precision="day",
        killed=Casualties(best=14, low=13),
    )
    values.update(changes)
    return Event(**values)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    syria = Article.from_text("Syrian artillery shelled Turkish troops near Saraqeb.")
    kenya = Article.from_text("Police fired tear gas at protesters in Nairobi.")
    with Store.open(path) as store:
        run_id = store.start_run(inputs=["test"], workers=1)
        store.write_batch(
            run_id,
            [
                Coded(Origin("syria.txt", None), syria, [event(syria, 1), event(syria, 2)]),
                Coded(
                    Origin("kenya.jsonl", 1),
                    kenya,
                    [
                        event(
                            kenya,
                            3,
                            plover_type="PROTEST",
                            cameo_code="145",
                            acled_event_type="Protests",
                            acled_sub_event_type="Excessive force against protesters",
                            location=Location(name="Nairobi", lat=-1.28, lon=36.82, country="KEN"),
                            date="2024-06-25",
                        )
                    ],
                ),
            ],
        )
    return path


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("csv", lambda p: len(list(csv.DictReader(p.open(encoding="utf-8")))) == 3),
        ("jsonl", lambda p: len(p.read_text(encoding="utf-8").splitlines()) == 3),
        ("parquet", lambda p: p.read_bytes()[:4] == b"PAR1"),
        ("geojson", lambda p: len(json.loads(p.read_text(encoding="utf-8"))["features"]) == 3),
        ("gdelt", lambda p: all(len(r.split("\t")) == 61 for r in p.read_text().splitlines())),
        ("acled", lambda p: len(next(csv.reader(p.open(encoding="utf-8")))) == 31),
        ("plover", lambda p: json.loads(p.read_text().splitlines()[0])["event"] == ["ASSAULT"]),
    ],
)
def test_every_format(db, tmp_path, capsys, fmt, check):
    out = tmp_path / f"events.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "-o", str(out)]) == 0
    assert check(out)
    assert f"wrote 3 events ({fmt}) to {out}" in capsys.readouterr().err


def test_filters(db, tmp_path, capsys):
    out = tmp_path / "kenya.jsonl"
    argv = ["export", "--db", str(db), "--format", "jsonl", "-o", str(out)]
    assert main([*argv, "--country", "ken", "--since", "2024-01-01", "--type", "protest"]) == 0
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["cameo_code"] == "145"
    assert main([*argv, "--until", "2019-12-31"]) == 0
    assert out.read_text(encoding="utf-8") == ""


def test_stdout(db, capsysbinary):
    assert main(["export", "--db", str(db), "--format", "gdelt"]) == 0
    rows = capsysbinary.readouterr().out.decode().splitlines()
    assert len(rows) == 3 and rows[0].split("\t")[26] == "0195"


@pytest.mark.parametrize(
    "extra",
    [
        ["--format", "xml"],
        ["--format", "csv", "--since", "03/02/2020"],
        ["--format", "csv", "--country", "Syria"],
        [],
    ],
)
def test_usage_errors(db, extra, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["export", "--db", str(db), *extra])
    assert stop.value.code == 2


def test_missing_database(tmp_path, capsys):
    code = main(["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv"])
    assert code == 1
    err = capsys.readouterr().err
    assert "[E201] no database at" in err and "Traceback" not in err
