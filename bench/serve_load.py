"""Latency of `eventwire serve` under concurrent filtered /api/events requests.

    python bench/serve_load.py [--events 1000000] [--clients 50] [--requests 5000] [--seconds 60]
                               [--server-workers N] [--no-cache] [--db PATH]

1. builds a store with N generated events (one article each) in bulk DuckDB SQL, in a temporary
   folder (or ``--db PATH``, reused when it already holds N events);
2. starts the server (``--server-workers`` processes) in a subprocess on a free loopback port
   and waits until every process has its first snapshot;
3. fires filtered ``/api/events`` requests (random mixes of country, PLOVER type, date range,
   killed, text, actor, bounding box and sort; some follow a page's cursor) from ``--clients``
   concurrent clients until ``--requests`` are answered or ``--seconds`` pass;
4. prints latency percentiles, errors, the server's CPU time per request and the peak memory
   (RSS) of its processes; the last line is one JSON object.

``--no-cache`` turns off the server's answer cache so every request runs its query. The load
generator runs on the same machine as the server and shares its CPUs; the server's and the load
generator's CPU time per request and the machine's load average are printed too, since latency
under a closed loop of C clients is about C / throughput, and throughput is about CPUs / CPU
time per request (server and load generator together). The default load generator is a minimal
asyncio HTTP/1.1 client; ``--client httpx`` uses httpx, which spends several times the server's
CPU per request on this loop and so measures mostly itself on a small machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import httpx

from eventwire.store import Store
from eventwire.store.schema import event_columns

COUNTRIES = [  # ISO3, name, lat, lon, spread in degrees
    ("SYR", "Aleppo", 36.2, 37.15, 1.5),
    ("IRQ", "Mosul", 36.34, 43.13, 2.0),
    ("UKR", "Donetsk", 48.0, 37.8, 3.0),
    ("RUS", "Belgorod", 50.6, 36.6, 4.0),
    ("TUR", "Hatay", 36.2, 36.16, 2.0),
    ("AFG", "Kandahar", 31.6, 65.7, 2.5),
    ("PAK", "Peshawar", 34.0, 71.5, 2.5),
    ("IND", "Srinagar", 34.08, 74.8, 3.0),
    ("YEM", "Taiz", 13.58, 44.02, 1.5),
    ("SDN", "Khartoum", 15.5, 32.56, 3.0),
    ("SSD", "Juba", 4.85, 31.6, 2.0),
    ("ETH", "Mekelle", 13.5, 39.47, 2.5),
    ("SOM", "Mogadishu", 2.04, 45.34, 2.0),
    ("KEN", "Nairobi", -1.29, 36.82, 1.5),
    ("NGA", "Maiduguri", 11.85, 13.16, 3.0),
    ("MLI", "Gao", 16.27, -0.04, 3.0),
    ("BFA", "Djibo", 14.1, -1.63, 2.0),
    ("COD", "Goma", -1.68, 29.22, 2.0),
    ("LBY", "Tripoli", 32.89, 13.19, 2.0),
    ("ISR", "Gaza", 31.5, 34.47, 0.5),
    ("LBN", "Beirut", 33.89, 35.5, 0.7),
    ("IRN", "Tehran", 35.69, 51.39, 3.0),
    ("MMR", "Mandalay", 21.97, 96.08, 2.5),
    ("PHL", "Marawi", 8.0, 124.29, 2.0),
    ("COL", "Cauca", 2.5, -76.6, 2.0),
    ("MEX", "Culiacan", 24.8, -107.39, 3.0),
    ("VEN", "Caracas", 10.48, -66.9, 2.0),
    ("HTI", "Port-au-Prince", 18.54, -72.34, 0.5),
    ("USA", "Washington", 38.9, -77.04, 6.0),
    ("FRA", "Paris", 48.86, 2.35, 2.0),
    ("GBR", "London", 51.5, -0.12, 1.5),
    ("CHN", "Beijing", 39.9, 116.4, 4.0),
]
TYPES = [  # PLOVER type, weight, CAMEO root, trigger, ACLED type
    ("ASSAULT", 20, "19", "attacked", "Battles"),
    ("ASSAULT", 8, "18", "shelled", "Explosions/Remote violence"),
    ("PROTEST", 10, "14", "protested against", "Protests"),
    ("COERCE", 8, "17", "arrested", "Strategic developments"),
    ("THREATEN", 6, "13", "threatened", None),
    ("MOBILIZE", 5, "15", "deployed troops against", "Strategic developments"),
    ("ACCUSE", 8, "11", "accused", None),
    ("CONSULT", 8, "04", "met", None),
    ("AGREE", 5, "03", "agreed with", None),
    ("SUPPORT", 4, "05", "praised", None),
    ("AID", 4, "07", "sent aid to", None),
    ("SANCTION", 4, "16", "imposed sanctions on", None),
    ("REQUEST", 4, "10", "demanded that", None),
    ("REJECT", 3, "12", "rejected", None),
    ("COOPERATE", 2, "06", "cooperated with", None),
    ("RETREAT", 1, "08", "withdrew from", None),
]
SECTORS = [
    ("GOV", "government"),
    ("MIL", "forces"),
    ("REB", "rebels"),
    ("COP", "police"),
    ("CVL", "civilians"),
    ("OPP", "opposition"),
]
WORDS = ["border", "village", "convoy", "checkpoint", "market", "ceasefire", "airport", "camp"]


def _list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _q(text: str | None) -> str:
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def build_store(path: Path, n: int, *, seed: int = 13) -> None:
    """A store at ``path`` with ``n`` generated events, one article each, in bulk SQL."""
    with Store.open(path) as store:
        store.con.execute("SET enable_progress_bar = false")
        store.con.execute("DELETE FROM events; DELETE FROM articles")
        types_expanded = [t for t in TYPES for _ in range(t[1])]
        countries = _list(
            [
                f"{{'c': {_q(c)}, 'p': {_q(p)}, 'lat': {lat}, 'lon': {lon}, 's': {s}}}"
                for c, p, lat, lon, s in COUNTRIES
            ]
        )
        types = _list(
            [
                f"{{'t': {_q(t)}, 'r': {_q(r)}, 'v': {_q(v)}, 'a': {_q(a)}}}"
                for t, _, r, v, a in types_expanded
            ]
        )
        sectors = _list([f"{{'code': {_q(c)}, 'word': {_q(w)}}}" for c, w in SECTORS])
        words = _list([_q(w) for w in WORDS])
        sql_of = {c.name: c.sql for c in event_columns()}
        h = f"hash(i + {seed} * 1000003)"
        base = f"""
        WITH g AS (
            SELECT i,
                {countries}[1 + ({h} % {len(COUNTRIES)})::INT] AS c,
                {countries}[1 + (hash(i * 7 + {seed}) % {len(COUNTRIES)})::INT] AS c2,
                {types}[1 + (hash(i * 13 + {seed}) % {len(types_expanded)})::INT] AS ty,
                {sectors}[1 + (hash(i * 17 + {seed}) % {len(SECTORS)})::INT] AS s1,
                {sectors}[1 + (hash(i * 19 + {seed}) % {len(SECTORS)})::INT] AS s2,
                {words}[1 + (hash(i * 23 + {seed}) % {len(WORDS)})::INT] AS w,
                DATE '2018-01-01' + ((hash(i * 29 + {seed}) % 2900)::INT) AS d,
                (hash(i * 31 + {seed}) % 1000)::INT AS r1,
                (hash(i * 37 + {seed}) % 1000)::INT AS r2,
                (hash(i * 41 + {seed}) % 1000)::INT AS r3
            FROM range({n}) r(i)
        ), s AS (
            SELECT *,
                c.c || ' ' || s1.word AS src_text,
                c2.c || ' ' || s2.word AS tgt_text,
                lpad(to_hex(i), 16, '0') AS article_id
            FROM g
        ), z AS (
            SELECT *,
                src_text || ' ' || ty.v || ' ' || tgt_text || ' at the ' || w || ' near '
                    || c.p || '.' AS sentence,
                length(src_text) + 1 AS trig_start,
                length(src_text) + 1 + length(ty.v) AS trig_end,
                length(src_text) + length(ty.v) + 2 AS tgt_start
            FROM s
        )
        """
        store.con.execute(
            base
            + """
            INSERT INTO articles BY NAME
            SELECT article_id AS id, sentence AS text,
                'https://news.example/' || article_id AS url,
                'Report ' || i AS title, d AS published, 'generated' AS source,
                'en' AS language, 'bench' AS source_file, i AS record, 1 AS n_events
            FROM z
            """
        )
        store.con.execute(
            base
            + f"""
            INSERT INTO events BY NAME
            SELECT
                substr(md5(article_id), 1, 16) AS event_id,
                article_id,
                0 AS sentence_index,
                sentence,
                ty.v AS trigger,
                trig_start AS trigger_start,
                trig_end AS trigger_end,
                ty.t AS plover_type,
                ty.r || '0' AS cameo_code,
                ty.r AS cameo_root,
                -10.0 + (r1 % 200) / 10.0 AS goldstein,
                1 + (r2 % 4) AS quad_class,
                ty.a AS acled_event_type,
                CAST([{{'text': src_text, 'code': c.c || s1.code, 'country': c.c,
                        'sector': s1.code, 'name': NULL, 'start': 0,
                        'end': length(src_text)}}] AS {sql_of["source_actors"]}) AS source_actors,
                CAST([{{'text': tgt_text, 'code': c2.c || s2.code, 'country': c2.c,
                        'sector': s2.code, 'name': NULL, 'start': tgt_start,
                        'end': tgt_start + length(tgt_text)}}] AS {sql_of["target_actors"]})
                    AS target_actors,
                CASE WHEN r3 < 900 THEN CAST({{
                    'name': c.p, 'geonameid': NULL,
                    'lat': c.lat + ((r1 - 500) / 500.0) * c.s,
                    'lon': c.lon + ((r2 - 500) / 500.0) * c.s,
                    'country': c.c, 'admin1': lpad(((r1 % 9) + 1)::VARCHAR, 2, '0'),
                    'admin2': NULL, 'precision': 'place',
                    'start': length(sentence) - length(c.p) - 1,
                    'end': length(sentence) - 1}} AS {sql_of["location"]}) END AS location,
                strftime(d, '%Y-%m-%d') AS date,
                'day' AS date_precision,
                CASE WHEN ty.t IN ('ASSAULT') AND r2 < 600
                     THEN CAST({{'best': r2 % 40, 'low': NULL, 'high': NULL, 'military': NULL,
                                 'civilian': NULL}} AS {sql_of["killed"]}) END AS killed,
                CASE WHEN ty.t IN ('ASSAULT', 'PROTEST') AND r3 < 400
                     THEN CAST({{'best': r3 % 60, 'low': NULL, 'high': NULL, 'military': NULL,
                                 'civilian': NULL}} AS {sql_of["injured"]}) END AS injured,
                r1 < 20 AS negated,
                r2 < 30 AS hypothetical,
                r3 < 50 AS historical,
                r1 > 980 AS future,
                0.3 + (r3 % 70) / 100.0 AS confidence,
                0.5 AS salience,
                1 AS schema_version,
                [] AS plover_context
            FROM z
            """
        )
        store.con.execute("CHECKPOINT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, *, cache: bool, workers: int = 1) -> subprocess.Popen[bytes]:
    code = (
        "from eventwire.serve import serve\n"
        f"serve({str(db)!r}, port={port}, workers={workers}, "
        f"cache_entries={512 if cache else 0}, log_level='warning')\n"
    )
    return subprocess.Popen([sys.executable, "-c", code])


def wait_ready(
    base: str, server: subprocess.Popen[bytes], *, workers: int = 1, timeout: float = 600
) -> dict:
    """The status once the server answers; with several processes, fresh connections (spread
    over the processes by the kernel) until every process surely answers."""
    deadline = time.monotonic() + timeout
    status = None
    while status is None and time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
        try:
            r = httpx.get(f"{base}/api/status", timeout=2)
            if r.status_code == 200:
                status = r.json()
        except httpx.HTTPError:
            time.sleep(0.25)
    if status is None:
        raise SystemExit("server did not start in time")
    # a connection to a process still building its snapshot waits in its socket's queue
    for _ in range(16 * (workers - 1)):
        r = httpx.get(f"{base}/api/status", timeout=max(1.0, deadline - time.monotonic()))
        r.raise_for_status()
        status = max(status, r.json(), key=lambda s: s["build_seconds"])
    return status


def random_params(rng: random.Random) -> dict[str, Any]:
    """A random filter mix like a dashboard user's."""
    p: dict[str, Any] = {"limit": rng.choice([20, 50, 100])}
    if rng.random() < 0.5:
        p["country"] = ",".join(rng.sample([c[0] for c in COUNTRIES], rng.choice([1, 1, 2, 3])))
    if rng.random() < 0.4:
        p["plover_type"] = rng.choice([t[0] for t in TYPES])
    if rng.random() < 0.5:
        start = 2018 + rng.randrange(8)
        month = 1 + rng.randrange(12)
        p["since"] = f"{start}-{month:02d}-01"
        p["until"] = f"{start + rng.choice([0, 0, 1])}-{month:02d}-28"
    if rng.random() < 0.2:
        p["killed_min"] = rng.choice([1, 5, 10, 20])
    if rng.random() < 0.1:
        p["q"] = rng.choice(WORDS)
    if rng.random() < 0.1:
        p["actor"] = rng.choice([c[0] for c in COUNTRIES]) + rng.choice(SECTORS)[0]
    if rng.random() < 0.15:
        c = rng.choice(COUNTRIES)
        p["bbox"] = f"{c[3] - 2},{c[2] - 2},{c[3] + 2},{c[2] + 2}"
    if rng.random() < 0.3:
        p["sort"] = rng.choice(["date", "-killed", "-confidence", "goldstein"])
    return p


