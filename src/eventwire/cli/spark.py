"""`eventwire spark`: code a corpus on Apache Spark into partitioned Parquet.

Also ``python -m eventwire.spark`` and, for spark-submit, ``eventwire/spark/submit.py``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .types import positive_int


def _setting(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "spark",
        help="code a corpus on Apache Spark into Parquet partitioned by event date",
        description=(
            "Read every INPUT (.warc[.gz], .jsonl, .txt, .html, RSS/Atom; folders; globs; "
            "s3a:// or https:// URLs; manifests *.paths[.gz] listing one path or URL a line), "
            "code the articles on Spark and write Parquet under --output: events/ (partitioned "
            "by event_month), articles/, problems/ and incidents/. Needs `pip install "
            "'eventwire[spark]'`; under spark-submit use eventwire/spark/submit.py."
        ),
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="file, folder, glob or URL")
    parser.add_argument("--output", required=True, metavar="DIR", help="output folder or URL")
    parser.add_argument(
        "--master", metavar="URL", help="Spark master (default: spark-submit's, else local[*])"
    )
    parser.add_argument(
        "--partitions",
        type=positive_int,
        metavar="N",
        help="coding partitions (default: 4 per core of the cluster)",
    )
    parser.add_argument(
        "--manifest",
        action="append",
        default=[],
        metavar="FILE",
        help="a file listing one input path or URL a line (repeatable; *.paths[.gz] inputs "
        "are manifests anyway)",
    )
    parser.add_argument(
        "--input-base-url",
        metavar="URL",
        help="prefix of relative manifest entries (default: the manifest's folder); "
        "s3a://commoncrawl/ for Common Crawl's warc.paths.gz",
    )
    parser.add_argument(
        "--dictionaries",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="extra actor/verb dictionaries, visible to every executor (repeatable)",
    )
    parser.add_argument(
        "--conf",
        action="append",
        default=[],
        type=_setting,
        metavar="KEY=VALUE",
        help="a Spark setting, e.g. spark.executor.memory=2g (repeatable)",
    )
    parser.add_argument(
        "--no-incidents", action="store_true", help="do not merge events into incidents"
    )
    parser.add_argument("--overwrite", action="store_true", help="replace an earlier run's output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.inputs and not args.manifest:
        print("eventwire spark: give at least one INPUT or --manifest", file=sys.stderr)
        return EXIT_USAGE
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pandas.*", category=FutureWarning)
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            print(
                "eventwire spark: [E306] pyspark is not installed; run "
                "`pip install 'eventwire[spark]'`",
                file=sys.stderr,
            )
            return EXIT_FAILED
        from ..spark import run_spark, spark_session

        owned = SparkSession.getActiveSession() is None  # a notebook's or a test's is kept
        conf = {} if sys.stderr.isatty() else {"spark.ui.showConsoleProgress": "false"}
        spark = spark_session(master=args.master, conf={**conf, **dict(args.conf)})
        if owned:
            spark.sparkContext.setLogLevel("WARN")  # spark-submit's default INFO floods stderr
    try:
        summary = run_spark(
            spark,
            args.inputs,
            output=args.output,
            partitions=args.partitions,
            manifests=args.manifest,
            base_url=args.input_base_url,
            dictionaries=args.dictionaries,
            mode="overwrite" if args.overwrite else "errorifexists",
            incidents=not args.no_incidents,
        )
    finally:
        if owned:
            spark.stop()
    for line in summary.problems:
        print(line, file=sys.stderr)
    hidden = summary.skipped + summary.failed - len(summary.problems)
    if hidden > 0:
        print(f"... and {hidden} more (all in {args.output}/problems)", file=sys.stderr)
    for line in summary_lines(summary):
        print(line)
    if summary.articles == 0 and summary.records > 0:
        print("eventwire spark: nothing could be coded", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def summary_lines(summary) -> list[str]:  # noqa: ANN001 - a SparkSummary; pyspark-free import
    return [
        f"read       {summary.records} records from {summary.inputs} inputs",
        f"coded      {summary.articles} articles, {summary.events} events "
        f"({summary.articles_per_second:.1f} articles/s, {summary.elapsed:.1f} s, "
        f"{summary.partitions} partitions)",
        f"skipped    {summary.skipped} records",
        f"duplicates {summary.duplicates} articles (same id as an earlier record)",
        f"failed     {summary.failed} articles",
        f"incidents  {summary.incidents}",
        f"output     {summary.output} (events/ by event_month, articles/, problems/)",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m eventwire.spark`` and spark-submit's entry: ``eventwire spark ARGS``."""
    from . import main as cli_main

    return cli_main(["spark", *(sys.argv[1:] if argv is None else argv)])
