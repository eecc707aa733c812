"""What runs on the executors: reading work units into records, and coding a partition.

Coding uses the library exactly as the local runner does (``eventwire.api.code_articles``); the
spaCy pipeline is loaded once per Python worker (``load_nlp`` is cached per process) and the
stages are built once per partition at most (the default stages are cached per process too).
A record that fails is counted and reported with its reason; it never fails the task.
"""

from __future__ import annotations

import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from ..errors import EventwireError, StageError
from ..model import Article, Event
from ..pipeline import Stage
from ..readers import Corpus, Origin, Record, Skipped
from ..readers.base import one_line, skip
from .fetch import FetchError, fetch
from .plan import WorkUnit, is_remote
from .schema import article_row, event_rows, problem_row

COUNTER_NAMES = ("records", "articles", "events", "skipped", "duplicates", "failed")
_SKIP_KEY = "\x00skipped:"

StageFactory = Callable[[], Sequence[Stage]]
Coder = Callable[[Iterable[Article]], Iterator[tuple[Article, list[Event]]]]
# (id or skipped-key, unit index, record number) -> (origin, article or skipped)
Keyed = tuple[tuple[str, int, int], tuple[Origin, Article | Skipped]]
Tagged = tuple[str, tuple[Any, ...]]


class Counters:
    """Spark accumulators counting records read, articles coded, events, skipped, duplicate
    and failed records. Created on the driver, added to on the executors."""

    def __init__(self, accumulators: dict[str, Any]) -> None:
        self._acc = accumulators

    @classmethod
    def create(cls, sc: Any) -> Counters:
        return cls({name: sc.accumulator(0) for name in COUNTER_NAMES})

    def add(self, name: str, n: int = 1) -> None:
        self._acc[name].add(n)

    def values(self) -> dict[str, int]:
        """The totals (on the driver, after an action)."""
        return {name: int(acc.value) for name, acc in self._acc.items()}


def partition_of(key: tuple[str, int, int]) -> int:
    """A stable partition hash of a record's id (Python's own ``hash`` of str is salted)."""
    return zlib.crc32(key[0].encode("utf-8", "surrogatepass"))


def read_unit(unit: WorkUnit) -> Iterator[Record]:
    """The records of one work unit; a unit that cannot be read gives one Skipped."""
    if unit.path is None:
        yield from unit.records
        return
    try:
        if is_remote(unit.path):
            yield from _read_remote(unit)
        else:
            yield from _renamed(Corpus([unit.path]), unit.name)
    except Exception as e:  # noqa: BLE001 - one broken input must not end the job
        yield skip(Origin(unit.name, None), f"reader error: {type(e).__name__}: {e}")


def _read_remote(unit: WorkUnit) -> Iterator[Record]:
    with tempfile.TemporaryDirectory(prefix="eventwire-") as folder:
        try:
            path = fetch(unit.path or unit.name, Path(folder))
        except FetchError as e:
            yield skip(Origin(unit.name, None), str(e))
            return
        yield from _renamed(Corpus([str(path)]), unit.name)


def _renamed(records: Iterable[Record], name: str) -> Iterator[Record]:
    """Records of one input file, named as the unit names it."""
    for origin, item in records:
        if isinstance(item, Skipped):
            item = Skipped(name, item.record, item.reason)
        yield Origin(name, origin.record), item


def keyed_records(units: Iterable[WorkUnit], *, counters: Counters) -> Iterator[Keyed]:
    """The records of a read task's units keyed for the shuffle: by article id, so that
    duplicates meet in one partition, in input order."""
    for unit in units:
        for origin, item in read_unit(unit):
            counters.add("records")
            record = origin.record or 0
            if isinstance(item, Skipped):
                counters.add("skipped")
                yield (f"{_SKIP_KEY}{item.source}", unit.index, record), (origin, item)
            else:
                yield (item.id, unit.index, record), (origin, item)


@lru_cache(maxsize=4)
def _default_stages(dictionaries: tuple[str, ...]) -> tuple[Stage, ...]:
    from ..api import default_stages

    return tuple(default_stages(dictionaries=[Path(d) for d in dictionaries]))


