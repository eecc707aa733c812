"""A corpus run: read every input, code the articles the store lacks, commit them in batches.

Reruns are idempotent: articles already stored (by id) are counted as ``already`` and never
coded again, so a run stopped by Ctrl-C, a crash or SIGKILL resumes where its last commit ended.

Committed articles are merged into incidents on a thread of the run's own, on a connection of
its own, while coding goes on (the coder processes are not held up), from the events the run
holds in memory; the last merge, at the end of the run, waits for it and takes the rest.
"""

from __future__ import annotations

import pickle
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventwireError, StageError
from ..model import Article, Event
from ..pool import CodingPool, chunks
from ..readers import Corpus, Origin, Skipped
from .db import DEFAULT_DB, Coded, Problem, Store, StoreError

if TYPE_CHECKING:
    from ..incidents.db import IncidentMerger
    from ..incidents.records import ArticleMeta

    Unmerged = list[tuple[ArticleMeta, Sequence[Event]]]

BATCH_SIZE = 100  # articles per transaction
COMMIT_SECONDS = 5.0  # ...or fewer, when this long has passed since the last commit
LOOKUP_CHUNK = 256  # articles read ahead per "which of these are stored?" query
# Committed articles are merged into incidents (in the background) when this many wait, when
# this long has passed since the last merge began, and at the end of a run. Each merge takes its
# articles in publication order and the incidents stay in memory between merges, so an article
# that arrives after a later-dated one has been merged joins incidents as a live feed would.
# Larger merges restore fewer incidents the merger let go (their articles come in publication
# order: at 10,000 articles in random date order, merges of 500 cost 1.7 times the CPU of
# merges of 2,000); the run holds the events of the articles waiting, pickled and compressed
# (some 3.5 KB an article).
# Near the end of an input of known size, a merge starts when as many articles wait as are left
# (at least TAIL_MERGE_ARTICLES), so the end-of-run merge, which nothing overlaps, stays small.
MERGE_ARTICLES = 2000
TAIL_MERGE_ARTICLES = 100
MERGE_SECONDS = 300.0
MAX_FAILURES_IN_A_ROW = 20
# A run's merges take their articles in chunks of this many (``update_incidents`` takes 500):
# within a chunk the merger holds every incident the chunk founds or restores besides those it
# keeps (HELD_INCIDENTS), and that peak stays in the run's process, as Python seldom hands
# freed memory back. At 10,000 generated articles, chunks of 125 lower it by some 140 MB for
# the same CPU; the incidents differ from those of chunks of 500 as two chunkings do anyway.
MERGE_CHUNK_ARTICLES = 125
RUN_MEMORY_LIMIT = "128MB"  # DuckDB's buffer pool during a run (it spills to disk beyond)

Coder = Callable[..., Iterator[tuple[Article, list[Event]]]]


@dataclass(frozen=True, slots=True)
class RunProgress:
    """Where a run stands. ``problems`` are the records skipped or failed since the last call."""

    processed: int
    events: int
    skipped: int
    failed: int
    already: int
    committed: int
    bytes_read: int
    bytes_total: int
    elapsed: float
    records_read: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def articles_per_second(self) -> float:
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def fraction(self) -> float | None:
        """Share of the whole run done (None when the input size is unknown): the share of
        input bytes read, scaled by the share of records read that are finished."""
        finished = self.processed + self.failed + self.skipped + self.already
        return _fraction(self.bytes_read, self.bytes_total, finished, self.records_read)


def _fraction(bytes_read: int, bytes_total: int, finished: int, records_read: int) -> float | None:
    if not bytes_total or not records_read:
        return None
    return min(1.0, bytes_read / bytes_total * finished / records_read)


