"""Entry point of the `convene` command: builds the parser from the subcommand modules."""
from __future__ import annotations

import argparse
import importlib
import sys

from pipeline import __version__
from pipeline.errors import UserError

SUBCOMMANDS = ["ingest", "watch", "schema", "evaluate", "diff", "review"]


class OneLineParser(argparse.ArgumentParser):
    """Reports a command-line mistake as one line on stderr and exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="convene",
        description="Turn news articles and press releases into validated, deduplicated "
        "records of meetings, people and roles (JSON Lines).",
    )
    parser.add_argument("--version", action="version", version=f"convene {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"pipeline.cli.{name}_command")
        except ModuleNotFoundError as exc:
            if exc.name != f"pipeline.cli.{name}_command":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except UserError as exc:
        print(f"convene {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"convene {args.command}: interrupted; no output file was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
