"""The incident tables in the DuckDB store: incremental updates, rebuilds, crashes, exports,
and the merge after each batch of ``eventwire run``."""

from __future__ import annotations

import csv
import dataclasses
import json
import pickle
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest
from incident_helpers import GOMA, event, killed, meta

import eventwire.store.run as run_module
from eventwire.incidents import ArticleMeta, cluster
from eventwire.incidents import db as incidents_db
from eventwire.incidents.db import (
    IncidentMerger,
    ensure_tables,
    has_incidents,
    iter_incidents,
    members_of,
    rebuild_incidents,
    update_incidents,
)
from eventwire.model import Article
from eventwire.readers import Origin
from eventwire.store import Coded, RunInterrupted, Store, export_events, run_corpus
from eventwire.store.exports.gdelt import COLUMNS as GDELT_COLUMNS

MON = date(2024, 7, 1)
LEAD = "Russian missiles struck an apartment block in Kharkiv on Monday, killing {} people."
SOURCES = ("Meridian Wire", "Regional Times", "Kyiv Morning", "Horizon Press", "Global Dispatch")


def coded(n: int, *, published=MON, toll: int = 7, goma: bool = False) -> Coded:
    """Article n: a Kharkiv strike report (or, with ``goma``, a protest in Goma)."""
    article_meta = meta(n, published, SOURCES[n % len(SOURCES)])
    if goma:
        sentence = "Thousands marched through Goma on Monday to protest against the U.N. mission."
        events = [
            event(
                article_meta,
                0,
                sentence,
                "marched",
                location=GOMA,
                plover_type="PROTEST",
                cameo_code="141",
                cameo_root="14",
                acled_event_type="Protests",
                date="2024-07-01",
            )
        ]
    else:
        sentence = LEAD.format(toll)
        events = [
            event(article_meta, 0, sentence, "struck", killed=killed(toll), date="2024-07-01"),
            event(article_meta, 1, "The strike destroyed two floors.", "strike"),
        ]
    article = Article(
        id=article_meta.article_id,
        text=" ".join(e.sentence for e in events),
        url=f"https://news.example/{n}",
        published=published,
        source=article_meta.source,
    )
    return Coded(Origin(f"story-{n}.txt", None), article, events)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "incidents.duckdb") as opened:
        yield opened


def write(store: Store, *items: Coded) -> None:
    run_id = store.start_run(inputs=["test"], workers=1)
    store.write_batch(run_id, list(items))
    store.finish_run(run_id, status="finished")


def partition(store: Store) -> set[frozenset[str]]:
    rows = store.con.execute(
        "SELECT incident_id, list(event_id ORDER BY event_id) FROM incident_members "
        "GROUP BY incident_id"
    ).fetchall()
    return {frozenset(events) for _, events in rows}


def test_every_event_gets_one_incident(store):
    write(store, coded(1), coded(2), coded(3, goma=True))
    done = update_incidents(store)
    assert (done.articles, done.events, done.created) == (3, 5, 2)
    assert has_incidents(store.con)
    (n_events,) = store.con.execute("SELECT count(*) FROM events").fetchone()
    (n_members,) = store.con.execute(
        "SELECT count(DISTINCT event_id) FROM incident_members"
    ).fetchone()
    assert n_events == n_members == 5
    top = next(iter_incidents(store))
    assert (top["num_articles"], top["num_sources"], top["num_mentions"]) == (2, 2, 4)
    assert top["location"]["name"] == "Kharkiv" and top["killed"]["best"] == 7
    assert [m["article_id"] for m in members_of(store, top["incident_id"])] == [
        "a001", "a001", "a002", "a002",
    ]  # fmt: skip
    assert update_incidents(store).events == 0  # nothing pending: nothing done


def test_new_batches_join_stored_incidents(store):
    write(store, coded(1), coded(2))
    update_incidents(store)
    write(store, coded(3, published=date(2024, 7, 3), toll=11), coded(4, goma=True))
    done = update_incidents(store)
    assert (done.created, done.changed) == (1, 1)
    assert done.restored == 1  # only the stored incident the new events can reach
    top = next(iter_incidents(store))
    assert top["num_articles"] == 3
    assert (top["killed"]["low"], top["killed"]["best"]) == (7, 11)
    incremental = partition(store)
    rebuild_incidents(store)
    assert partition(store) == incremental


