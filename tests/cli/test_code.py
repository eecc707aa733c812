"""`eventwire code` end to end through the CLI entry point (real model)."""

import json

import pytest

from eventwire.cli import main
from eventwire.model import Event

pytestmark = pytest.mark.model

CONTRACT = (
    "event_id article_id sentence_index sentence trigger date date_precision plover_type "
    "plover_mode cameo_code cameo_root goldstein quad_class acled_event_type acled_sub_event_type "
    "source_actors target_actors location killed injured negated hypothetical historical future "
    "confidence"
).split()

STORY = (
    "ANKARA, Feb 28 (Wire) - Turkey sent troops and rocket launchers to Idlib province on "
    "Thursday. Syrian government shelling killed 13 Turkish soldiers and a civilian and wounded "
    "45 others in Idlib on Wednesday, the defence ministry said."
)


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_output_has_every_contract_field(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    code, out, _ = run_cli(capsys, "code", str(path), "--published", "2020-02-28")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    for event in events:
        assert set(CONTRACT) <= set(event)
        Event.from_dict(event)  # round-trips into the typed record
    shelling = next(e for e in events if e["cameo_code"] and e["cameo_code"].startswith("19"))
    assert shelling["killed"]["best"] == 14
    assert shelling["injured"]["best"] == 45
    assert shelling["date"] == "2020-02-26"
    assert any(a["code"] == "TURMIL" for a in shelling["target_actors"])


def test_jsonl_records_keep_their_id_as_article_id(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": "a1", "text": "Rebels attacked an army base near Gao.", "published": "2021-05-02"},
        {"id": "a2", "text": "Police arrested 40 protesters in Khartoum on Sunday."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    code, out, _ = run_cli(capsys, "code", str(path), "--main-only")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["article_id"] for e in events] == ["a1", "a2"]
    assert events[1]["cameo_code"] == "173"


def test_table_format_is_for_people(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    code, out, _ = run_cli(capsys, "code", str(path), "--format", "table")
    assert code == 0
    header = out.splitlines()[0].split()
    assert header[:3] == ["sent", "trigger", "cameo"]
    assert "TURMIL" in out


def test_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(b"Israel denied carrying out the strike."))
    )
    code, out, _ = run_cli(capsys, "code", "-")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert any(e["negated"] for e in events)


def test_missing_input_is_reported_and_the_rest_is_coded(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Rebels attacked an army base near Gao.", encoding="utf-8")
    code, out, err = run_cli(capsys, "code", str(tmp_path / "missing.txt"), str(good))
    assert code == 0
    assert "missing.txt" in err
    assert out.strip()


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["code", "--format", "xml"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["code", "--published", "28/02/2020"])
    assert e.value.code == 2