def merge_size(finished: int, fraction: float | None) -> int:
    """How many committed articles to gather before a merge, ``finished`` records into an
    input of which ``fraction`` is done (None: unknown): as many as are estimated to be left,
    within TAIL_MERGE_ARTICLES and MERGE_ARTICLES."""
    if fraction is None or fraction <= 0.0:
        return MERGE_ARTICLES
    left = finished * (1.0 - fraction) / fraction
    return min(MERGE_ARTICLES, max(TAIL_MERGE_ARTICLES, round(left)))


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run did. ``status`` is "finished" or "interrupted"."""

    run_id: int
    db: str
    status: str
    processed: int
    events: int
    skipped: int
    failed: int
    already: int
    elapsed: float

    @property
    def articles_per_second(self) -> float:
        return self.processed / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def nothing_processed(self) -> bool:
        """True when no article was coded now or before (every input failed or was missing)."""
        return self.processed == 0 and self.already == 0


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a run after committing what was coded; ``summary`` says how far it got."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__("run interrupted")
        self.summary = summary


def _code_articles(articles: Iterable[Article], **options: Any) -> Iterator[tuple[Article, list]]:
    from ..api import code_articles

    return code_articles(articles, **options)


class _PooledCoder:
    """``code_articles`` over worker processes started once for the whole run (on first use)
    and kept when a failed article makes the run start a fresh coding stream."""

    def __init__(self, workers: int, dictionaries: Sequence[Path]) -> None:
        self._workers = workers
        self._dictionaries = dictionaries
        self._pool: CodingPool | None = None

    def __call__(self, articles: Iterable[Article], **_: Any) -> Iterator[tuple[Article, list]]:
        if self._pool is None:
            self._pool = CodingPool(self._workers, dictionaries=self._dictionaries)
        return self._pool.code(articles)

    def close(self, *, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.close(wait=wait)


def _merge_incidents(
    store: Store, articles: Unmerged, merger: IncidentMerger | None = None, **options: Any
) -> None:
    """Merge the events of these committed articles (and any an earlier run left pending)
    into incidents; ``merger`` (an ``IncidentMerger``) keeps the incidents of the run in memory
    from one merge to the next. ``options`` go to ``update_incidents``."""
    from ..incidents.db import update_incidents

    update_incidents(
        store, articles=articles, merger=merger, chunk_articles=MERGE_CHUNK_ARTICLES, **options
    )


class _Packed(Sequence[Event]):
    """An article's events kept pickled and compressed while they wait to be merged (a
    fourteenth of their memory as objects); iterating unpacks them. Never written anywhere."""

    __slots__ = ("_blob", "_n")

    def __init__(self, events: list[Event]) -> None:
        # zlib's fastest level takes a pickle to under a third, for 0.15 ms an article
        self._blob = zlib.compress(pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._n = len(events)

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events())

    def __getitem__(self, index: Any) -> Any:
        return self.events()[index]

    def events(self) -> list[Event]:
        # packed by this process, never read from outside
        return pickle.loads(zlib.decompress(self._blob))


def _unmerged(coded: Sequence[Coded]) -> Unmerged:
    """Committed articles as the merge takes them: metadata and (packed) events."""
    from ..incidents.records import ArticleMeta

    return [(ArticleMeta.of(item.article), _Packed(item.events)) for item in coded]


def _incident_merger() -> IncidentMerger:
    from ..incidents.db import IncidentMerger

    return IncidentMerger()


class _BackgroundMerge:
    """One merge at a time on a thread of its own, with a connection of its own (a DuckDB
    cursor), so committing and coding go on meanwhile. Its error is raised by ``wait``."""

    def __init__(self, store: Store, merger: IncidentMerger) -> None:
        self._store = Store(store.con.cursor(), store.path)
        self._merger = merger
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._stop = threading.Event()

    def start(self, articles: Unmerged) -> None:
        """Merge these committed articles (after the merge under way, if any)."""
        self.wait()
        self._thread = threading.Thread(
            target=self._merge, args=(list(articles),), name="eventwire-merge", daemon=True
        )
        self._thread.start()

    def _merge(self, articles: Unmerged) -> None:
        try:
            # no sweep: articles committed since are the next merge's, in its order
            _merge_incidents(
                self._store, articles, self._merger, sweep=False, stop=self._stop.is_set
            )
        except BaseException as e:  # noqa: BLE001 - handed to the main thread by wait()
            self._error = e

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def stop(self) -> None:
        """Finish the chunk under way and leave the rest pending (the next run merges it)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._error = None

    def close(self) -> None:
        self.stop()
        self._store.close()


