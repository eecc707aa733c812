"""`eventwire run`: code a corpus into a DuckDB database; reruns resume and never duplicate."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..errors import EventwireError
from ..readers import FORMATS
from ..store import DEFAULT_DB, RunInterrupted, RunProgress, RunSummary, run_corpus
from ..store.run import BATCH_SIZE
from . import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .types import positive_int

SHOWN_PROBLEMS = 20  # problem lines printed before only counting them
PLAIN_INTERVAL = 10.0
BAR_STEPS = 10_000  # seconds between progress lines when not on a terminal
EXIT_INTERRUPTED = 130


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="code a corpus into a DuckDB database (resumable, idempotent)",
        description=(
            "Read every INPUT (.txt, .html, RSS/Atom, .jsonl, .warc[.gz]; folders recursively; "
            "globs; - for stdin), code the articles the database does not hold yet and store "
            "articles, events and skipped records. Rerunning resumes and never duplicates."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, glob or -")
    parser.add_argument(
        "--db", default=DEFAULT_DB, metavar="PATH", help=f"database file (default {DEFAULT_DB})"
    )
    parser.add_argument(
        "--workers", type=positive_int, default=1, metavar="N", help="processes coding articles"
    )
    parser.add_argument(
        "--dictionaries",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="extra actor/verb dictionaries (repeatable)",
    )
    parser.add_argument(
        "--batch-size",
        type=positive_int,
        default=BATCH_SIZE,
        metavar="N",
        help=f"articles committed per transaction (default {BATCH_SIZE})",
    )
    parser.add_argument(
        "--stdin-format", choices=FORMATS, default="text", help="format of - (default text)"
    )
    parser.set_defaults(func=run)


class Reporter:
    """Shows a run's progress: a rich bar on a terminal, plain lines elsewhere."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self.shown = 0
        self.hidden = 0
        self.last_line = time.monotonic()
        self.first_commit = False  # a line after the first commit shows the run is storing
        self.progress: Progress | None = None
        self.task = None
        if self.live:
            self.progress = Progress(
                TextColumn("[bold]coding"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[articles]} articles"),
                TextColumn("{task.fields[rate]:.1f}/s"),
                TextColumn("{task.fields[skipped]} skipped"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self.task = self.progress.add_task("run", total=None, articles=0, rate=0.0, skipped=0)

    def __enter__(self) -> Reporter:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
        if self.hidden:
            self.say(f"... and {self.hidden} more (all in the database's skipped table)")

    def say(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def note(self, line: str) -> None:
        if self.shown < SHOWN_PROBLEMS:
            self.shown += 1
            self.say(line)
        else:
            self.hidden += 1

    def __call__(self, state: RunProgress) -> None:
        for problem in state.problems:
            self.note(f"{problem.kind}: {problem.skipped}")
        if self.progress is not None:
            fraction = state.fraction
            self.progress.update(
                self.task,  # type: ignore[arg-type]
                total=None if fraction is None else BAR_STEPS,
                completed=0 if fraction is None else fraction * BAR_STEPS,
                articles=state.processed,
                rate=state.articles_per_second,
                skipped=state.skipped + state.failed,
            )
        elif time.monotonic() - self.last_line >= PLAIN_INTERVAL or (
            state.committed and not self.first_commit
        ):
            self.first_commit = self.first_commit or bool(state.committed)
            self.last_line = time.monotonic()
            self.say(plain_line(state))


def plain_line(state: RunProgress) -> str:
    line = (
        f"coded {state.processed} articles ({state.articles_per_second:.1f}/s), "
        f"{state.events} events, {state.skipped} skipped, {state.failed} failed, "
        f"{state.already} already stored"
    )
    share = state.fraction
    if share:
        eta = state.elapsed * (1 - share) / share
        line += f"; {share:.0%} done, ETA {time.strftime('%H:%M:%S', time.gmtime(eta))}"
    return line


class _NoteHandler(logging.Handler):
    """Reader notes (e.g. bytes replaced in invalid UTF-8) go through the reporter."""

    def __init__(self, reporter: Reporter) -> None:
        super().__init__(logging.WARNING)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        self.reporter.note(f"note: {record.getMessage()}")


def summary_lines(summary: RunSummary) -> list[str]:
    return [
        f"processed  {summary.processed} articles, {summary.events} events "
        f"({summary.articles_per_second:.1f} articles/s, {summary.elapsed:.1f} s)",
        f"already    {summary.already} articles stored by earlier runs",
        f"skipped    {summary.skipped} records",
        f"failed     {summary.failed} articles",
        f"database   {summary.db} (run {summary.run_id}, {summary.status})",
    ]


def run(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    for folder in args.dictionaries:
        if not folder.exists():
            err.print(f"eventwire run: no such dictionaries folder: {folder}", markup=False)
            return EXIT_USAGE
    reporter = Reporter(err)
    notes = _NoteHandler(reporter)
    logger = logging.getLogger("eventwire")
    logger.addHandler(notes)
    try:
        with reporter:
            summary = run_corpus(
                args.inputs,
                db=args.db,
                workers=args.workers,
                dictionaries=args.dictionaries,
                progress=reporter,
                batch_size=args.batch_size,
                stdin_format=args.stdin_format,
            )
    except RunInterrupted as stop:
        _print_summary(stop.summary)
        err.print("eventwire run: interrupted; run the same command again to resume", markup=False)
        return EXIT_INTERRUPTED
    except EventwireError:
        raise  # main() prints it
    except Exception as e:  # noqa: BLE001 - no traceback reaches the user
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        err.print(
            f"eventwire run: internal error: {type(e).__name__}: {e} "
            "(committed work is kept; rerun to resume, EVENTWIRE_DEBUG=1 shows the traceback)",
            markup=False,
        )
        return EXIT_FAILED
    finally:
        logger.removeHandler(notes)
    _print_summary(summary)
    if summary.nothing_processed:
        err.print("eventwire run: nothing could be processed", markup=False)
        return EXIT_FAILED
    return EXIT_OK


def _print_summary(summary: RunSummary) -> None:
    for line in summary_lines(summary):
        print(line, file=sys.stdout)
    sys.stdout.flush()
