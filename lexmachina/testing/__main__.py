"""Run the fake Lex Machina server from the command line.

``python -m lexmachina.testing serve --port 8000 --client my-id:my-secret``
"""

from __future__ import annotations

import argparse
import sys
import threading

from ._server import DEFAULT_CLIENTS, FakeLexMachina


def parse_client(text: str) -> tuple[str, str]:
    """Split ``ID:SECRET`` into its two halves."""
    client_id, sep, secret = text.partition(":")
    if not sep or not client_id or not secret:
        raise argparse.ArgumentTypeError("expected ID:SECRET")
    return client_id, secret


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser."""
    parser = argparse.ArgumentParser(prog="python -m lexmachina.testing")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the fake API until Ctrl-C")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port")
    serve.add_argument(
        "--client",
        type=parse_client,
        action="append",
        metavar="ID:SECRET",
        help="accepted credentials (repeatable; default demo-client:demo-secret)",
    )
    serve.add_argument("--token-lifetime", type=float, default=3600.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv``, serve until interrupted, and return the exit status."""
    args = build_parser().parse_args(argv)
    clients = dict(args.client) if args.client else DEFAULT_CLIENTS
    fake = FakeLexMachina(args.host, args.port, clients, args.token_lifetime)
    with fake:
        print(fake.url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
