"""The `eventwire` command: parse arguments, call the library, format the result.

Each subcommand lives in its own module with ``register(subparsers)``; the module sets
``func`` on its parser, which receives the parsed arguments and returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..config import Config, find_config, load_config
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
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="configuration file (default: eventwire.toml in the working directory, if any)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def apply_config(parser: argparse.ArgumentParser, config: Config) -> None:
    """Make the file's settings the defaults of every (sub)command that has the option."""
    values = {
        "dictionaries": list(config.dictionaries) if config.dictionaries else None,
        "db": config.db,
        "workers": config.workers,
    }
    values = {k: v for k, v in values.items() if v is not None}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                apply_config(sub, config)
        elif action.dest in values:
            parser.set_defaults(**{action.dest: values[action.dest]})


def _config_option(argv: Sequence[str]) -> str | None:
    """The --config value given before the command, if any."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    known, _ = pre.parse_known_args(list(argv))
    return known.config


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        apply_config(parser, load_config(find_config(_config_option(argv))))
    except EventwireError as e:
        print(f"eventwire: {e}", file=sys.stderr)
        return EXIT_USAGE
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
