"""The event index pages exactly as the SQL over ``ev`` would, on every path it can take."""

from __future__ import annotations

import importlib.util
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from serve_helpers import CASES, EMOJI_SENTENCE, fill

from eventwire.serve import index as index_module
from eventwire.serve import queries
from eventwire.serve.filters import SORTS, EventQuery, after_cursor, decode_cursor
from eventwire.serve.snapshot import build_snapshot
from eventwire.store import Store

BENCH = Path(__file__).resolve().parents[2] / "bench" / "serve_load.py"
N_EVENTS = 3000


def _bench():
    spec = importlib.util.spec_from_file_location("serve_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, bench):
    """Generated events with undated rows, repeated ids, missing tolls and places, plus the
    hand-built cases (NULL countries, antimeridian, metacharacters)."""
    folder = tmp_path_factory.mktemp("index")
    path = folder / "store.duckdb"
    bench.build_store(path, N_EVENTS, seed=3)
    with Store.open(path) as store:
        con = store.con
        con.execute("UPDATE events SET date = NULL WHERE hash(event_id) % 9 = 0")
        con.execute("UPDATE articles SET published = NULL WHERE hash(id) % 5 = 0")
        con.execute("UPDATE events SET confidence = NULL WHERE hash(event_id) % 11 = 0")
        con.execute("UPDATE events SET goldstein = 'NaN' WHERE hash(event_id) % 13 = 0")
        # a few events stored twice (same id in another article): uids "~2"
        con.execute(
            "INSERT INTO events SELECT * REPLACE ('ffff' || article_id[5:] AS article_id) "
            "FROM events WHERE hash(event_id) % 97 = 0"
        )
        con.execute("CHECKPOINT")
    fill(path, CASES)
    snap = build_snapshot(path, generation=1, workdir=folder)
    yield snap
    snap.retire()


def sql_page(cur, query: EventQuery, *, sort: str, limit: int, cursor: str | None):
    """The page as SQL selects it (the reference the index must match)."""
    order = SORTS[sort]
    where = query.where()
    if cursor:
        clause, params = after_cursor(order, *decode_cursor(cursor, order))
        where = where.and_(clause, *params)
    return [
        row[0]
        for row in cur.execute(
            f"SELECT rowid FROM ev{where.sql()} ORDER BY {order.order_by} LIMIT ?",
            [*where.params, limit],
        ).fetchall()
    ]


def random_query(rng: random.Random, bench) -> dict:
    countries = [c[0] for c in bench.COUNTRIES] + ["PSE", "FJI", "ZZZ"]
    types = sorted({t[0] for t in bench.TYPES}) + ["MOBILIZE", "NOPE"]
    p: dict = {}
    if rng.random() < 0.4:
        p["country"] = rng.sample(countries, rng.choice([1, 1, 2, 3]))
    if rng.random() < 0.3:
        p["plover_type"] = [rng.choice(types).lower()]
    if rng.random() < 0.15:
        p["admin1"] = [f"{rng.randrange(1, 12):02d}"]
    if rng.random() < 0.1:
        p["cameo_root"] = [rng.choice(["19", "14", "3", "17"])]
    if rng.random() < 0.1:
        p["acled_event_type"] = [rng.choice(["battles", "Protests", "nothing"])]
    if rng.random() < 0.4:
        y = rng.randrange(2017, 2027)
        p["since"] = date(y, rng.randrange(1, 13), 1)
        p["until"] = date(y + rng.choice([0, 0, 1, -1]), rng.randrange(1, 13), 28)
        if rng.random() < 0.3:
            del p[rng.choice(["since", "until"])]
    if rng.random() < 0.2:
        p["killed_min"] = rng.choice([0, 1, 5, 20, 39, 1000])
    if rng.random() < 0.15:
        p["q"] = rng.choice(
            [
                *bench.WORDS,
                "the",
                "near the",
                "' or 1=1 --",
                "100%",
                "(.*)",
                "a\\Eb",
                "zzz",
                "SÉGOU",
                "Café",
            ]
        )
    if rng.random() < 0.15:
        p["actor"] = rng.choice(
            ["SYR", "syrmil", "TURMIL", "forces", "syr gov", "rebels", "s", "%", "Hulusi Akar"]
        )
        p["actor_role"] = rng.choice(["any", "source", "target"])
    if rng.random() < 0.15:
        c = rng.choice(bench.COUNTRIES)
        p["bbox"] = rng.choice(
            [f"{c[3] - 2},{c[2] - 2},{c[3] + 2},{c[2] + 2}", "170,-90,-160,90", "-180,-90,180,90"]
        )
    for flag in ("negated", "hypothetical", "historical", "future"):
        if rng.random() < 0.05:
            p[flag] = rng.random() < 0.5
    if rng.random() < 0.1:
        p["min_confidence"] = rng.choice([0.0, 0.5, 0.95])
    return p


# (first chunk, walk budget): the defaults walk to the end of a small store; tiny budgets
# fall back to the candidates mid-walk; a zero budget always starts from the candidates
PATHS = [(1024, 65536), (8, 40), (8, 0)]


@pytest.mark.parametrize(("chunk", "budget"), PATHS)
def test_pages_match_the_sql(snapshot, bench, monkeypatch, chunk, budget):
    monkeypatch.setattr(index_module, "FIRST_CHUNK", chunk)
    monkeypatch.setattr(index_module, "WALK_BUDGET", budget)
    cur = snapshot.thread_cursor()
    rng = random.Random(budget)
    for _ in range(150):
        query = EventQuery.parse(**random_query(rng, bench))
        sort = rng.choice(list(SORTS))
        limit = rng.choice([1, 3, 20, 50])
        cursor = None
        for _page in range(3):
            got = queries.list_events(snapshot, cur, query, sort=sort, limit=limit, cursor=cursor)
            want = sql_page(cur, query, sort=sort, limit=limit, cursor=cursor)
            assert [e["event_id"] for e in got.events] == [
                e["event_id"] for e in snapshot.display_rows(want)
            ], (query, sort, limit, cursor)
            cursor = got.next_cursor
            if cursor is None:
                break


def test_counts_match_the_sql(snapshot, bench):
    cur = snapshot.thread_cursor()
    rng = random.Random(7)
    for _ in range(100):
        query = EventQuery.parse(**random_query(rng, bench))
        where = query.where()
        (want,) = cur.execute(f"SELECT count(*) FROM ev{where.sql()}", where.params).fetchone()
        got = queries.list_events(snapshot, cur, query, sort="-date", limit=1, with_total=True)
        assert got.total == want, query


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_every_row_once_in_sort_order(snapshot, sort):
    """Walking an order covers each row once; positions invert rows."""
    order = snapshot.index.order(SORTS[sort])
    rows = order.rows(0, order.n)
    assert sorted(rows.tolist()) == list(range(order.n))
    assert np.array_equal(order.positions(rows), np.arange(order.n))
    parts = np.concatenate([order.rows(a, min(a + 777, order.n)) for a in range(0, order.n, 777)])
    assert np.array_equal(parts, rows)


@pytest.mark.parametrize(
    "needle",
    [
        "a\\eb",
        "x(.*)y",
        "' or 1=1 --",
        "100%",
        "a b",
        "tab\there",
        "a\\Eb",
        "\\",
        "\\Q",
        "é😀",
        "[",
    ],
)
def test_text_patterns_are_literal(needle):
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = [f"pre {needle} post", "nothing", None, needle[:-1]]
    got = pc.match_substring_regex(pa.array(texts), index_module._literal(needle)).to_pylist()
    assert got == [True, False, None, False]


@pytest.mark.parametrize("needle", ["SÉGOU", "ségou", "CAFÉ", "Police in Ségou"])
def test_non_ascii_text_is_lowered_as_the_snapshot_lowered_it(snapshot, needle):
    cur = snapshot.thread_cursor()
    query = EventQuery.parse(q=needle)
    got = queries.list_events(snapshot, cur, query, sort="-date", limit=10, with_total=True)
    assert [e["sentence"] for e in got.events] == [EMOJI_SENTENCE]
    assert got.total == 1


def test_rows_stored_out_of_order_are_indexed_in_order(snapshot, bench):
    """Should ``ev`` ever come out of another order, the index sorts its rows itself and
    still answers with ``ev`` rowids."""
    import pyarrow as pa

    from eventwire.serve.index import INDEX_SQL, EventIndex
    from eventwire.serve.snapshot import arrow_table

    cur = snapshot.thread_cursor()
    table = arrow_table(cur, INDEX_SQL)
    keys = arrow_table(cur, "SELECT key, rid, role FROM actor_keys")
    shuffle = np.random.default_rng(5).permutation(table.num_rows)  # old rowid -> new rowid
    moved = table.set_column(0, "rowid", pa.array(shuffle[table.column("rowid").to_numpy()]))
    moved = moved.take(pa.array(np.argsort(shuffle[table.column("rowid").to_numpy()])))
    moved_keys = keys.set_column(1, "rid", pa.array(shuffle[keys.column("rid").to_numpy()]))
    index = EventIndex(moved, moved_keys)
    assert index.rowids is not None
    rng = random.Random(17)
    for _ in range(60):
        query = EventQuery.parse(**random_query(rng, bench))
        sort = rng.choice(list(SORTS))
        want = snapshot.index.event_rowids(snapshot.index.page(query, sort=sort, limit=20))
        got = index.event_rowids(index.page(query, sort=sort, limit=20))
        assert got == shuffle[want].tolist(), (query, sort)
        assert index.count(query) == snapshot.index.count(query)


def test_display_rows_are_the_columns_of_ev(snapshot):
    """The JSON texts a page is spliced from decode to ``ev``'s display columns, row by row
    (NULLs, NaN made NULL, lists, script tags, emoji, quotes and SQL metacharacters)."""
    from eventwire.serve.flat import DISPLAY_COLUMNS
    from eventwire.serve.snapshot import arrow_table

    cur = snapshot.thread_cursor()
    columns = ", ".join("CAST(day AS VARCHAR) AS day" if c == "day" else c for c in DISPLAY_COLUMNS)
    want = arrow_table(cur, f"SELECT {columns} FROM ev ORDER BY rowid").to_pylist()
    rowids = list(range(len(want)))
    assert len(snapshot.display) == len(want)
    assert snapshot.display_rows(rowids) == want
    picked = [len(want) - 1, 0, 17, 17]
    assert snapshot.display_rows(picked) == [want[r] for r in picked]
    assert snapshot.display.json([]) == b"[]"
