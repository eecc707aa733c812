"""The Spark job: plan on the driver, read per input file, shuffle by article id, code each
partition with the library, write partitioned Parquet, merge incidents as a last stage."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventwireError, InputError
from .incidents import incident_stage
from .plan import WorkUnit, is_remote, pack_units, plan_inputs
from .schema import DAY_COLUMN, KINDS, PARTITION_COLUMN, tagged_schema
from .worker import Counters, StageFactory, code_partition, keyed_records, partition_of

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger("eventwire.spark")

OUTPUTS = ("events", "articles", "problems", "incidents")
WRITE_MODES = ("errorifexists", "overwrite")
PARTITIONS_PER_CORE = 4  # small partitions balance the cores; one costs little
READ_TASKS_PER_CORE = 2
# In local mode the one JVM only moves rows between the Python workers and Parquet; its C2 JIT
# compiler spent more CPU compiling Spark than the compiled code saved (half of the JVM's CPU
# on 100-article runs, see docs/spark.md), so a local session stops at C1. A default only: a
# later -XX:TieredStopAtLevel=4 in spark.driver.extraJavaOptions, or this key set, wins.
LOCAL_JAVA_KEY = "spark.driver.defaultJavaOptions"
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
# Settings a local session gets unless ``conf`` sets them: C1 only (above), and no web UI,
# whose Jetty server cost 1.5-3 s of the session's start-up (see docs/spark.md, Start-up).
LOCAL_DEFAULTS = {LOCAL_JAVA_KEY: LOCAL_JAVA_OPTIONS, "spark.ui.enabled": "false"}


class SparkJobError(EventwireError):
    """The Spark job could not start or its output could not be written."""


@dataclass(frozen=True, slots=True)
class SparkSummary:
    """What a Spark run did: the accumulator totals, where the output went, how long it took."""

    output: str
    records: int
    articles: int
    events: int
    skipped: int
    duplicates: int
    failed: int
    inputs: int
    partitions: int
    elapsed: float
    incidents: str  # "written", or why not
    problems: tuple[str, ...] = field(default=())  # the first few reasons, for the terminal

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0


def spark_session(
    *, master: str | None = None, app_name: str = "eventwire", conf: dict[str, str] | None = None
) -> SparkSession:
    """A SparkSession (an active one is reused); in local mode the Python workers run this
    interpreter, so they import the same eventwire, and the session gets ``LOCAL_DEFAULTS``
    (C1 only, no web UI) for the keys ``conf`` does not set."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise SparkJobError(
            "[E306] pyspark is not installed; run `pip install 'eventwire[spark]'`"
        ) from e
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    if master is not None:
        local = master.startswith("local")
    else:  # under spark-submit (which starts the JVM first) the master is its to choose
        local = "PYSPARK_GATEWAY_PORT" not in os.environ
    if local:
        # PySpark starts its Python workers with $PYSPARK_PYTHON, else whatever "python3" is on
        # the PATH, which need not have eventwire; locally they run this interpreter.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in session_settings(conf or {}, local=local).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def session_settings(conf: dict[str, str], *, local: bool) -> dict[str, str]:
    """The settings a new session gets: ``conf``, and in local mode ``LOCAL_DEFAULTS`` for the
    keys ``conf`` does not set."""
    return {**LOCAL_DEFAULTS, **conf} if local else dict(conf)


def output_path(output: str, name: str) -> str:
    return output.rstrip("/") + "/" + name


