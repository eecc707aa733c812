"""What lists and exports show of each event, kept as JSON text so a page costs no Python
object per value.

``DisplayRows`` holds, for row i of ``ev``, the JSON of its ``DISPLAY_COLUMNS`` values joined
by a 0x1F byte, which JSON escapes inside strings and so only ever separates values. A page of
rows is a slice per row, one split and one ``bytes %`` fill of a template that adds the keys:
about a tenth of the time of an Arrow ``take`` and ``to_pylist`` followed by encoding, in the
same memory as the Arrow columns it replaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import orjson
import pyarrow as pa

from .flat import DISPLAY_COLUMNS

SEP = b"\x1f"
# One event object with a %s per value (the keys hold no '%').
ROW_TEMPLATE = (
    "{" + ",".join(f"{orjson.dumps(c).decode()}:%s" for c in DISPLAY_COLUMNS) + "}"
).encode()
# The row texts, as DuckDB writes them (to_json is NULL for NULL; concat_ws would skip it).
ROW_SQL = (
    "concat_ws(chr(31), "
    + ", ".join(
        f"coalesce(to_json({'CAST(day AS VARCHAR)' if c == 'day' else c}), 'null')"
        for c in DISPLAY_COLUMNS
    )
    + ")"
)


class DisplayRows:
    """The display columns of every row of ``ev`` as JSON values, row i = rowid i."""

    def __init__(self, texts: pa.Array | pa.ChunkedArray) -> None:
        if not pa.types.is_large_string(texts.type):  # 64-bit offsets: no 2 GB limit
            texts = texts.cast(pa.large_string())
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks()
        self._texts = texts  # owns the buffers viewed below
        _, offsets, data = texts.buffers()
        self._offsets = np.frombuffer(offsets, dtype=np.int64)[
            texts.offset : texts.offset + len(texts) + 1
        ]
        self._data = memoryview(data if data is not None else b"")

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def nbytes(self) -> int:
        return int(self._texts.nbytes)

    def json(self, rowids: Sequence[int] | np.ndarray) -> bytes:
        """A JSON array of these rows' objects (keys in ``DISPLAY_COLUMNS`` order), in the
        order given."""
        n = len(rowids)
        if not n:
            return b"[]"
        at = np.asarray(rowids, dtype=np.int64)
        data = self._data
        starts = self._offsets[at].tolist()
        ends = self._offsets[at + 1].tolist()
        values = SEP.join([data[a:b] for a, b in zip(starts, ends, strict=True)]).split(SEP)
        return b"[" + b",".join([ROW_TEMPLATE] * n) % tuple(values) + b"]"

    def dicts(self, rowids: Sequence[int] | np.ndarray) -> list[dict[str, Any]]:
        """These rows as dictionaries, in the order given (for exports)."""
        return orjson.loads(self.json(rowids)) if len(rowids) else []