def test_a_batch_update_also_takes_what_an_earlier_crash_left(store):
    write(store, coded(1))
    assert update_incidents(store, article_ids=["a001"]).events == 2
    write(store, coded(2))  # committed, but the merge never ran
    write(store, coded(3, goma=True))
    done = update_incidents(store, article_ids=["a003"])
    assert (done.articles, done.events) == (2, 3)
    assert update_incidents(store, article_ids=["a003"]).events == 0


def test_small_chunks_give_the_same_incidents(store):
    write(store, *(coded(n) for n in range(1, 6)), coded(6, goma=True))
    update_incidents(store, chunk_articles=1)
    chunked = partition(store)
    rebuild_incidents(store)
    assert partition(store) == chunked and len(chunked) == 2


def _fail_member_writes(monkeypatch):
    """Make writes of incident members fail as a full disk would; returns the real insert."""
    real_insert = incidents_db.insert_rows

    def failing(con, table, rows, columns, **kw):
        if table == incidents_db.MEMBERS:
            raise duckdb.IOException("disk on fire")
        return real_insert(con, table, rows, columns, **kw)

    monkeypatch.setattr(incidents_db, "insert_rows", failing)
    return real_insert


def test_a_failed_write_leaves_the_events_pending(store, monkeypatch):
    write(store, coded(1), coded(2))
    real_insert = _fail_member_writes(monkeypatch)
    with pytest.raises(Exception, match="disk on fire"):
        update_incidents(store)
    assert store.con.execute("SELECT count(*) FROM incidents").fetchone() == (0,)
    monkeypatch.setattr(incidents_db, "insert_rows", real_insert)
    assert update_incidents(store).events == 4


def _varied(n: int) -> Coded:
    """Article n of a mixed stream: Kharkiv strikes and Goma protests over three weeks, each
    reported on its day or the next."""
    item = coded(n, published=date(2024, 7, 1 + (n * 5) % 21 + n % 2), goma=n % 3 == 0)
    day = date(2024, 7, 1 + (n * 5) % 21).isoformat()
    events = [dataclasses.replace(e, date=day) if e.sentence_index == 0 else e for e in item.events]
    return Coded(item.origin, item.article, events)


def _stored(store: Store) -> tuple[set[frozenset[str]], list[tuple]]:
    rows = store.con.execute(
        "SELECT * EXCLUDE (updated_at) FROM incidents ORDER BY incident_id"
    ).fetchall()
    return partition(store), rows


@pytest.mark.parametrize("chunk_articles", [1, 3, 1000])
def test_a_kept_merger_gives_the_incidents_of_a_rebuild(store, chunk_articles):
    """Incidents kept in memory across updates (as in a run) are those one pass over every
    article gives, as long as the batches come in publication order."""
    items = sorted((_varied(n) for n in range(1, 31)), key=lambda c: c.article.published)
    merger = IncidentMerger()
    for start in range(0, len(items), 4):
        batch = items[start : start + 4]
        write(store, *batch)
        ids = [item.article.id for item in batch]
        done = update_incidents(store, article_ids=ids, chunk_articles=chunk_articles,
                                merger=merger)  # fmt: skip
        assert done.restored == 0  # nothing read back: the merger holds every incident
    kept = _stored(store)
    rebuild_incidents(store)
    assert _stored(store) == kept
    assert len(kept[0]) > 3


@pytest.mark.parametrize("chunk_articles", [1, 1000])
def test_events_handed_over_give_the_incidents_of_a_rebuild(store, monkeypatch, chunk_articles):
    """A run hands over the events it committed: they are merged as read back would be (in
    publication order, whatever order they come in), and never read back."""
    items = [_varied(n) for n in range(1, 31)]  # not in publication order
    merger = IncidentMerger()
    monkeypatch.setattr(incidents_db, "_articles_with_events", None)  # reading back fails
    for start in range(0, len(items), 7):
        batch = items[start : start + 7]
        write(store, *batch)
        given = [(ArticleMeta.of(item.article), item.events) for item in reversed(batch)]
        done = update_incidents(store, articles=given, chunk_articles=chunk_articles,
                                merger=merger, sweep=False)  # fmt: skip
        assert done.articles == len(batch)
    kept = _stored(store)
    monkeypatch.undo()
    store.con.execute("DELETE FROM incident_members")
    store.con.execute("DELETE FROM incidents")
    read_back = IncidentMerger()
    for start in range(0, len(items), 7):
        ids = [item.article.id for item in items[start : start + 7]]
        update_incidents(store, article_ids=ids, chunk_articles=chunk_articles,
                         merger=read_back, sweep=False)  # fmt: skip
    assert _stored(store) == kept
    assert len(kept[0]) > 3


