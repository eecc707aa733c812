"""The front door: folders, globs, stdin, missing names, progress, format sniffing."""

from __future__ import annotations

import io
import json
import sys

from reader_helpers import ENGLISH, page

from eventwire.model import Article
from eventwire.readers import Corpus, Skipped, read_inputs, write_warc


def make_tree(root):
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "one.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "a" / "two.html").write_text(page(), encoding="utf-8")
    (root / "a" / "b" / "three.jsonl").write_text(
        json.dumps({"text": ENGLISH + " Three."}) + "\n", encoding="utf-8"
    )
    write_warc(
        root / "a" / "b" / "four.warc.gz", [("https://n.example/4", page(ENGLISH + " Four."))]
    )
    (root / ".hidden" / "secret.txt").write_text(ENGLISH + " Hidden.", encoding="utf-8")
    (root / "notes.md").write_text("# not an input", encoding="utf-8")
    return root


def test_folder_is_read_recursively(tmp_path):
    root = make_tree(tmp_path / "corpus")
    results = list(read_inputs([root]))
    assert len(results) == 4 and all(isinstance(r, Article) for r in results)
    assert not any("Hidden" in r.text for r in results)


def test_globs_and_missing_names(tmp_path):
    root = make_tree(tmp_path / "corpus")
    results = list(
        read_inputs([f"{root}/**/*.jsonl", f"{root}/*.txt", f"{root}/*.nothing", root / "gone.txt"])
    )
    kinds = [type(r).__name__ for r in results]
    assert kinds.count("Article") == 2
    reasons = sorted(r.reason for r in results if isinstance(r, Skipped))
    assert reasons == ["no files match this pattern", "no such file or directory"]


def test_stdin_is_one_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    (article,) = read_inputs(["-"])
    assert isinstance(article, Article) and article.text == ENGLISH


def test_stdin_as_jsonl(monkeypatch):
    lines = "".join(json.dumps({"id": f"r{i}", "text": ENGLISH}) + "\n" for i in range(3))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    assert [a.id for a in read_inputs(["-"], stdin_format="jsonl")] == ["r0", "r1", "r2"]


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "story").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "page.php").write_text(page(), encoding="utf-8")
    (tmp_path / "records.log").write_text(json.dumps({"text": ENGLISH}) + "\n", encoding="utf-8")
    results = list(
        read_inputs([tmp_path / "story", tmp_path / "page.php", tmp_path / "records.log"])
    )
    assert all(isinstance(r, Article) for r in results)
    assert results[1].title == "Troops enter Saraqeb"


def test_corpus_tracks_origins_and_bytes(tmp_path):
    root = make_tree(tmp_path / "corpus")
    corpus = Corpus([root])
    assert corpus.bytes_read() == 0 and corpus.total_bytes > 0
    origins = [origin for origin, _ in corpus]
    assert corpus.bytes_read() == corpus.total_bytes
    # sorted paths: a/b/four.warc.gz (warcinfo is record 1), a/b/three.jsonl, a/two.html, one.txt
    assert [o.record for o in origins] == [2, 1, None, None]
    assert origins[1].source.endswith("three.jsonl")


def test_a_crashing_reader_skips_only_its_input(tmp_path, monkeypatch):
    import eventwire.readers as readers

    def explode(file):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(readers._READERS, "jsonl", explode)
    root = make_tree(tmp_path / "corpus")
    results = list(read_inputs([root]))
    assert sum(isinstance(r, Article) for r in results) == 3
    (skipped,) = [r for r in results if isinstance(r, Skipped)]
    assert skipped.reason == "reader error: RuntimeError: boom"
