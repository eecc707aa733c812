"""Coding in worker processes: each worker splits, parses and codes whole articles.

The parent only hands out chunks of articles and takes their events back, in input order, so
what it does besides (reading inputs, storing, merging incidents) never holds the coding up.
Each worker loads the parser and the coding stages once (or shares those the parent had
loaded) and ignores Ctrl-C, which the parent handles. A worker whose parent is gone stops by
itself, so a killed run leaves no workers behind. Workers are forked where the system can (as
spaCy's own ``n_process`` does): a spawned worker would run the caller's script again, which
breaks scripts that call ``code_articles`` without an ``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import count, islice
from pathlib import Path
from typing import Any, TypeVar

from .errors import EventwireError, StageError
from .model import Article, Event

T = TypeVar("T")

#: Articles per task: enough sentences for the parser to batch, few enough to keep order cheap.
CHUNK_SIZE = 16
#: Tasks handed out per worker beyond the one it codes, so none waits between chunks.
AHEAD_PER_WORKER = 3
#: How often a waiting side looks whether the other is still there (seconds).
POLL_SECONDS = 1.0
STOP_SECONDS = 5.0
STARTUP = -1  # the sequence number of a worker's startup failure
READY = -2  # ... of a worker's word that it has loaded


class WorkerError(StageError):
    """Coding failed in a worker process: the article whose turn it was is to blame, the
    others go on."""


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a worker could not code an article (exceptions need not survive pickling)."""

    kind: str
    message: str


class CodingPool:
    """``n_process`` worker processes coding chunks of articles; ``code`` yields (article,
    events) pairs in input order, like ``eventwire.api.code_articles``. Use it as a context
    manager (or call ``close``) so the workers stop when it is done."""

    def __init__(
        self,
        n_process: int,
        *,
        dictionaries: Sequence[Path | str] = (),
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        if n_process < 1:
            raise ValueError(f"n_process must be at least 1, not {n_process}")
        self.n_process = n_process
        self.chunk_size = chunk_size
        self._dictionaries = tuple(str(d) for d in dictionaries)
        fork = "fork" in multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if fork else "spawn")
        self._sequence = count()
        self._workers: list[Any] = []
        self._start()

    @property
    def pids(self) -> list[int]:
        """Process ids of the workers."""
        return [w.pid for w in self._workers]

    def wait_ready(self) -> None:
        """Wait until every worker has loaded the parser and the stages (``code`` need not:
        it starts as soon as one has)."""
        while self._ready < len(self._workers):
            self._receive(until_ready=True)

    def _start(self) -> None:
        self._ready = 0
        self._tasks = self._context.Queue()
        self._results = self._context.Queue()
        self._workers = [
            self._context.Process(
                target=_work,
                args=(self._tasks, self._results, self._dictionaries),
                name=f"eventwire-coder-{k}",
                daemon=True,
            )
            for k in range(self.n_process)
        ]
        for worker in self._workers:
            worker.start()

    def code(
        self, articles: Iterable[Article], **_options: Any
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles; yields (article, events) in input order. A failed article
        raises ``WorkerError`` when its turn comes; the pool stays usable for a new stream."""
        batches = chunks(iter(articles), self.chunk_size)
        sent: dict[int, list[Article]] = {}  # handed out, in order
        done: dict[int, list[list[Event] | Failure]] = {}
        ahead = self.n_process * (1 + AHEAD_PER_WORKER)
        try:
            while True:
                while len(sent) < ahead and (chunk := next(batches, None)) is not None:
                    number = next(self._sequence)
                    self._tasks.put((number, chunk))
                    sent[number] = chunk
                if not sent:
                    return
                first = next(iter(sent))
                while first not in done:
                    number, outcome = self._receive()
                    if number in sent:  # else left over from a stream given up on
                        done[number] = outcome
                chunk = sent.pop(first)
                for article, result in zip(chunk, done.pop(first), strict=True):
                    if isinstance(result, Failure):
                        raise WorkerError(
                            f"[E011] coding article {article.id} failed: {result.kind}: "
                            f"{result.message}"
                        )
                    yield article, result
        finally:
            self._drop_waiting()

    def _receive(self, *, until_ready: bool = False) -> tuple[int, Any]:
        while True:
            if until_ready and self._ready >= len(self._workers):
                return READY, None
            try:
                number, outcome = self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = [w for w in self._workers if not w.is_alive()]
                if dead:
                    self._restart()
                    raise WorkerError(
                        f"[E012] a coding worker process ended unexpectedly (exit code "
                        f"{dead[0].exitcode}: killed, or out of memory?); the articles it held "
                        "are reported as failed and the rest are coded in fresh workers"
                    ) from None
                continue
            if number == STARTUP:
                self.close()
                raise EventwireError(outcome.message)
            if number == READY:
                self._ready += 1
                continue
            return number, outcome

    def _drop_waiting(self) -> None:
        """Take back tasks no worker has started (their stream was given up on)."""
        try:
            while True:
                self._tasks.get_nowait()
        except (queue.Empty, OSError, ValueError):
            pass

    def _restart(self) -> None:
        # a worker killed while taking a task may leave the queue locked: start afresh
        self._stop(wait=False)
        self._start()

    def _stop(self, *, wait: bool) -> None:
        if wait:
            for _ in self._workers:
                self._tasks.put(None)
            for worker in self._workers:
                worker.join(STOP_SECONDS)
        for worker in self._workers:
            if worker.is_alive():
                worker.terminate()
                worker.join(STOP_SECONDS)
        for q in (self._tasks, self._results):
            q.cancel_join_thread()
            q.close()
        self._workers = []

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers: idle ones at once, one still coding when its chunk is done (or
        after a few seconds); with ``wait=False`` (Ctrl-C, an error) without waiting."""
        if self._workers:
            self._stop(wait=wait)

    def __enter__(self) -> CodingPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        self.close(wait=kind is None)


def chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), taken as they are asked for."""
    while chunk := list(islice(items, size)):
        yield chunk


def _work(tasks: Any, results: Any, dictionaries: tuple[str, ...]) -> None:
    """A worker's life: load the coder, then code chunks until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    try:
        code = _chunk_coder([Path(d) for d in dictionaries])
    except Exception as e:  # noqa: BLE001 - the parent reports it
        message = str(e) if isinstance(e, EventwireError) else f"{type(e).__name__}: {e}"
        results.put((STARTUP, Failure(type(e).__name__, message)))
        return
    results.put((READY, None))
    while True:
        try:
            task = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return
            continue
        if task is None:
            return
        number, chunk = task
        results.put((number, code(chunk)))


def _chunk_coder(dictionaries: list[Path]):
    """A function coding a chunk of articles in this process: events per article, or the
    Failure of an article that could not be coded (the chunk is then coded one by one)."""
    from .api import coding_prefilter, default_stages
    from .nlp import load_nlp, parse_articles
    from .pipeline import run_stages

    stages = default_stages(dictionaries=dictionaries)
    prefilter = coding_prefilter(stages)
    load_nlp()

    def coded(articles: list[Article]) -> list[list[Event]]:
        docs = parse_articles(articles, prefilter=prefilter)
        return [run_stages(doc, stages).events for doc in docs]

    def code(chunk: list[Article]) -> list[list[Event] | Failure]:
        try:
            return list(coded(chunk))
        except Exception:  # noqa: BLE001 - find the article to blame
            pass
        out: list[list[Event] | Failure] = []
        for article in chunk:
            try:
                out.extend(coded([article]))
            except Exception as e:  # noqa: BLE001 - reported in the parent, in order
                out.append(Failure(type(e).__name__, " ".join(str(e).split())))
        return out

    return code
