"""Memory and CPU time of a process tree, read from /proc (Linux only), for the benchmarks.

``tree_rss_mb`` / ``tree_pss_mb`` sum the resident / proportional set size of a process and all
its descendants; ``tree_cpu_s`` sums the CPU time of a process's live descendants (finished,
reaped ones are in ``RUSAGE_CHILDREN`` instead); ``PeakSampler`` samples a tree's (or any set
of processes') RSS and PSS every 0.2 s (or PSS less often) in a thread and keeps the peaks.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB."""
    return sum(_rss_kb(pid) for pid in _tree(root)) / 1024


def tree_pss_mb(root: int) -> float:
    """Proportional set size of ``root`` and all its descendants (shared pages split), in MB."""
    return sum(_pss_kb(pid) for pid in _tree(root)) / 1024


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` (all its threads); 0 if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    # fields after the command name, which is in parentheses and may hold spaces: the 3rd
    # field (state) first, so utime (14th) and stime (15th) are at 11 and 12
    fields = text[text.rfind(")") + 2 :].split()
    try:
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (IndexError, ValueError):
        return 0.0


def tree_cpu_s(root: int) -> float:
    """User + system CPU seconds of the live descendants of ``root`` (not ``root`` itself)."""
    return sum(cpu_s(pid) for pid in _tree(root)[1:])


class PeakSampler:
    """Samples the summed RSS and PSS of a set of processes every ``interval`` seconds (PSS
    every ``pss_interval`` if given: reading it costs the reader CPU), from entering the
    ``with`` block to leaving it (once more at each end), and keeps the peaks (``peak_rss_mb``,
    ``peak_pss_mb``). The set is ``root``'s process tree, or what ``pids()`` returns at each
    sample (say, this process and one pool's workers)."""

    def __init__(
        self,
        root: int | None = None,
        *,
        pids: Callable[[], Iterable[int]] | None = None,
        interval: float = 0.2,
        pss_interval: float | None = None,
    ) -> None:
        if pids is None:
            if root is None:
                raise ValueError("give either root or pids")
            tree_root = root
            pids = lambda: _tree(tree_root)  # noqa: E731
        elif root is not None:
            raise ValueError("give either root or pids, not both")
        self._pids = pids
        self.interval = interval
        self._pss_every = max(1, round((pss_interval or interval) / interval))
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        #: CPU seconds the sampling thread took (reading PSS is not free: ~15 ms per GB)
        self.thread_cpu_s = 0.0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def sample(self, *, pss: bool = True) -> None:
        pids = list(self._pids())
        self.peak_rss_mb = max(self.peak_rss_mb, sum(_rss_kb(p) for p in pids) / 1024)
        if pss:
            self.peak_pss_mb = max(self.peak_pss_mb, sum(_pss_kb(p) for p in pids) / 1024)

    def _run(self) -> None:
        start = time.thread_time()
        n = 0
        while not self._done.wait(self.interval):
            n += 1
            self.sample(pss=n % self._pss_every == 0)
        self.thread_cpu_s += time.thread_time() - start

    def start(self) -> PeakSampler:
        self.sample()
        self._done.clear()
        self._thread = threading.Thread(target=self._run, name="peak-sampler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.sample()

    def __enter__(self) -> PeakSampler:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
