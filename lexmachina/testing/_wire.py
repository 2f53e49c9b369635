"""The HTTP plumbing: a quiet threading server and its request handler."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ._http import Ending, Reply, Request

Answerer = Callable[[Request], Reply]

# A pooled keep-alive connection that stays silent this long is closed, so
# handler threads of abandoned clients do not linger.
IDLE_TIMEOUT = 30.0


class QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that logs nothing and can cut its connections."""

    daemon_threads = True
    # Tests open many connections at once; a short backlog drops SYNs and
    # costs each dropped client a one-second retransmission.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], answer: Answerer) -> None:
        self.answer = answer
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, FakeHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name, which can stall on a
        # machine without DNS; the fake only needs the bound address.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients that hang up mid-answer are part of the game."""

    def cut_connections(self) -> None:
        """Shut every open connection and wake delayed answers, so none outlives us."""
        self.stopping.set()
        with self._open_lock:
            sockets = list(self._open)
        for conn in sockets:
            # Already closed by the client: nothing left to cut.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class FakeHandler(BaseHTTPRequestHandler):
    """Turns HTTP/1.1 requests into :class:`Request` and writes the replies."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, Nagle's
    # algorithm holds the body back for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    server_version = "FakeLexMachina/1"
    timeout = IDLE_TIMEOUT
    server: QuietServer

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: a test run's stderr is not ours to fill."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_OPTIONS(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def _serve(self) -> None:
        request = self._read_request()
        reply = self.server.answer(request)
        self._write(reply)

    def _read_request(self) -> Request:
        parts = urlsplit(self.path)
        return Request(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=dict(self.headers.items()),
            body=self._read_body(),
        )

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                break
            chunks.append(self.rfile.read(size))
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        return b"".join(chunks)

    def _write(self, reply: Reply) -> None:
        if reply.delay and self.server.stopping.wait(reply.delay):
            reply = Reply(0, ending=Ending.DROP)
        if reply.ending is Ending.DROP:
            self.close_connection = True
            return

        body, announced = reply.body, len(reply.body)
        if reply.ending is Ending.TRUNCATE:
            body = body[: announced // 2]
            announced = max(announced, len(body) + 1)
            self.close_connection = True
        self._send(reply, body, announced)

    def _send(self, reply: Reply, body: bytes, announced: int) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(announced))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()
