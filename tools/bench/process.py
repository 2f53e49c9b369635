"""Starting and stopping the benchmark server subprocess."""

from __future__ import annotations

import selectors
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.bodies import Bodies

START_TIMEOUT = 10.0


@contextmanager
def running_server(bodies: Bodies) -> Iterator[str]:
    """Serve ``bodies`` from a subprocess; yield its base URL."""
    with tempfile.TemporaryDirectory(prefix="lexmachina-bench-") as scratch:
        body_dir = Path(scratch)
        for name in ("health", "case", "large"):
            (body_dir / f"{name}.json").write_bytes(getattr(bodies, name))
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("server.py")), scratch],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        try:
            yield f"http://127.0.0.1:{_read_port(process)}"
        finally:
            _stop(process)


def _read_port(process: subprocess.Popen[bytes]) -> int:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(START_TIMEOUT):
            raise RuntimeError("the benchmark server did not start in time")
    line = process.stdout.readline()
    if not line.strip():
        raise RuntimeError("the benchmark server exited before it started")
    return int(line)


def _stop(process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