def test_events_handed_over_twice_are_merged_once(store):
    item = coded(1)
    write(store, item)
    given = (ArticleMeta.of(item.article), item.events + item.events[:1])
    assert update_incidents(store, articles=[given]).events == 2
    assert store.con.execute("SELECT count(*) FROM incident_members").fetchone() == (2,)
    with pytest.raises(ValueError, match="not both"):
        update_incidents(store, article_ids=["a001"], articles=[given])


@pytest.mark.parametrize(
    ("key", "found"),
    [
        (("violence", "happened", "RUS", "2024-06-28", "2024-07-02"), {"kharkiv"}),
        (("violence", "happened", "UKR", "2024-07-01", "2024-07-01"), {"kharkiv"}),
        (("violence", "happened", "*", "2024-06-20", "2024-07-02"), {"kharkiv", "nowhere"}),
        (("violence", "happened", "", "2024-06-20", "2024-07-02"), {"nowhere"}),
        (("violence", "happened", "RUS", "2024-07-05", "2024-07-09"), set()),  # days apart
        (("violence", "happened", "COD", "2024-06-28", "2024-07-02"), set()),
        (("violence", "hypothetical", "RUS", "2024-06-28", "2024-07-02"), set()),
        (("protest", "happened", "COD", "2024-06-28", "2024-07-02"), {"goma"}),
    ],
)
def test_stored_incidents_are_found_by_their_blocks(store, key, found):
    article_meta = meta(9, MON)
    unplaced = event(article_meta, 0, "Gunmen struck a checkpoint.", "struck", location=None,
                     source_actors=[], target_actors=[])  # fmt: skip
    article = Article(id="a009", text=unplaced.sentence, published=MON, source="Meridian Wire")
    write(store, coded(1), coded(3, goma=True), Coded(Origin("s9.txt", None), article, [unplaced]))
    update_incidents(store)
    names = {}
    for row in store.con.execute(
        "SELECT incident_id, location, countries FROM incidents"
    ).fetchall():
        incident_id, location, countries = row
        names[incident_id] = location["name"].lower() if location else "nowhere"
        assert (countries == []) == (names[incident_id] == "nowhere")
    family, status, country, lo, hi = key
    wanted = {(family, status, country, date.fromisoformat(lo).toordinal(),
               date.fromisoformat(hi).toordinal())}  # fmt: skip
    assert {names[i] for i in incidents_db._candidate_ids(store.con, wanted)} == found


def test_a_merger_restores_only_what_it_does_not_hold(store):
    write(store, coded(1), coded(2))
    update_incidents(store)  # stored by an earlier run
    merger = IncidentMerger()
    write(store, coded(3, published=date(2024, 7, 2)))
    assert update_incidents(store, article_ids=["a003"], merger=merger).restored == 1
    write(store, coded(4, published=date(2024, 7, 2)))
    assert update_incidents(store, article_ids=["a004"], merger=merger).restored == 0
    top = next(iter_incidents(store))
    assert (top["num_articles"], top["num_mentions"]) == (4, 8)


def test_restored_members_are_the_stored_events_with_their_articles(store):
    items = [coded(1), coded(2, published=date(2024, 7, 2)), coded(3, goma=True)]
    write(store, *items)
    update_incidents(store)
    members = store.con.execute("SELECT incident_id, event_id, confidence FROM incident_members")
    stored = {event_id: (incident_id, share) for incident_id, event_id, share in members.fetchall()}
    ids = sorted({incident_id for incident_id, _ in stored.values()})
    read = list(incidents_db._stored_members(store.con, ids))
    assert [incident_id for incident_id, _ in read] == ids
    events = {e.event_id: (e, item.article) for item in items for e in item.events}
    for incident_id, restored in read:
        for e, article_meta, share in restored:
            original, article = events.pop(e.event_id)
            assert e == original  # actors, place and tolls come back whole
            assert article_meta == ArticleMeta.of(article)
            assert (incident_id, share) == stored[e.event_id]
    assert not events