def build_stages(make_stages: StageFactory | None, dictionaries: Sequence[str]) -> list[Stage]:
    if make_stages is not None:
        return list(make_stages())
    return list(_default_stages(tuple(dictionaries)))


def code_partition(
    items: Iterator[Keyed],
    *,
    counters: Counters,
    make_stages: StageFactory | None = None,
    dictionaries: Sequence[str] = (),
) -> Iterator[Tagged]:
    """Code one partition (sorted by key) into tagged rows: ("event", row), ("article", row)
    and ("problem", row). The first of several records with the same article id is coded."""
    from ..api import code_articles

    problems: deque[Tagged] = deque()  # skipped records met while feeding the coder
    last_id: list[str | None] = [None]

    def articles() -> Iterator[tuple[Origin, Article]]:
        for _, (origin, item) in items:
            if isinstance(item, Skipped):
                problems.append(("problem", problem_row(item, "skipped")))
            elif item.id == last_id[0]:
                counters.add("duplicates")
            else:
                last_id[0] = item.id
                yield origin, item

    def drain() -> Iterator[Tagged]:
        while problems:
            yield problems.popleft()

    stream = articles()
    first = next(stream, None)
    if first is None:
        yield from drain()
        return
    stages = build_stages(make_stages, dictionaries)

    def coder(batch: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        return code_articles(batch, stages=stages, n_process=1)

    for origin, article, result in code_resiliently(chain([first], stream), coder):
        yield from drain()
        if isinstance(result, Exception):
            yield _failed(origin, result, counters)
            continue
        try:
            rows = event_rows(article, result)
            summary = article_row(article, origin, len(result))
        except Exception as e:  # noqa: BLE001 - one record's bad value must not end the job
            yield _failed(origin, e, counters, what="writing its events failed")
            continue
        counters.add("articles")
        counters.add("events", len(rows))
        for row in rows:
            yield "event", row
        yield "article", summary
    yield from drain()


def _failed(
    origin: Origin, error: BaseException, counters: Counters, *, what: str = "coding failed"
) -> Tagged:
    counters.add("failed")
    reason = one_line(f"{what}: {type(error).__name__}: {error}")
    return "problem", problem_row(Skipped(origin.source, origin.record, reason), "failed")


def code_resiliently(
    items: Iterator[tuple[Origin, Article]], coder: Coder
) -> Iterator[tuple[Origin, Article, list[Event] | Exception]]:
    """Code a stream in one go. When the coder raises, the articles it held (read, not yet
    returned) are coded one at a time, so only the guilty one is reported, with its error;
    then streaming resumes. Errors that are not about a record (a missing model) propagate."""
    inflight: deque[tuple[Origin, Article]] = deque()
    upstream: list[BaseException] = []

    def feed() -> Iterator[Article]:
        while True:
            try:
                item = next(items)
            except StopIteration:
                return
            except BaseException as e:  # noqa: BLE001 - re-raised below, outside the coder
                upstream.append(e)
                return
            inflight.append(item)
            yield item[1]

    while True:
        stream = coder(feed())
        error: Exception | None = None
        try:
            for article, events in stream:
                origin, fed = inflight.popleft()
                if fed.id != article.id:
                    raise StageError(
                        f"[E304] the coder returned article {article.id} where {fed.id} was "
                        "expected; coders must keep input order"
                    )
                yield origin, fed, list(events)
        except Exception as e:  # noqa: BLE001 - judged below: one record's or everyone's
            if (isinstance(e, EventwireError) and not isinstance(e, StageError)) or not inflight:
                raise
            error = e
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        if upstream:
            raise upstream[0]
        if error is None:
            return
        suspects = list(inflight)
        inflight.clear()
        for origin, article in suspects:
            yield origin, article, _code_alone(coder, article)


def _code_alone(coder: Coder, article: Article) -> list[Event] | Exception:
    try:
        for _, events in coder(iter([article])):
            return list(events)
    except EventwireError as e:
        if not isinstance(e, StageError):
            raise
        return e
    except Exception as e:  # noqa: BLE001 - this article's failure, reported with its reason
        return e
    return StageError(f"[E305] the coder returned nothing for article {article.id}")
