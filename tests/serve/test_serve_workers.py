"""`eventwire serve --workers N`: real server processes on one port, stopped by Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from eventwire.cli import EXIT_FAILED, main
from eventwire.serve import ServeError
from eventwire.serve.workers import listening_sockets


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            todo.extend(int(c) for c in children.read_text().split())
    return out


def running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def start(db: Path, port: int, tmp: Path, workers: int = 2) -> subprocess.Popen[str]:
    """`eventwire serve` in its own process group, as a terminal runs it (temp files in
    ``tmp``)."""
    return subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)]
        + ["--workers", str(workers)],
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_until_up(server: subprocess.Popen[str], base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()
        try:
            if httpx.get(f"{base}/api/status", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer in time")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").exists(), reason="reads processes from /proc")
def test_two_processes_answer_on_one_port_and_stop_on_ctrl_c(store_path, cases, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(store_path, port, tmp_path)
    try:
        wait_until_up(server, base)
        pids = process_tree(server.pid)
        assert len(pids) >= 3  # the supervisor and its two server processes
        syrian = {e.event_id for a, e in cases if e.location and e.location.country == "SYR"}
        article, event = cases[0]
        # fresh connections, which the kernel spreads over both processes
        for _ in range(12):
            page = httpx.get(f"{base}/api/events", params={"country": "SYR"}, timeout=60)
            assert page.status_code == 200, page.text
            assert {e["event_id"] for e in page.json()["events"]} == syrian
            one = httpx.get(f"{base}/api/events/{event.event_id}", timeout=60)
            assert one.status_code == 200, one.text
            assert one.json()["event_id"] == event.event_id
            assert one.json()["article"]["url"] == article.url
            assert one.json()["highlights"]
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C signals the terminal's process group
        try:
            _, err = server.communicate(timeout=90)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
    assert server.returncode == 0, err
    assert err.count("Application startup complete") == 2, err
    assert err.count("Application shutdown complete") == 2, err
    deadline = time.monotonic() + 10  # (multiprocessing's resource tracker exits just after)
    while [p for p in pids if running(p)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [cmdline(p) for p in pids if running(p)]
    assert not list(tmp_path.glob("eventwire-serve-*"))  # copies and work folder removed


@pytest.mark.slow
def test_processes_that_cannot_start_stop_the_server(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t (x INT)")
    server = start(path, free_port(), tmp_path)
    _, err = server.communicate(timeout=120)
    assert server.returncode == EXIT_FAILED
    assert "E503" in err and "E511" in err
    assert not list(tmp_path.glob("eventwire-serve-*"))


def test_the_cli_help_names_the_default_number_of_processes(capsys):
    from eventwire.serve import DEFAULT_WORKERS

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert f"(default {DEFAULT_WORKERS})" in " ".join(capsys.readouterr().out.split())


def test_workers_must_be_at_least_one(store_path, capsys):
    assert main(["serve", "--db", str(store_path), "--workers", "0"]) == EXIT_FAILED
    assert "E510" in capsys.readouterr().err


def test_a_port_in_use_is_refused_before_any_process_starts():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=r"\[E512\]"):
            listening_sockets("127.0.0.1", port, 2)


def test_listening_sockets_share_a_port():
    sockets = listening_sockets("127.0.0.1", 0, 3)
    try:
        ports = {s.getsockname()[1] for s in sockets}
        assert len(sockets) == 3 and len(ports) == 1 and ports != {0}
    finally:
        for s in set(sockets):
            s.close()
