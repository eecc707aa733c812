"""Copying a remote input (https, s3/s3a, anything fsspec knows) to a local temporary file.

Executors read WARC files the way cc-pyspark does: download to local disk, then stream the
records. ``s3://`` and ``s3a://`` use boto3 (credentials from the usual AWS chain), ``http(s)://``
the standard library, other schemes fsspec; whichever is missing is reported per input.
"""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlparse

CHUNK = 1 << 20
TIMEOUT_SECONDS = 120


class FetchError(OSError):
    """A remote input could not be copied to local disk."""


def local_name(url: str) -> str:
    """The file name a URL's content is saved under: its last path segment (keeps .warc.gz)."""
    segment = unquote(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1])
    return segment or "input"


def fetch(url: str, folder: Path) -> Path:
    """Download ``url`` into ``folder`` and return the local path."""
    target = folder / local_name(url)
    parsed = urlparse(url)
    try:
        with open(target, "wb") as out:
            if parsed.scheme in ("http", "https"):
                _http(url, out)
            elif parsed.scheme in ("s3", "s3a", "s3n"):
                _s3(parsed.netloc, parsed.path.lstrip("/"), out)
            else:
                _fsspec(url, out)
    except FetchError:
        raise
    except Exception as e:  # noqa: BLE001 - network and client libraries raise anything
        raise FetchError(f"cannot fetch {url}: {type(e).__name__}: {e}") from e
    return target


def _http(url: str, out: BinaryIO) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "eventwire-spark"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        shutil.copyfileobj(response, out, CHUNK)


def _s3(bucket: str, key: str, out: BinaryIO) -> None:
    try:
        import boto3
    except ImportError as e:
        raise FetchError(
            "reading s3:// inputs on executors needs boto3 (pip install boto3 on every node)"
        ) from e
    boto3.client("s3").download_fileobj(bucket, key, out)


def _fsspec(url: str, out: BinaryIO) -> None:
    try:
        import fsspec
    except ImportError as e:
        raise FetchError(
            f"no reader for {urlparse(url).scheme}:// inputs; install fsspec (and its "
            "file-system package) on every node, or use https:// or s3:// URLs"
        ) from e
    with fsspec.open(url, "rb") as source:
        shutil.copyfileobj(source, out, CHUNK)
