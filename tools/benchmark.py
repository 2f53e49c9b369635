"""Measure the SDK against raw urllib3 on the same bodies, side by side.

Usage, from the repository root::

    python tools/benchmark.py            # the full run, a few minutes
    python tools/benchmark.py --quick    # a few iterations, to check it works

Starts its own keep-alive HTTP/1.1 server on 127.0.0.1 in a subprocess and
prints every figure with its baseline, the ratio and the target. The
specification is read from ``--spec``, or ``LEXMACHINA_SPEC``, or the shared
copy beside the repository. See ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A checkout that is not installed still benchmarks its own code.
sys.path.insert(0, str(REPO))

import pydantic  # noqa: E402  (after the path is set)
from bench import measure  # noqa: E402
from bench.bodies import Bodies, load_bodies  # noqa: E402
from bench.figures import Figure, format_table  # noqa: E402
from bench.process import running_server  # noqa: E402

SERVER_SECTIONS = {
    "per-call": measure.per_call,
    "parse": measure.parse_breakdown,
    "threads": measure.threaded,
    "memory": measure.memory,
    "gzip": measure.compression,
}
SECTIONS = [*SERVER_SECTIONS, "import"]
DEFAULT_SPEC = REPO.parent / "shared" / "openapi" / "lexmachina-api-20260324.json"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; 0 even when a target is missed."""
    args = _parse_args(argv)
    rounds = measure.QUICK if args.quick else measure.FULL
    bodies = load_bodies(Path(args.spec))
    print(_header(bodies, args.quick), flush=True)

    started = time.perf_counter()
    figures = _run(bodies, rounds, args.only or SECTIONS)
    print(format_table(figures))

    missed = [figure.name for figure in figures if not figure.met]
    print(
        f"\n{len(figures)} figures, {len(missed)} missed, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a few iterations only (a smoke test)"
    )
    parser.add_argument(
        "--spec",
        default=os.environ.get("LEXMACHINA_SPEC", str(DEFAULT_SPEC)),
        help="the OpenAPI document whose district case example is served",
    )
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this section (repeatable); all of them by default",
    )
    return parser.parse_args(argv)


def _run(bodies: Bodies, rounds: measure.Rounds, sections: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    with running_server(bodies) as url:
        bench = measure.Bench(url, rounds)
        try:
            for name in SERVER_SECTIONS:
                if name in sections:
                    figures += SERVER_SECTIONS[name](bench)
        finally:
            bench.close()
    if "import" in sections:
        figures += measure.import_time(rounds, REPO)
    return figures


def _header(bodies: Bodies, quick: bool) -> str:
    sizes = ", ".join(
        f"{name} {len(getattr(bodies, name)):,} B"
        for name in ("health", "case", "large")
    )
    return (
        f"lexmachina benchmark ({'quick' if quick else 'full'}): "
        f"Python {platform.python_version()}, pydantic {pydantic.VERSION}, "
        f"urllib3 {importlib.metadata.version('urllib3')}, {os.cpu_count()} CPUs\n"
        f"bodies: {sizes}; medians of interleaved runs; "
        "ratio = SDK / baseline"
    )


if __name__ == "__main__":
    sys.exit(main())
