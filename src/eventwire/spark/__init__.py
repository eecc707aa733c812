"""The eventwire pipeline on Apache Spark (``pip install 'eventwire[spark]'``).

``run_spark(spark, inputs, output=...)`` reads WARC/JSONL/text/HTML/feed inputs, folders and
manifests (one path or URL a line, as Common Crawl's ``warc.paths.gz``), codes every article
with the same library code as the local runner inside ``mapPartitions``, and writes Parquet:
``events/`` (the store's events columns and the event's day ``event_date``, partitioned by
``event_month``), ``articles/``,
``problems/`` (skipped and failed records with their reasons) and ``incidents/``.

Command line: ``eventwire spark`` or ``python -m eventwire.spark``; the application file for
``spark-submit`` is ``eventwire/spark/submit.py`` (see docs/spark.md).
"""

from __future__ import annotations

from .job import SparkJobError, SparkSummary, output_path, run_spark, spark_session
from .plan import WorkUnit, plan_inputs
from .worker import COUNTER_NAMES, Counters

__all__ = [
    "COUNTER_NAMES",
    "Counters",
    "SparkJobError",
    "SparkSummary",
    "WorkUnit",
    "output_path",
    "plan_inputs",
    "run_spark",
    "spark_session",
]