class RawClient:
    """A minimal HTTP/1.1 keep-alive GET client on asyncio streams: it costs the load generator
    a small fraction of httpx's CPU per request, which matters when it shares the server's
    CPUs (the server's answers always carry Content-Length)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: dict[str, Any]) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        target = f"{path}?{urlencode(params)}" if params else path
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            body = await self.reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            await self.close()
            raise
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def next_cursor(body: bytes) -> str | None:
    """The page's ``next_cursor`` (it follows the events; raw JSON keys cannot occur in strings)."""
    at = body.rfind(b'"next_cursor":')
    if at == -1:
        return None
    value = body[at + 14 : body.find(b",", at)]
    return None if value == b"null" else json.loads(value)


async def load(
    base: str, *, clients: int, requests: int, seconds: float, seed: int, client: str = "raw"
) -> tuple[list[float], dict[str, int], float]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async def one(k: int, http: httpx.AsyncClient) -> None:
        nonlocal sent
        rng = random.Random(seed * 1000 + k)
        raw = RawClient(host, int(port)) if client == "raw" else None
        cursor_params: dict[str, Any] | None = None
        while sent < requests and time.monotonic() < deadline:
            sent += 1
            params = cursor_params or random_params(rng)
            started = time.perf_counter()
            try:
                if raw is not None:
                    status, body = await raw.get("/api/events", params)
                    nxt = next_cursor(body) if status == 200 else None
                else:
                    r = await http.get("/api/events", params=params)
                    status = r.status_code
                    nxt = r.json().get("next_cursor") if status == 200 else None
                elapsed = time.perf_counter() - started
                if status != 200:
                    errors[str(status)] = errors.get(str(status), 0) + 1
                    cursor_params = None
                    continue
                latencies.append(elapsed)
                # a third of the time the "user" pages on
                cursor_params = {**params, "cursor": nxt} if nxt and rng.random() < 0.33 else None
            except (httpx.HTTPError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                cursor_params = None
        if raw is not None:
            await raw.close()

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(one(k, http) for k in range(clients)))
    return latencies, errors, time.monotonic() - started


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (Linux /proc; just the process elsewhere)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in children.read_text().split())
            except OSError:
                pass
    return out


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and its descendants so far (Linux /proc), or None
    elsewhere."""
    total = 0.0
    for p in process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if p == pid:
                return None
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def connections_per_process(pid: int, port: int) -> list[int]:
    """How many established connections to ``port`` each process of the server holds, most
    first (Linux /proc; empty elsewhere): with several processes, the kernel's spread of the
    clients over them."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "01":  # ESTABLISHED
                inodes.add(fields[9])
    counts = []
    for p in process_tree(pid):
        try:
            fds = list(Path(f"/proc/{p}/fd").iterdir())
        except OSError:
            continue
        n = 0
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                n += 1
        if n:
            counts.append(n)
    return sorted(counts, reverse=True)


