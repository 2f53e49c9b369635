"""Start and stop a Prism mock server that serves the shared specification.

Prism (``@stoplight/prism-cli`` from npm) is installed into ``tools/prism`` by
``bash tools/test.sh``; ``LEXMACHINA_PRISM`` may point at another copy. Its
output goes to a log file so that a failing test can show what Prism saw.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import uuid
from pathlib import Path

import urllib3

REPO = Path(__file__).resolve().parent.parent
INSTALLED_PRISM = REPO / "tools" / "prism" / "node_modules" / ".bin" / "prism"
INSTALL_HINT = "Prism is not installed: run `bash tools/test.sh` (it installs it)"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
_POLL_INTERVAL = 0.2
_LOG_TAIL_LINES = 40
_RECEIVED = "Request received"
_MARKER = "/conformance-mark-"
_VIOLATION = "Violation: request"
_REQUEST_LINE = re.compile(r"\[HTTP SERVER\] (\w+) (\S+)")


class PrismError(RuntimeError):
    """Prism could not be found, started or read."""


def prism_executable() -> Path:
    """Return the Prism executable, or raise :class:`PrismError` saying how to
    install it."""
    configured = os.environ.get("LEXMACHINA_PRISM")
    path = Path(configured) if configured else INSTALLED_PRISM
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise PrismError(f"{INSTALL_HINT}; no executable at {path}")
    return path


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PrismServer:
    """One ``prism mock`` process on 127.0.0.1, static or dynamic."""

    def __init__(self, spec: Path, log_path: Path, *, dynamic: bool = False) -> None:
        self.spec = spec
        self.log_path = log_path
        self.dynamic = dynamic
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None
        self._http = urllib3.PoolManager(retries=False, timeout=2.0)

    def __enter__(self) -> PrismServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Start Prism and return once it answers HTTP; raise :class:`PrismError`
        with its log if it dies or stays silent for ``timeout`` seconds."""
        command = [str(prism_executable()), "mock", "-h", "127.0.0.1"]
        command += ["-p", str(self.port), *(["-d"] if self.dynamic else [])]
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [*command, str(self.spec)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_answering(timeout)
        except PrismError:
            self.stop()
            raise

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise PrismError(
                    f"Prism exited with {self._process.returncode} while starting"
                    f"\n{self.log_tail()}"
                )
            if self._answers():
                return
            time.sleep(_POLL_INTERVAL)
        raise PrismError(
            f"Prism did not answer on {self.url} within {timeout:.0f} s"
            f"\n{self.log_tail()}"
        )

    def _answers(self) -> bool:
        # Any HTTP answer, a 401 included, means the routes are loaded.
        try:
            self._http.request("GET", f"{self.url}/health")
        except urllib3.exceptions.HTTPError:
            return False
        return True

    def stop(self) -> None:
        """Stop Prism: terminate, wait, and kill it if it does not exit."""
        process, self._process = self._process, None
        self._http.clear()
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)

    def log_bytes(self) -> bytes:
        """Everything Prism has written so far, as written."""
        try:
            return self.log_path.read_bytes()
        except FileNotFoundError:
            return b""

    def log_text(self) -> str:
        """Everything Prism has written so far."""
        return self.log_bytes().decode("utf-8", errors="replace")

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        """The last ``lines`` lines of Prism's log, headed by the log's path."""
        tail = "\n".join(self.log_text().splitlines()[-lines:])
        return f"--- Prism log ({self.log_path}), last {lines} lines ---\n{tail}"

    def mark(self, timeout: float = 10.0) -> int:
        """Send a marker request and return the log's byte offset past its line.

        Prism writes its log asynchronously; waiting for a marker of our own
        makes "nothing arrived between two marks" a check without timing.
        """
        marker = f"{_MARKER}{uuid.uuid4().hex}".encode()
        self._http.request("GET", self.url + marker.decode())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            written = self.log_bytes()
            found = written.find(marker)
            # Only a whole line counts: the rest of it may still be on its way.
            line_end = written.find(b"\n", found) if found >= 0 else -1
            if line_end >= 0:
                return line_end + 1
            time.sleep(0.02)
        raise PrismError(f"marker {marker!r} never reached the log\n{self.log_tail()}")

    def log_between(self, start: int, end: int) -> list[str]:
        """The log lines between two :meth:`mark` offsets, markers left out."""
        lines = self.log_bytes()[start:end].decode("utf-8", errors="replace")
        return [line for line in lines.splitlines() if _MARKER not in line]

    def requests_between(self, start: int, end: int) -> list[str]:
        """The requests Prism received between two :meth:`mark` offsets."""
        return [line for line in self.log_between(start, end) if _RECEIVED in line]

    def paths_between(self, start: int, end: int) -> list[str]:
        """``"<method> <path>"`` of each request received between two marks."""
        found = (
            _REQUEST_LINE.search(line) for line in self.requests_between(start, end)
        )
        return [f"{m[1].upper()} {m[2]}" for m in found if m is not None]

    def violations_between(self, start: int, end: int) -> list[str]:
        """What Prism found wrong with the requests between two marks."""
        return [line for line in self.log_between(start, end) if _VIOLATION in line]