def run_spark(
    spark: SparkSession,
    inputs: Sequence[str],
    *,
    output: str,
    partitions: int | None = None,
    manifests: Sequence[str] = (),
    base_url: str | None = None,
    dictionaries: Sequence[str | Path] = (),
    mode: str = "errorifexists",
    stages: StageFactory | None = None,
    incidents: bool = True,
    shown_problems: int = 20,
) -> SparkSummary:
    """Code ``inputs`` on Spark into Parquet under ``output``: ``events/`` (the store's events
    columns and ``event_date``, partitioned by ``event_month``), ``articles/``, ``problems/``
    and ``incidents/``.

    ``stages`` builds the coding stages on an executor (default: the library's default
    stages, built once per Python worker); it is called once per partition and must be
    picklable. ``incidents=False`` leaves out the incident stage.
    """
    from pyspark import StorageLevel
    from pyspark.errors import AnalysisException

    if mode not in WRITE_MODES:
        raise ValueError(f"mode must be one of {WRITE_MODES}, not {mode!r}")
    if partitions is not None and partitions < 1:
        raise ValueError(f"partitions must be at least 1, not {partitions}")
    if mode == "errorifexists" and not is_remote(output):
        taken = [n for n in OUTPUTS if Path(output_path(output, n)).exists()]
        if taken:
            raise SparkJobError(
                f"[E307] {output} already holds {', '.join(taken)}; choose another --output "
                "or pass --overwrite"
            )
    started = time.perf_counter()
    sc = spark.sparkContext
    units = plan_inputs(
        inputs, manifests=manifests, base_url=base_url, read_lines=partial(_read_lines, spark)
    )
    n = partitions or max(1, sc.defaultParallelism * PARTITIONS_PER_CORE)
    counters = Counters.create(sc)
    tasks = pack_units(units, min_tasks=sc.defaultParallelism * READ_TASKS_PER_CORE)
    coded = (
        sc.parallelize(tasks, max(1, len(tasks)))
        .flatMap(partial(keyed_records, counters=counters))
        .repartitionAndSortWithinPartitions(n, partitionFunc=partition_of)
        .mapPartitions(
            partial(
                code_partition,
                counters=counters,
                make_stages=stages,
                dictionaries=[str(d) for d in dictionaries],
            )
        )
        .map(_spread)
    )
    log.info("%d inputs in %d read tasks, %d coding partitions", len(units), len(tasks), n)
    # One Python pass: the rows are cached as Spark columns; every write after the first reads
    # the cache in the JVM, and the accumulators count each record once.
    # The rows already have the schema's types (built through the store's Arrow columns).
    table = spark.createDataFrame(coded, tagged_schema(), verifySchema=False)
    table = table.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        (
            _part(table, "event")
            .repartition(n, PARTITION_COLUMN)
            .sortWithinPartitions(PARTITION_COLUMN, DAY_COLUMN, "event_id")
            .write.mode(mode)
            .partitionBy(PARTITION_COLUMN)
            .parquet(output_path(output, "events"))
        )
        log.info("coded and wrote events at %.1f s", time.perf_counter() - started)
        _part(table, "article").write.mode(mode).parquet(output_path(output, "articles"))
        problems = _part(table, "problem")
        problems.coalesce(1).write.mode(mode).parquet(output_path(output, "problems"))
        shown = tuple(
            f"{row.kind}: {row.source_file}"
            + ("" if row.record is None else f" record {row.record}")
            + f": {row.reason}"
            for row in problems.limit(shown_problems).collect()
        )
        log.info("wrote articles and problems at %.1f s", time.perf_counter() - started)
        # from the cache too: reading the written events and articles back would be one more
        # pass over the output (and a Parquet scan to plan) for the same rows
        merged = _incidents(spark, table, output, mode) if incidents else "not merged: turned off"
        log.info("incidents %s at %.1f s", merged, time.perf_counter() - started)
    except AnalysisException as e:  # e.g. the output exists (remote outputs are not checked)
        raise SparkJobError(f"[E309] cannot write under {output}: {_first_line(e)}") from e
    finally:
        table.unpersist()
    totals = counters.values()
    return SparkSummary(
        output=output,
        inputs=len(units),
        partitions=n,
        elapsed=time.perf_counter() - started,
        incidents=merged,
        problems=shown,
        **totals,
    )


def _spread(item: tuple[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    """A tagged row as a row of ``tagged_schema()``: the kind, then one filled struct."""
    kind, row = item
    return (kind, *(row if kind == k else None for k in KINDS))


def _part(table: DataFrame, kind: str) -> DataFrame:
    return table.where(table.kind == kind).select(f"{kind}.*")


def _read_lines(spark: SparkSession, url: str) -> list[str]:
    """A remote manifest's lines through Hadoop (s3a://, hdfs://, gzip handled there)."""
    try:
        return spark.sparkContext.textFile(url, minPartitions=1).collect()
    except Exception as e:  # noqa: BLE001 - Py4J wraps Hadoop's errors
        raise InputError(
            f"[E308] cannot read manifest {url}: {_first_line(e)} (s3a:// needs hadoop-aws on "
            "the cluster's classpath)"
        ) from e


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _incidents(spark: SparkSession, table: DataFrame, output: str, mode: str) -> str:
    """Merge the coded events (the cached rows) into incidents (a Spark stage); "written" or
    why not."""
    merged = incident_stage(spark, _part(table, "event"), _part(table, "article"))
    if isinstance(merged, str):
        return merged
    merged.sortWithinPartitions("incident_id").write.mode(mode).parquet(
        output_path(output, "incidents")
    )
    return "written"


__all__ = [
    "SparkJobError",
    "SparkSummary",
    "WorkUnit",
    "output_path",
    "run_spark",
    "spark_session",
]
