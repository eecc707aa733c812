"""Several server processes answering on one port.

The parent binds one listening socket per process on the same address with ``SO_REUSEPORT``,
so the kernel spreads new connections evenly over the processes; with one socket that every
process accepts from, whichever process wakes first takes a whole burst (50 connections opened
at once landed 42 and 8). The parent restarts a process that dies, and on Ctrl-C or SIGTERM
stops them all and waits for them. Where ``SO_REUSEPORT`` is missing they share one socket.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import signal
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from .copies import ServeError

log = logging.getLogger(__name__)

STARTUP_FAILURE = 3  # uvicorn's exit code when the app cannot start (bad store, no snapshot)
# How long a process may take to stop: to finish its requests and close its snapshots. One
# still building its first snapshot (≈ 30 s at 1M events) only stops once it has, so it is
# killed then: it holds nothing but its copy of the store, which the parent removes.
STOP_SECONDS = 10
BACKLOG = 2048  # uvicorn's default
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _free(host: str, port: int, family: socket.AddressFamily) -> int:
    """Check that nothing listens on the port, and pick one for port 0: a socket without
    ``SO_REUSEPORT`` fails to bind where any other listens, while ours would join it."""
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return int(probe.getsockname()[1])


def listening_sockets(host: str, port: int, n: int) -> list[socket.socket]:
    """One listening socket per process, all on ``host:port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    reuse_port = getattr(socket, "SO_REUSEPORT", None)
    sockets: list[socket.socket] = []
    try:
        port = _free(host, port, family)
        for _ in range(n if reuse_port is not None else 1):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuse_port is not None:
                sock.setsockopt(socket.SOL_SOCKET, reuse_port, 1)
            sock.bind((host, port))
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
    except OSError as e:
        for sock in sockets:
            sock.close()
        raise ServeError(f"[E512] cannot listen on {host}:{port}: {e}") from e
    return sockets if len(sockets) == n else sockets * n


def _serve_one(factory: Callable[[], Any], options: dict[str, Any], sock: socket.socket) -> None:
    """A process's life: uvicorn serving the app ``factory`` builds on the given socket (it
    exits with ``STARTUP_FAILURE`` when the app cannot start)."""
    import uvicorn

    config = uvicorn.Config(factory, factory=True, **options)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn raises the Ctrl-C it handled again once it has stopped


def run_workers(
    factory: Callable[[], Any], *, host: str, port: int, workers: int, options: dict[str, Any]
) -> None:
    """Serve the app of ``factory`` (picklable: each process calls it) from ``workers``
    processes until Ctrl-C or SIGTERM; ``options`` are uvicorn's."""
    sockets = listening_sockets(host, port, workers)
    context = multiprocessing.get_context("spawn")  # no threads or DuckDB state inherited
    stop = threading.Event()

    def start(k: int) -> multiprocessing.process.BaseProcess:
        process = context.Process(
            target=_serve_one, args=(factory, options, sockets[k]), name=f"eventwire-serve-{k}"
        )
        process.start()
        return process

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in STOP_SIGNALS}
    processes: list[multiprocessing.process.BaseProcess] = []
    failed = False
    try:
        processes = [start(k) for k in range(workers)]
        while not stop.is_set():
            multiprocessing.connection.wait([p.sentinel for p in processes], timeout=0.5)
            for k, process in enumerate(processes):
                if process.exitcode is None or stop.is_set():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    failed = True
                    stop.set()
                    break
                log.warning(
                    "server process %s exited with %s; starting another",
                    process.pid,
                    process.exitcode,
                )
                processes[k] = start(k)
    finally:
        _stop_all(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sock in set(sockets):
            sock.close()
    if failed:
        raise ServeError("[E511] the server's processes could not start; see the log above")


def _stop_all(processes: list[multiprocessing.process.BaseProcess]) -> None:
    """SIGTERM (uvicorn then finishes its requests and the app closes its snapshots), then
    SIGKILL for any process still running after ``STOP_SECONDS``."""
    for process in processes:
        if process.exitcode is None:
            process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.exitcode is None:
            process.kill()
            process.join()
