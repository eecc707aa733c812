"""The `eventwire` command: parse arguments, call the library, format the result.

Each subcommand lives in its own module with ``register(subparsers)``; the module sets
``func`` on its parser, which receives the parsed arguments and returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import EventwireError

COMMAND_MODULES = (
    "code",
    "evaluate",
    "run",
    "export",
    "places",
    "serve",
    "spark",
    "incidents",
    "dictionary",
    "actors",
    "summary",
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Turn English news into coded event data (PLOVER, CAMEO, ACLED).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except EventwireError as e:
        print(f"eventwire: {e}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
