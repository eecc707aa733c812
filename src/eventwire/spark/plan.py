"""Planning a Spark run on the driver: which inputs become which work units.

A work unit is read by one task. Local files and URLs are read on the executors; RSS/Atom feeds
are read on the driver, because a feed claims the saved pages it links to, which must then not
be read again as standalone HTML (exactly as ``eventwire.readers.Corpus`` does). Manifests (a
text file with one path or URL a line, as Common Crawl's ``warc.paths.gz``) expand into their
entries.
"""

from __future__ import annotations

import gzip
import heapq
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..readers import Origin, Record, expand_inputs
from ..readers.base import skip
from ..readers.feeds import read_feed

MANIFEST_SUFFIXES = (".paths", ".paths.gz", ".manifest", ".manifest.gz")
LOCAL_SCHEMES = ("", "file")
REMOTE_SIZE = 1 << 30  # bytes assumed for a URL (a CC-NEWS WARC file is about 1 GB)
READ_TASK_BYTES = 128 << 20  # small inputs share a read task up to about this many bytes


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """What one read task handles: a file or URL (``path``), or records the driver already read.

    ``index`` orders the units as the local run orders its inputs; among articles with the same
    id the one of the lowest ``(index, record)`` is coded, like the local store keeps the first.
    """

    index: int
    name: str  # as the local run names it (in origins and problems)
    path: str | None = None  # absolute: an executor's working folder is not the driver's
    records: tuple[Record, ...] = ()
    size: int = 0  # bytes, to balance read tasks


def is_remote(name: str) -> bool:
    """True for URLs a local filesystem cannot open (s3a://, https://, hdfs://, ...)."""
    scheme = urlparse(name).scheme
    return len(scheme) > 1 and scheme not in LOCAL_SCHEMES  # one letter: a Windows drive


def local_path(name: str) -> str:
    """A ``file:`` URL as a plain path; other names unchanged."""
    parsed = urlparse(name)
    return parsed.path if parsed.scheme == "file" else name


def is_manifest(name: str) -> bool:
    return name.lower().endswith(MANIFEST_SUFFIXES)


def read_local_lines(path: str) -> list[str]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return fh.readlines()


def manifest_entries(
    manifest: str,
    lines: Iterable[str],
    *,
    base_url: str | None = None,
) -> list[str]:
    """The paths or URLs a manifest lists (blank lines and ``#`` comments left out). Relative
    entries are joined to ``base_url``, else to the manifest's own folder."""
    if base_url is None:
        base_url = manifest.rsplit("/", 1)[0] + "/" if "/" in manifest else ""
    elif not base_url.endswith("/"):
        base_url += "/"
    entries = []
    for line in lines:
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not (is_remote(entry) or entry.startswith(("/", "file:"))):
            entry = base_url + entry
        entries.append(entry)
    return entries


def plan_inputs(
    inputs: Iterable[str],
    *,
    manifests: Iterable[str] = (),
    base_url: str | None = None,
    read_lines: Callable[[str], list[str]] | None = None,
) -> list[WorkUnit]:
    """Work units for the named inputs (files, folders, globs, URLs, manifests).

    ``read_lines`` reads a remote manifest (the Spark job passes Hadoop's ``textFile``, so
    ``s3a://`` and ``.gz`` work wherever the cluster has the file system).
    """
    names: list[str] = []
    for name in [*inputs, *(f"manifest:{m}" for m in manifests)]:
        forced = name.startswith("manifest:")
        name = name.removeprefix("manifest:")
        if forced or is_manifest(name):
            names.extend(_expand_manifest(name, base_url=base_url, read_lines=read_lines))
        else:
            names.append(name)
    local = [local_path(n) for n in names if not is_remote(n)]
    remote = list(dict.fromkeys(n for n in names if is_remote(n)))
    units: list[WorkUnit] = []
    files, missing = expand_inputs(local) if local else ([], [])
    for skipped in missing:
        records = ((Origin(skipped.source, None), skipped),)
        units.append(WorkUnit(len(units), skipped.source, records=records))
    consumed: set[Path] = set()
    for file in files:
        if file.path is not None and file.path.resolve() in consumed:
            continue  # a feed entry's saved page, read as that entry
        if file.format == "feed":
            records = tuple(_read_feed(file, consumed))
            units.append(WorkUnit(len(units), file.name, records=records, size=file.size))
        else:
            path = str(file.path.resolve()) if file.path is not None else file.name
            units.append(WorkUnit(len(units), file.name, path=path, size=file.size))
    units.extend(
        WorkUnit(len(units) + i, url, path=url, size=REMOTE_SIZE) for i, url in enumerate(remote)
    )
    return units


def pack_units(units: list[WorkUnit], *, min_tasks: int) -> list[list[WorkUnit]]:
    """Units grouped into read tasks of similar size: one task per large file (a WARC), small
    files together, at least ``min_tasks`` tasks when there are that many units."""
    total = sum(u.size for u in units)
    tasks = min(len(units), max(min_tasks, math.ceil(total / READ_TASK_BYTES)))
    if tasks <= 0:
        return []
    heap = [(0, i) for i in range(tasks)]
    bins: list[list[WorkUnit]] = [[] for _ in range(tasks)]
    for unit in sorted(units, key=lambda u: -u.size):
        load, i = heapq.heappop(heap)
        bins[i].append(unit)
        heapq.heappush(heap, (load + max(unit.size, 1), i))
    return bins


def _read_feed(file, consumed: set[Path]) -> Iterator[Record]:
    """A feed's records, a broken feed reported as one Skipped (as ``Corpus`` does)."""
    try:
        yield from read_feed(file, consumed)
    except Exception as e:  # noqa: BLE001 - one broken input must not end the batch
        yield skip(Origin(file.name, None), f"reader error: {type(e).__name__}: {e}")
    finally:
        file.close()


def _expand_manifest(
    name: str, *, base_url: str | None, read_lines: Callable[[str], list[str]] | None
) -> list[str]:
    from ..errors import InputError

    try:
        if is_remote(name):
            if read_lines is None:
                raise InputError(f"[E302] cannot read the remote manifest {name} here")
            lines = read_lines(name)
        else:
            lines = read_local_lines(local_path(name))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"[E303] cannot read manifest {name}: {e}") from e
    return manifest_entries(name, lines, base_url=base_url)
