"""`eventwire incidents` and `eventwire eval incidents` (no spaCy: a stand-in coder)."""

from __future__ import annotations

import json

import pytest
from incident_helpers import event, killed, meta
from test_db import coded, write

from eventwire.cli import main
from eventwire.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    with Store.open(path) as store:
        write(store, coded(1), coded(2), coded(3, goma=True))
    return path


def test_listing_needs_incidents(db, capsys):
    assert main(["incidents", "--db", str(db)]) == 1
    assert "--rebuild" in capsys.readouterr().err


def test_rebuild_then_table(db, capsys):
    assert main(["incidents", "--db", str(db), "--rebuild", "--members"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["incident", "date", "type"]
    assert "Kharkiv, UKR" in lines[1] and lines[1].split()[-4:-1] == ["2", "2", "4"]
    assert "Kyiv Morning: Russian missiles struck" in out
    assert "rebuilt: 5 events of 3 articles; 2 new incidents" in err


def test_jsonl_with_members(db, capsys):
    main(["incidents", "--db", str(db), "--update"])
    capsys.readouterr()
    assert main(["incidents", "--db", str(db), "--format", "jsonl", "--min-articles", "2",
                 "--members"]) == 0  # fmt: skip
    (line,) = capsys.readouterr().out.splitlines()
    incident = json.loads(line)
    assert incident["num_articles"] == 2 and len(incident["members"]) == 4
    assert incident["first_published"] == "2024-07-01"


def test_eval_incidents(tmp_path, monkeypatch, capsys):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a001", "source": "Meridian Wire", "published": "2024-07-01", "title": "",
         "text": "one", "incident": "kharkiv"},
        {"id": "a002", "source": "Regional Times", "published": "2024-07-01", "title": "",
         "text": "two", "incident": "kharkiv"},
        {"id": "a003", "source": "Kyiv Morning", "published": "2024-07-02", "title": "",
         "text": "three", "incident": "tuesday"},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    def fake_code_articles(articles, **options):
        for article in articles:
            day = article.published
            toll = 7 if day.day == 1 else 4
            sentence = f"Russian missiles struck Kharkiv on {day:%A}, killing {toll} people."
            yield (
                article,
                [
                    event(
                        meta(0, day),
                        0,
                        sentence,
                        "struck",
                        article_id=article.id,
                        event_id=article.id + "-0",
                        killed=killed(toll),
                    )  # fmt: skip
                ],
            )

    monkeypatch.setattr("eventwire.api.code_articles", fake_code_articles)
    assert main(["eval", "incidents", str(gold), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert (scores["precision"], scores["recall"], scores["f1"]) == (1.0, 1.0, 1.0)
    assert main(["eval", "incidents", str(gold)]) == 0
    assert "B-cubed f1" in capsys.readouterr().out