@pytest.mark.parametrize("parked_bytes", [0, cluster.PARKED_BYTES], ids=["stored", "parked"])
def test_a_merger_over_its_memory_bound_reads_back_what_it_let_go(store, monkeypatch, parked_bytes):
    """What it let go comes back parked (as it was) or, past the parking budget, from the
    store: the same incidents either way."""
    monkeypatch.setattr(incidents_db, "HELD_INCIDENTS", 1)
    monkeypatch.setattr(cluster, "PARKED_BYTES", parked_bytes)
    merger = IncidentMerger()
    write(store, coded(1), coded(2, goma=True))
    update_incidents(store, merger=merger)
    assert len(merger.clusterer) == 1 and not merger.complete
    write(store, coded(3, published=date(2024, 7, 2)), coded(4, goma=True))
    done = update_incidents(store, article_ids=["a003", "a004"], merger=merger)
    assert (done.created, done.changed, done.restored) == (0, 2, 1)
    kept = _stored(store)
    rebuild_incidents(store)
    assert _stored(store) == kept


def test_a_merger_starts_again_from_the_tables_after_a_failed_write(store, monkeypatch):
    merger = IncidentMerger()
    write(store, coded(1))
    update_incidents(store, article_ids=["a001"], merger=merger)
    write(store, coded(2, published=date(2024, 7, 2)))
    real_insert = _fail_member_writes(monkeypatch)
    with pytest.raises(Exception, match="disk on fire"):
        update_incidents(store, article_ids=["a002"], merger=merger)
    monkeypatch.setattr(incidents_db, "insert_rows", real_insert)
    done = update_incidents(store, article_ids=["a002"], merger=merger)
    assert (done.events, done.restored, done.changed) == (2, 1, 1)  # read back, not trusted
    top = next(iter_incidents(store))
    assert (top["num_articles"], top["num_mentions"]) == (2, 4)


def test_a_merger_lets_go_of_incidents_no_report_can_join(store):
    article_meta = meta(9, MON)
    negated = event(article_meta, 0, "Russia denied striking Kharkiv.", "striking",
                    negated=True)  # fmt: skip
    article = Article(id="a009", text=negated.sentence, published=MON, source="Meridian Wire")
    write(store, coded(1), Coded(Origin("story-9.txt", None), article, [negated]))
    merger = IncidentMerger()
    assert update_incidents(store, merger=merger).created == 2
    held = set(merger.clusterer.ids())
    assert len(held) == 1 and merger.clusterer.holds(next(iter(held)))
    negated_incident = store.con.execute(
        "SELECT incident_id FROM incident_members WHERE event_id = ?", [negated.event_id]
    ).fetchone()[0]
    assert negated_incident not in held and merger.clusterer.holds(negated_incident)


def test_outdated_tables_are_rebuilt(store):
    write(store, coded(1))
    store.con.execute("CREATE TABLE incidents (incident_id VARCHAR, old_column BIGINT)")
    store.con.execute("CREATE TABLE incident_members (event_id VARCHAR)")
    assert ensure_tables(store.con) is True
    assert ensure_tables(store.con) is False
    assert update_incidents(store).events == 2


