"""Parquet with typed columns: Event records and lists as Parquet structs and lists, dates as
dates, plus the article's metadata as ``article_*`` columns."""

from __future__ import annotations

from typing import IO

import pyarrow.parquet as pq

from ..db import Store
from ..query import EventFilter, arrow_batches

MEDIA_TYPE = "application/vnd.apache.parquet"


def export(store: Store, flt: EventFilter, out: IO[bytes]) -> int:
    reader = arrow_batches(store, flt)
    n = 0
    with pq.ParquetWriter(out, reader.schema, compression="zstd") as writer:
        for batch in reader:
            if batch.num_rows:
                writer.write_batch(batch)
                n += batch.num_rows
    return n