@dataclass
class _Counts:
    started: float = field(default_factory=time.perf_counter)
    processed: int = 0
    events: int = 0
    skipped: int = 0
    failed: int = 0
    already: int = 0
    committed: int = 0
    records_read: int = 0

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def run_corpus(
    inputs: Iterable[str | Path],
    *,
    db: str | Path = DEFAULT_DB,
    workers: int = 1,
    dictionaries: Sequence[str | Path] = (),
    progress: Callable[[RunProgress], None] | None = None,
    batch_size: int = BATCH_SIZE,
    commit_seconds: float = COMMIT_SECONDS,
    stdin_format: str = "text",
    coder: Coder | None = None,
) -> RunSummary:
    """Code every article of ``inputs`` not yet in ``db`` and store articles, events, skipped
    records and the run itself. ``coder`` replaces ``eventwire.api.code_articles`` (tests)."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    names = [str(i) for i in inputs]
    folders = [Path(d) for d in dictionaries]
    pooled = _PooledCoder(workers, folders) if coder is None and workers > 1 else None
    coder = coder or pooled or _code_articles
    corpus = Corpus(names, stdin_format=stdin_format)
    counts = _Counts()
    problems: list[Problem] = []  # not yet committed
    reported: list[Problem] = []  # not yet reported
    batch: list[Coded] = []
    pending_ids: set[str] = set()  # read in this run, not yet committed or failed
    unmerged: Unmerged = []  # committed, not yet merged into incidents
    merger = _incident_merger()
    last_merge = time.monotonic()

    def report() -> None:
        if progress is None:
            return
        progress(
            RunProgress(
                processed=counts.processed,
                events=counts.events,
                skipped=counts.skipped,
                failed=counts.failed,
                already=counts.already,
                committed=counts.committed,
                bytes_read=corpus.bytes_read(),
                bytes_total=corpus.total_bytes,
                elapsed=counts.elapsed(),
                records_read=counts.records_read,
                problems=tuple(reported),
            )
        )
        reported.clear()

    def note(problem: Problem) -> None:
        problems.append(problem)
        reported.append(problem)
        if problem.kind == "failed":
            counts.failed += 1
        else:
            counts.skipped += 1
        report()

    def fresh_articles() -> Iterator[tuple[Origin, Article]]:
        for chunk in chunks(iter(corpus), LOOKUP_CHUNK):
            stored = store.known_ids(a.id for _, a in chunk if isinstance(a, Article))
            counts.records_read += len(chunk)
            for origin, item in chunk:
                if isinstance(item, Skipped):
                    note(Problem(item))
                elif item.id in stored or item.id in pending_ids:
                    counts.already += 1
                else:
                    pending_ids.add(item.id)
                    yield origin, item

    def failed(origin: Origin, article: Article, error: BaseException) -> None:
        pending_ids.discard(article.id)
        reason = f"coding failed: {type(error).__name__}: {error}"
        note(Problem(Skipped(origin.source, origin.record, " ".join(reason.split())), "failed"))

    def commit() -> None:
        if batch or problems:
            store.write_batch(run_id, batch, problems)
            unmerged.extend(_unmerged(batch))
            counts.committed += len(batch)
            pending_ids.difference_update(item.article.id for item in batch)
            batch.clear()
            problems.clear()

    def flush() -> None:
        nonlocal last_merge
        commit()
        if not unmerged:
            return
        finished = counts.processed + counts.failed + counts.skipped + counts.already
        done = _fraction(corpus.bytes_read(), corpus.total_bytes, finished, counts.records_read)
        due = len(unmerged) >= merge_size(finished, done)
        if due or time.monotonic() - last_merge >= MERGE_SECONDS:
            background.start(unmerged)
            unmerged.clear()
            last_merge = time.monotonic()

    def merge() -> None:
        background.wait()
        _merge_incidents(store, unmerged, merger)
        unmerged.clear()

    def summary(status: str) -> RunSummary:
        return RunSummary(
            run_id=run_id,
            db=str(db),
            status=status,
            processed=counts.processed,
            events=counts.events,
            skipped=counts.skipped,
            failed=counts.failed,
            already=counts.already,
            elapsed=counts.elapsed(),
        )

    with Store.open(db) as store:
        # DuckDB caches pages up to 80% of RAM by default; a run keeps memory steady instead.
        store.con.execute(f"SET memory_limit = '{RUN_MEMORY_LIMIT}'")
        run_id = store.start_run(
            inputs=names, workers=workers, dictionaries=[str(d) for d in folders]
        )
        last_commit = time.monotonic()
        background = _BackgroundMerge(store, merger)
        try:
            stream = _code_resiliently(
                fresh_articles(), coder, failed, n_process=workers, dictionaries=folders
            )
            for origin, article, events in stream:
                batch.append(Coded(origin, article, events))
                counts.processed += 1
                counts.events += len(events)
                if len(batch) >= batch_size or time.monotonic() - last_commit >= commit_seconds:
                    flush()
                    last_commit = time.monotonic()
                report()
            if pooled is not None:
                pooled.close()  # the workers' memory is free for the last merge
            flush()
            merge()  # also picks up events an interrupted earlier run left pending
            report()
        except KeyboardInterrupt as e:
            background.stop()  # ends with its chunk under way; the rest stays pending
            commit()  # no merge: the next run (or `eventwire incidents --update`) merges these
            store.finish_run(run_id, status="interrupted", already=counts.already)
            raise RunInterrupted(summary("interrupted")) from e
        except BaseException:
            background.stop()
            store.finish_run(run_id, status="failed", already=counts.already)
            raise
        finally:
            if pooled is not None:
                pooled.close(wait=False)
            background.close()
        store.finish_run(run_id, status="finished", already=counts.already)
        return summary("finished")


def _code_resiliently(
    items: Iterator[tuple[Origin, Article]],
    coder: Coder,
    on_failure: Callable[[Origin, Article, BaseException], None],
    **options: Any,
) -> Iterator[tuple[Origin, Article, list[Event]]]:
    """Code a stream in one go; when coding raises, blame the first article not yet returned,
    report it and go on with the rest in a fresh coder stream."""
    inflight: deque[tuple[Origin, Article]] = deque()  # handed to the coder, not yet returned
    retry: deque[tuple[Origin, Article]] = deque()

    def feed() -> Iterator[Article]:
        while True:
            item = retry.popleft() if retry else next(items, None)
            if item is None:
                return
            inflight.append(item)
            yield item[1]

    first = next(items, None)
    if first is None:
        return  # nothing to code: the coder (and its model) is never loaded
    retry.append(first)
    in_a_row = 0
    while True:
        stream = coder(feed(), **options)
        try:
            for article, events in stream:
                origin, fed = inflight.popleft()
                if fed.id != article.id:
                    raise StoreError(
                        f"[E206] the coder returned article {article.id} where {fed.id} was "
                        "expected; coders must keep input order"
                    )
                in_a_row = 0
                yield origin, article, list(events)
            return
        except EventwireError as e:
            if not isinstance(e, StageError) or not inflight:
                raise
            error: Exception = e
        except Exception as e:  # noqa: BLE001 - one article's failure must not end the run
            if not inflight:
                raise
            error = e
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        origin, article = inflight.popleft()
        on_failure(origin, article, error)
        in_a_row += 1
        if in_a_row >= MAX_FAILURES_IN_A_ROW:
            raise EventwireError(
                f"[E207] coding failed on {in_a_row} articles in a row; last error: "
                f"{type(error).__name__}: {error}"
            ) from error
        retry.extendleft(reversed(inflight))
        inflight.clear()
