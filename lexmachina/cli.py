"""The command line: ``lexmachina demo`` and friends."""

from __future__ import annotations

import argparse
import sys

from .exceptions import ApiException


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``lexmachina`` command."""
    parser = argparse.ArgumentParser(
        prog="lexmachina", description="Call the Lex Machina API from the shell."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="run the getting-started flow on a local fake")
    return parser


def run(argv: list[str]) -> int:
    """Parse ``argv``, run the command, and return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            from ._demo import run_demo

            return run_demo(sys.stdout)
    except ApiException as err:
        print(f"lexmachina: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    return 2
