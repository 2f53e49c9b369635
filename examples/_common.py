"""What every example shares: where to connect, progress, tables and charts.

Each example runs against the real API when you give it credentials
(``LEXMACHINA_CLIENT_ID`` and ``LEXMACHINA_CLIENT_SECRET``) or a host, and
against a fake server started in this process otherwise, or with ``--fake``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import lexmachina
from lexmachina.bulk import DEFAULT_MAX_WORKERS

FAKE_CLIENT_ID = "demo-client"
FAKE_CLIENT_SECRET = "demo-secret"
INSTALL_MATPLOTLIB = (
    "pip install 'lexmachina[examples]'  (or just: pip install matplotlib)"
)


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--fake``, ``--host``, ``--sandbox`` and ``--workers`` to ``parser``."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--fake",
        action="store_true",
        help="use a fake Lex Machina server started in this process "
        "(the default when no credentials are set)",
    )
    where.add_argument(
        "--host",
        help="the API's URL, or 'production' or 'sandbox' "
        "(credentials come from LEXMACHINA_CLIENT_ID and LEXMACHINA_CLIENT_SECRET)",
    )
    where.add_argument(
        "--sandbox", action="store_true", help="use the vendor's sandbox API"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_MAX_WORKERS,
        help=f"cases fetched at a time (default {DEFAULT_MAX_WORKERS})",
    )


def wants_fake(args: argparse.Namespace) -> bool:
    """Whether to use the in-process fake: asked for, or nothing else to go on."""
    if args.fake:
        return True
    if args.host or args.sandbox:
        return False
    has_id = bool(os.environ.get("LEXMACHINA_CLIENT_ID"))
    return not (has_id and os.environ.get("LEXMACHINA_CLIENT_SECRET"))


@contextmanager
def open_client(args: argparse.Namespace) -> Iterator[lexmachina.ApiClient]:
    """Yield a client for the API the arguments chose, closed at the end."""
    if not wants_fake(args):
        host = "sandbox" if args.sandbox else args.host
        with lexmachina.ApiClient(lexmachina.Configuration(host=host)) as client:
            yield client
        return

    from lexmachina.testing import FakeLexMachina

    if not args.fake:
        note(
            "No credentials in LEXMACHINA_CLIENT_ID/LEXMACHINA_CLIENT_SECRET: "
            "using the built-in fake server and its synthetic data."
        )
    with FakeLexMachina() as fake:
        config = lexmachina.Configuration(
            host=fake.url, client_id=FAKE_CLIENT_ID, client_secret=FAKE_CLIENT_SECRET
        )
        with lexmachina.ApiClient(config) as client:
            yield client


def note(message: str) -> None:
    """Tell the person running the example something, on stderr."""
    print(message, file=sys.stderr)


def show_progress(done: int, total: int) -> None:
    """Print ``fetched done/total`` over itself on a terminal; stay quiet otherwise."""
    if not sys.stderr.isatty():
        return
    end = "\n" if done == total else ""
    print(f"\rfetched {done}/{total}", end=end, file=sys.stderr, flush=True)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Lay out ``rows`` in columns: the first to the left, the others to the right."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        widths = [
            max(width, len(cell)) for width, cell in zip(widths, row, strict=True)
        ]

    def line(values: Sequence[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = [
            value.rjust(width)
            for value, width in zip(values[1:], widths[1:], strict=True)
        ]
        return "  ".join([first, *rest]).rstrip()

    rule = line(["-" * width for width in widths])
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])


def save_bar_chart(
    path: Path,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    value_label: str,
    horizontal: bool = False,
) -> bool:
    """Draw a bar chart to the PNG ``path``; say how to get matplotlib if missing.

    Returns whether the chart was written.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")  # no window: write the file and nothing else
        import matplotlib.pyplot as plt
    except ImportError:
        note(
            f"matplotlib is not installed, so no chart was drawn: {INSTALL_MATPLOTLIB}"
        )
        return False

    figure, axes = plt.subplots(figsize=(8, 4.5), dpi=100, layout="constrained")
    if horizontal:
        bars = axes.barh(list(labels)[::-1], list(values)[::-1], color="#3b6ea8")
        axes.set_xlabel(value_label)
    else:
        bars = axes.bar(list(labels), list(values), color="#3b6ea8")
        axes.set_ylabel(value_label)
    axes.bar_label(bars, fmt="{:,.4g}", padding=2)
    # Room past the longest bar for its label.
    if horizontal:
        axes.margins(x=0.08)
    else:
        axes.margins(y=0.08)
    axes.set_title(title)
    axes.grid(axis="x" if horizontal else "y", alpha=0.3)
    figure.savefig(path)
    plt.close(figure)
    return True