def test_exports_carry_incidents(store, tmp_path):
    write(store, coded(1), coded(2), coded(3, goma=True))
    update_incidents(store)
    path = store.path
    store.close()

    gdelt = tmp_path / "events.tsv"
    assert export_events("gdelt", gdelt, db=path) == 2  # one row per incident
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in
            gdelt.read_text(encoding="utf-8").splitlines()]  # fmt: skip
    kharkiv = next(r for r in rows if r["EventRootCode"] == "19")
    assert (kharkiv["NumMentions"], kharkiv["NumSources"], kharkiv["NumArticles"]) == (
        "4",
        "2",
        "2",
    )

    assert export_events("csv", tmp_path / "e.csv", db=path) == 5  # one row per event
    with open(tmp_path / "e.csv", newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    assert len({r["incident_id"] for r in records}) == 2
    assert {r["incident_num_articles"] for r in records} == {"2", "1"}

    export_events("jsonl", tmp_path / "e.jsonl", db=path)
    first = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["incident_id"].startswith("I") and 0 < first["incident_confidence"] <= 1

    export_events("parquet", tmp_path / "e.parquet", db=path)
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column("incident_num_sources").to_pylist().count(2) == 4

    export_events("acled", tmp_path / "a.csv", db=path)
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as f:
        acled = list(csv.DictReader(f))
    assert len(acled) == 2  # each happening once
    strike = next(r for r in acled if r["event_type"] != "Protests")
    assert strike["source"] == "kyiv morning; regional times"

    export_events("plover", tmp_path / "p.jsonl", db=path)
    plover = json.loads((tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert plover["text_info"]["incident_id"].startswith("I")


def test_exports_without_incident_tables_still_work(store, tmp_path):
    write(store, coded(1))
    path = store.path
    store.close()
    assert export_events("gdelt", tmp_path / "g.tsv", db=path) == 2
    line = (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert line[GDELT_COLUMNS.index("NumArticles")] == "1"
    export_events("jsonl", tmp_path / "e.jsonl", db=path)
    first = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["incident_id"] is None


def _kharkiv_coder(articles, **options):
    for article in articles:
        n = int(article.text.split()[1])
        item = coded(n)
        yield (
            article,
            [
                event(
                    meta(0, MON),
                    0,
                    e.sentence,
                    e.trigger,
                    article_id=article.id,
                    event_id=f"{article.id}-{k}",
                    killed=e.killed,
                    date=e.date,
                )  # fmt: skip
                for k, e in enumerate(item.events)
            ],
        )


def _kharkiv_corpus(tmp_path, n: int = 5):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for k in range(1, n + 1):
        (folder / f"story-{k}.txt").write_text(f"Story {k} about Kharkiv.", encoding="utf-8")
    return folder


def _members(db) -> int:
    with Store.open(db, read_only=True) as store:
        if not has_incidents(store.con):
            return 0
        return store.con.execute("SELECT count(*) FROM incident_members").fetchone()[0]


def test_run_merges_its_events_into_incidents(tmp_path):
    db = tmp_path / "run.duckdb"
    summary = run_corpus([_kharkiv_corpus(tmp_path)], db=db, batch_size=2, coder=_kharkiv_coder)
    assert summary.processed == 5
    assert _members(db) == 10
    with Store.open(db, read_only=True) as store:
        assert next(iter_incidents(store))["num_articles"] == 5


def test_run_merges_every_few_thousand_articles_not_every_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "MERGE_ARTICLES", 4)
    monkeypatch.setattr(run_module, "TAIL_MERGE_ARTICLES", 4)
    monkeypatch.setattr(run_module, "MERGE_SECONDS", 1e9)
    merged: list[int] = []
    real = run_module._merge_incidents

    def counting(store, article_ids, merger, **options):  # one merger for the whole run
        merged.append(len(article_ids))
        real(store, article_ids, merger, **options)

    monkeypatch.setattr(run_module, "_merge_incidents", counting)
    db = tmp_path / "run.duckdb"
    run_corpus([_kharkiv_corpus(tmp_path, 9)], db=db, batch_size=2, coder=_kharkiv_coder)
    assert merged == [4, 4, 1]  # two merges of two batches each, the rest at the end
    assert _members(db) == 18


@pytest.mark.parametrize(
    ("finished", "fraction", "size"),
    [
        (50, None, 1000),  # input of unknown size
        (1000, 0.1, 1000),
        (9500, 0.95, 500),  # as many as are left
        (9990, 0.999, 100),  # never less than TAIL_MERGE_ARTICLES
        (10000, 1.0, 100),
    ],
)
def test_merges_shrink_near_the_end_of_the_input(finished, fraction, size, monkeypatch):
    monkeypatch.setattr(run_module, "MERGE_ARTICLES", 1000)
    monkeypatch.setattr(run_module, "TAIL_MERGE_ARTICLES", 100)
    assert run_module.merge_size(finished, fraction) == size


def test_a_run_merges_its_last_articles_in_small_merges(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "MERGE_ARTICLES", 8)
    monkeypatch.setattr(run_module, "TAIL_MERGE_ARTICLES", 1)
    monkeypatch.setattr(run_module, "MERGE_SECONDS", 1e9)
    merged: list[int] = []
    real = run_module._merge_incidents

    def counting(store, articles, merger, **options):
        merged.append(len(articles))
        real(store, articles, merger, **options)

    monkeypatch.setattr(run_module, "_merge_incidents", counting)
    db = tmp_path / "run.duckdb"
    run_corpus([_kharkiv_corpus(tmp_path, 9)], db=db, batch_size=1, coder=_kharkiv_coder)
    assert sum(merged) == 9 and max(merged) < 8
    assert merged[-1] == 0 and max(merged[-3:]) <= 1  # nothing left for the end-of-run merge
    assert _members(db) == 18


def _interrupted_after(n):
    """A coder that stops with Ctrl-C after coding ``n`` articles."""

    def interrupted(articles, **options):
        for k, item in enumerate(_kharkiv_coder(articles, **options)):
            if k == n:
                raise KeyboardInterrupt
            yield item

    return interrupted


def test_interrupted_run_leaves_events_pending_and_the_next_run_merges_them(tmp_path):
    folder = _kharkiv_corpus(tmp_path)
    db = tmp_path / "run.duckdb"

    with pytest.raises(RunInterrupted):
        run_corpus([folder], db=db, batch_size=1, coder=_interrupted_after(3))
    assert _members(db) == 0  # committed, not merged: Ctrl-C does not wait for a merge
    rest = run_corpus([folder], db=db, coder=_kharkiv_coder)
    assert (rest.processed, rest.already) == (2, 3)
    assert _members(db) == 10
    with Store.open(db, read_only=True) as store:
        assert next(iter_incidents(store))["num_articles"] == 5


def test_rerun_with_nothing_new_still_merges_what_was_left_pending(tmp_path):
    folder = _kharkiv_corpus(tmp_path)
    db = tmp_path / "run.duckdb"
    run_corpus([folder], db=db, coder=_kharkiv_coder)
    with Store.open(db) as store:
        store.con.execute("DELETE FROM incident_members")
        store.con.execute("DELETE FROM incidents")
    assert run_corpus([folder], db=db, coder=_kharkiv_coder).already == 5
    assert _members(db) == 10


def test_ctrl_c_during_a_background_merge_leaves_a_consistent_store(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "MERGE_ARTICLES", 2)
    monkeypatch.setattr(run_module, "MERGE_CHUNK_ARTICLES", 1)
    folder = _kharkiv_corpus(tmp_path, 9)
    db = tmp_path / "run.duckdb"

    with pytest.raises(RunInterrupted):
        run_corpus([folder], db=db, batch_size=1, coder=_interrupted_after(7))
    with Store.open(db, read_only=True) as store:
        orphans = store.con.execute(
            "SELECT count(*) FROM incident_members m LEFT JOIN events e USING (event_id) "
            "WHERE e.event_id IS NULL"
        ).fetchone()
        assert orphans == (0,)
    assert _members(db) <= 14  # at most the 7 committed articles' events
    rest = run_corpus([folder], db=db, coder=_kharkiv_coder)
    assert (rest.processed, rest.already) == (2, 7)
    assert _members(db) == 18
    with Store.open(db, read_only=True) as store:
        assert next(iter_incidents(store))["num_articles"] == 9


def test_a_failed_background_merge_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "MERGE_ARTICLES", 2)

    def failing(store, article_ids, merger, **options):
        raise duckdb.IOException("disk on fire")

    monkeypatch.setattr(run_module, "_merge_incidents", failing)
    db = tmp_path / "run.duckdb"
    with pytest.raises(duckdb.IOException, match="disk on fire"):
        run_corpus([_kharkiv_corpus(tmp_path)], db=db, batch_size=1, coder=_kharkiv_coder)
    with Store.open(db, read_only=True) as store:
        assert store.con.execute("SELECT status FROM runs").fetchall() == [("failed",)]


def test_events_waiting_for_a_merge_are_kept_packed():
    events = coded(1).events
    packed = run_module._Packed(events)
    assert len(packed) == 2 and list(packed) == events and packed[1] == events[1]
    assert list(run_module._Packed([])) == []


def test_events_waiting_for_a_merge_are_kept_compressed():
    events = [e for n in range(1, 6) for e in coded(n).events]
    plain = pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL)
    packed = run_module._Packed(events)
    assert len(packed._blob) < len(plain) / 2
    assert list(packed) == events
