"""TLS, proxies and redirects, each against real servers on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

import lexmachina
from lexmachina._operation import Operation
from lexmachina.exceptions import ApiTLSError
from lexmachina.testing import FakeLexMachina

from .conftest import CLIENT_ID, CLIENT_SECRET

HEALTH = {
    "legalDataIsAvailable": True,
    "userAccountDataIsAvailable": True,
    "searchDataIsAvailable": True,
}


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers /health with 200 and /jump with a redirect; records headers."""

    protocol_version = "HTTP/1.1"
    seen: list[dict[str, str]]
    redirect_to = ""

    def do_GET(self) -> None:
        self.seen.append(dict(self.headers))
        if self.path.startswith("/jump"):
            self._answer(307, b"", {"Location": self.redirect_to})
        else:
            self._answer(200, json.dumps(HEALTH).encode(), {})

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {**headers, "Content-Type": "application/json"}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(host: str, tls: ssl.SSLContext | None = None) -> tuple[str, type[_Recorder]]:
    handler = type("Handler", (_Recorder,), {"seen": []})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    _servers.append(server)
    scheme = "https" if tls else "http"
    return f"{scheme}://{host}:{server.server_port}", handler


_servers: list[http.server.ThreadingHTTPServer] = []


@pytest.fixture(autouse=True)
def _stop_servers() -> Iterator[None]:
    yield
    while _servers:
        server = _servers.pop()
        server.shutdown()
        server.server_close()


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


def _tls_server(ca: trustme.CA) -> tuple[str, type[_Recorder]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return _serve("127.0.0.1", context)


def _static(host: str, ssl_ca_cert: str | None = None) -> lexmachina.Configuration:
    return lexmachina.Configuration(
        host=host,
        access_token="static-token-abcdef123456",
        retries=0,
        ssl_ca_cert=ssl_ca_cert,
    )


def test_unknown_ca_fails_with_advice(ca: trustme.CA) -> None:
    url, _ = _tls_server(ca)
    with (
        lexmachina.ApiClient(_static(url)) as client,
        pytest.raises(ApiTLSError, match="ssl_ca_cert") as caught,
    ):
        lexmachina.StatusApi(client).get_health()
    assert "certificate" in str(caught.value).lower()
    assert isinstance(caught.value.__cause__, Exception)


def test_ca_file_makes_it_work(ca: trustme.CA, tmp_path: Path) -> None:
    url, handler = _tls_server(ca)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with lexmachina.ApiClient(_static(url, ssl_ca_cert=str(ca_file))) as client:
        assert lexmachina.StatusApi(client).get_health().search_data_is_available
    assert handler.seen[-1]["Authorization"] == "Bearer static-token-abcdef123456"


def test_redirect_to_another_host_drops_authorization() -> None:
    target, landed = _serve("localhost")
    origin, first = _serve("127.0.0.1")
    first.redirect_to = f"{target}/health"
    config = _static(origin)
    jump = Operation(operation_id="jump", method="GET", path="/jump", response=dict)
    with lexmachina.ApiClient(config) as client:
        response = client.call_api(jump, {})
    assert response.json() == HEALTH
    assert first.seen[-1]["Authorization"].startswith("Bearer ")
    assert "Authorization" not in landed.seen[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def tinyproxy(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("tinyproxy") or "/usr/bin/tinyproxy"
    if not Path(binary).exists():
        pytest.fail("tinyproxy is not installed; tools/test.sh installs it")
    port = _free_port()
    conf = tmp_path / "tinyproxy.conf"
    conf.write_text(
        f"Port {port}\nListen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\n"
        f'MaxClients 20\nLogLevel Error\nPidFile "{tmp_path / "tp.pid"}"\n'
        "DisableViaHeader No\n"
    )
    process = subprocess.Popen([binary, "-d", "-c", str(conf)])
    try:
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def _via_proxy(fake: FakeLexMachina) -> bool:
    return "Via" in fake.requests[-1].headers or "via" in {
        name.lower() for name in fake.requests[-1].headers
    }


def test_explicit_proxy_carries_the_calls(tinyproxy: str, fake: FakeLexMachina) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, proxy=tinyproxy
    )
    with lexmachina.ApiClient(config) as client:
        assert lexmachina.StatusApi(client).get_health().legal_data_is_available
    assert _via_proxy(fake)


def test_proxy_from_environment_and_no_proxy(
    tinyproxy: str, fake: FakeLexMachina, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    monkeypatch.setenv("HTTP_PROXY", tinyproxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with lexmachina.ApiClient(config) as client:
        lexmachina.StatusApi(client).get_health()
    assert _via_proxy(fake)

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with lexmachina.ApiClient(config) as client:
        lexmachina.StatusApi(client).get_health()
    assert not _via_proxy(fake)
