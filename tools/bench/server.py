"""A minimal keep-alive HTTP/1.1 server that answers fixed bodies.

Run by the benchmark as a subprocess, so it never competes with the
measured client for the GIL: ``python server.py BODY_DIR``. It prints its
port on the first line of stdout and exits when its stdin closes. Routes:
``/health``, ``/district-cases/1`` (the example) and ``/district-cases/2``
(the large case). A request whose ``Accept-Encoding`` names gzip gets the
gzip-compressed body.
"""

from __future__ import annotations

import gzip
import socket
import socketserver
import sys
import threading
from io import BufferedIOBase
from pathlib import Path

ROUTES = {
    "/health": "health.json",
    "/district-cases/1": "case.json",
    "/district-cases/2": "large.json",
}
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
HEAD_LIMIT = 100


def build_responses(body_dir: Path) -> dict[tuple[str, bool], bytes]:
    """Each route's full response, keyed by (path, gzip), built once."""
    responses: dict[tuple[str, bool], bytes] = {}
    for path, name in ROUTES.items():
        body = (body_dir / name).read_bytes()
        responses[(path, False)] = _response(body, None)
        responses[(path, True)] = _response(gzip.compress(body, 6), "gzip")
    return responses


def _response(body: bytes, encoding: str | None) -> bytes:
    head = [
        "HTTP/1.1 200 OK",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
    ]
    if encoding is not None:
        head.append(f"Content-Encoding: {encoding}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def read_request(rfile: BufferedIOBase) -> tuple[str, bool] | None:
    """Read one request head; return (path, wants gzip), or None at the end."""
    request_line = rfile.readline()
    if not request_line:
        return None
    parts = request_line.split()
    path = parts[1].decode() if len(parts) > 1 else ""
    wants_gzip = False
    for _ in range(HEAD_LIMIT):
        line = rfile.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"accept-encoding":
            wants_gzip = b"gzip" in value.lower()
    return path.split("?", 1)[0], wants_gzip


class _Handler(socketserver.StreamRequestHandler):
    """Answers requests on one connection until the client closes it."""

    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        while (request := read_request(self.rfile)) is not None:
            self.wfile.write(self.server.responses.get(request, NOT_FOUND))


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, responses: dict[tuple[str, bool], bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.responses = responses


def main() -> None:
    """Serve the bodies in ``sys.argv[1]`` until stdin closes."""
    server = _Server(build_responses(Path(sys.argv[1])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