def peak_rss_mb(pid: int) -> list[float]:
    """Peak resident memory (VmHWM) of a process and each descendant, in MB, largest first
    (Linux /proc; empty elsewhere)."""
    out = []
    for p in process_tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                out.append(round(int(line.split()[1]) / 1024, 1))
    return sorted(out, reverse=True)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", type=Path, help="store to build or reuse (default: temporary)")
    parser.add_argument("--no-cache", action="store_true", help="turn the answer cache off")
    parser.add_argument(
        "--server-workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes answering on the port (`eventwire serve --workers`; default 1)",
    )
    parser.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="load generator: a minimal asyncio HTTP client (default) or httpx (several times "
        "the CPU per request, taken from the CPUs the server runs on)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        have = 0
        if db.exists():
            with duckdb.connect(str(db), read_only=True) as con:
                (have,) = con.execute("SELECT count(*) FROM events").fetchone()  # type: ignore[misc]
        t0 = time.monotonic()
        if have != args.events:
            build_store(db, args.events, seed=args.seed)
        build_s = time.monotonic() - t0
        size_mb = (
            os.path.getsize(db)
            + (os.path.getsize(f"{db}.wal") if os.path.exists(f"{db}.wal") else 0)
        ) / 1e6
        print(
            f"store: {args.events:,} events, {size_mb:.0f} MB, built in {build_s:.1f}s", flush=True
        )

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        t0 = time.monotonic()
        server = start_server(db, port, cache=not args.no_cache, workers=args.server_workers)
        try:
            status = wait_ready(base, server, workers=args.server_workers)
            ready_s = time.monotonic() - t0
            print(f"server ready in {ready_s:.1f}s (snapshot build {status['build_seconds']}s)")
            # warm-up, outside the timings
            asyncio.run(
                load(
                    base,
                    clients=4,
                    requests=40,
                    seconds=20,
                    seed=args.seed + 1,
                    client=args.client,
                )
            )
            cpu_before = cpu_seconds(server.pid)
            client_before = time.process_time()
            spread: list[int] = []  # the clients' connections per server process, once
            sampler = threading.Timer(
                2.0, lambda: spread.extend(connections_per_process(server.pid, port))
            )
            sampler.start()
            latencies, errors, wall = asyncio.run(
                load(
                    base,
                    clients=args.clients,
                    requests=args.requests,
                    seconds=args.seconds,
                    seed=args.seed,
                    client=args.client,
                )
            )
            cpu_after = cpu_seconds(server.pid)
            client_cpu = time.process_time() - client_before
            sampler.cancel()
            rss = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()

    ms = [x * 1000 for x in latencies]
    result = {
        "events": args.events,
        "clients": args.clients,
        "requests": len(ms) + sum(errors.values()),
        "ok": len(ms),
        "errors": errors,
        "rps": round(len(ms) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1) if ms else None,
        "server_cpu_ms_per_request": (
            round((cpu_after - cpu_before) * 1000 / len(ms), 2)
            if ms and cpu_before is not None and cpu_after is not None
            else None
        ),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / len(ms), 2) if ms else None,
        "client": args.client,
        "load_average": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
        "cache": not args.no_cache,
        "server_workers": args.server_workers,
        "server_peak_rss_mb": round(sum(rss), 1),
        "server_peak_rss_mb_each": rss,
        "connections_per_process": spread,
        "snapshot_build_s": status["build_seconds"],
        "server_ready_s": round(ready_s, 1),
    }
    print(
        f"{result['ok']} ok, {sum(errors.values())} errors {errors or ''} in {wall:.1f}s "
        f"({result['rps']} req/s); latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms; server CPU "
        f"{result['server_cpu_ms_per_request']} ms/request, load generator "
        f"{result['client_cpu_ms_per_request']} ms/request; load average "
        f"{result['load_average']} on {result['cpus']} CPUs; {args.server_workers} server "
        f"process(es), peak RSS {result['server_peak_rss_mb']} MB ({', '.join(map(str, rss))})"
        f"; client connections per process {spread or '?'}"
    )
    print(json.dumps(result))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
