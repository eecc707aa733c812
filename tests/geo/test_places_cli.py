"""`eventwire places`: JSON Lines per place, given spans resolved as given."""

from __future__ import annotations

import json

from eventwire.cli import main


def test_places_text_file(tmp_path, capsys, gazetteer):
    path = tmp_path / "story.txt"
    path.write_text("Clashes erupted in Aleppo, Syria.", encoding="utf-8")
    assert main(["places", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["name"] for r in rows] == ["Aleppo", "Syria"]
    assert set(rows[0]) >= {"article_id", "start", "end", "geonameid", "lat", "lon", "country"}


def test_places_jsonl_with_toponyms(tmp_path, capsys, gazetteer):
    record = {"id": "a1", "text": "Rain in Idleb.", "toponyms": [{"start": 8, "end": 13}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["places", str(path), "--format", "jsonl"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["article_id"], row["start"], row["country"]) == ("a1", 8, "SYR")
    assert "nearby" not in row


def test_given_span_placed_at_its_neighbour_says_so(tmp_path, capsys, gazetteer):
    text = "Fans filled the Stade de France near Paris."
    spans = [{"start": 16, "end": 31}, {"start": 37, "end": 42}]
    record = {"id": "a2", "text": text, "toponyms": spans}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["places", str(path)]) == 0
    stadium, paris = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (stadium["name"], stadium["nearby"]) == ("Paris", True)
    assert "nearby" not in paris


def test_eval_places(tmp_path, capsys, gazetteer):
    text = "Clashes erupted in Aleppo."
    gold = {
        "id": "g",
        "text": text,
        "toponyms": [{"start": 19, "end": 25, "lat": 36.2, "lon": 37.16}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    assert main(["eval", "places", str(path), "--gold-spans", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["accuracy_161"] == 1.0 and scores["gold_spans"] is True


def test_gazetteer_info(capsys, gazetteer):
    assert main(["gazetteer", "info"]) == 0
    assert "entries" in capsys.readouterr().out
