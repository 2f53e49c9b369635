"""The fake Lex Machina server keeps the real API's wire semantics."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from lexmachina.testing import FakeLexMachina

TIMEOUT = 5.0
CREDENTIALS = {
    "client_id": "demo-client",
    "client_secret": "demo-secret",
    "grant_type": "client_credentials",
}
REPO = Path(__file__).resolve().parent.parent


class Answer:
    """Status, headers and parsed body of one answer."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = {name.lower(): value for name, value in response.getheaders()}
        self.raw = response.read()

    def json(self) -> Any:
        return json.loads(self.raw)


def connect(fake: FakeLexMachina) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", fake.port, timeout=TIMEOUT)


def call(
    fake: FakeLexMachina,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    conn = connect(fake)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        return Answer(conn.getresponse())
    finally:
        conn.close()


def token_path(**params: str) -> str:
    return "/oauth2/token?" + urlencode(params)


def get_token(fake: FakeLexMachina) -> str:
    answer = call(fake, "POST", token_path(**CREDENTIALS))
    assert answer.status == 200
    token: str = answer.json()["access_token"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def fake() -> Iterator[FakeLexMachina]:
    with FakeLexMachina() as server:
        yield server


def test_url_names_the_bound_loopback_port(fake: FakeLexMachina) -> None:
    parts = urlsplit(fake.url)

    assert (parts.scheme, parts.hostname) == ("http", "127.0.0.1")
    assert parts.port == fake.port != 0


def test_token_answers_a_bearer_token_with_its_lifetime(fake: FakeLexMachina) -> None:
    answer = call(fake, "POST", token_path(**CREDENTIALS))
    body = answer.json()

    assert answer.status == 200
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert len(body["access_token"]) >= 32


def test_each_token_request_gets_a_new_token(fake: FakeLexMachina) -> None:
    assert get_token(fake) != get_token(fake)


def test_token_parameters_may_come_as_a_form_body(fake: FakeLexMachina) -> None:
    form = urlencode(CREDENTIALS).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    answer = call(fake, "POST", "/oauth2/token", form, headers)

    assert answer.status == 200
    assert answer.json()["token_type"] == "Bearer"


def test_missing_credentials_answer_one_422_item_each(fake: FakeLexMachina) -> None:
    answer = call(fake, "POST", "/oauth2/token")

    assert answer.status == 422
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == {
        "detail": [
            {"loc": ["query", "client_id"], "msg": "Field required", "type": "missing"},
            {
                "loc": ["query", "client_secret"],
                "msg": "Field required",
                "type": "missing",
            },
        ]
    }


def test_a_missing_secret_alone_is_named(fake: FakeLexMachina) -> None:
    answer = call(fake, "POST", token_path(client_id="demo-client"))
    items = answer.json()["detail"]

    assert answer.status == 422
    assert [item["loc"] for item in items] == [["query", "client_secret"]]


def test_an_unsupported_grant_type_is_a_422(fake: FakeLexMachina) -> None:
    params = {**CREDENTIALS, "grant_type": "password"}
    answer = call(fake, "POST", token_path(**params))
    (item,) = answer.json()["detail"]

    assert answer.status == 422
    assert item["loc"] == ["query", "grant_type"]
    assert item["type"] == "literal_error"
    assert "client_credentials" in item["msg"]


def test_grant_type_defaults_to_client_credentials(fake: FakeLexMachina) -> None:
    path = token_path(client_id="demo-client", client_secret="demo-secret")

    assert call(fake, "POST", path).status == 200


@pytest.mark.parametrize(
    ("client_id", "secret"),
    [("demo-client", "wrong-secret"), ("nobody", "demo-secret")],
)
def test_bad_credentials_answer_401(
    fake: FakeLexMachina, client_id: str, secret: str
) -> None:
    path = token_path(client_id=client_id, client_secret=secret)
    answer = call(fake, "POST", path)

    assert answer.status == 401
    assert answer.json() == {"detail": "Invalid client credentials"}
    assert secret.encode() not in answer.raw


def test_added_clients_get_tokens(fake: FakeLexMachina) -> None:
    fake.add_client("second", "s3cret")
    path = token_path(client_id="second", client_secret="s3cret")

    assert call(fake, "POST", path).status == 200


def test_health_answers_with_a_valid_token(fake: FakeLexMachina) -> None:
    answer = call(fake, "GET", "/health", headers=bearer(get_token(fake)))

    assert answer.status == 200
    assert answer.json() == {
        "legalDataIsAvailable": True,
        "userAccountDataIsAvailable": True,
        "searchDataIsAvailable": True,
    }


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"}],
)
def test_health_refuses_missing_or_unknown_tokens(
    fake: FakeLexMachina, headers: dict[str, str]
) -> None:
    answer = call(fake, "GET", "/health", headers=headers)

    assert answer.status == 401
    assert answer.json() == {"detail": "Invalid token"}


def test_a_token_past_its_lifetime_is_expired() -> None:
    with FakeLexMachina(token_lifetime=0.0) as fake:
        token = get_token(fake)
        answer = call(fake, "GET", "/health", headers=bearer(token))

    assert answer.status == 401
    assert answer.json() == {"detail": "Token time expired: Signature has expired."}


def test_expire_tokens_invalidates_issued_tokens_only(fake: FakeLexMachina) -> None:
    old = get_token(fake)
    fake.expire_tokens()
    new = get_token(fake)

    assert call(fake, "GET", "/health", headers=bearer(old)).status == 401
    assert call(fake, "GET", "/health", headers=bearer(new)).status == 200


def test_token_lifetime_can_change_while_running(fake: FakeLexMachina) -> None:
    fake.token_lifetime = 90.5
    answer = call(fake, "POST", token_path(**CREDENTIALS))

    assert answer.json()["expires_in"] == 91


def test_unknown_paths_answer_404_before_any_token_check(
    fake: FakeLexMachina,
) -> None:
    answer = call(fake, "GET", "/no-such-thing")

    assert answer.status == 404
    assert answer.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/oauth2/token"), ("DELETE", "/health")]
)
def test_wrong_methods_answer_405(fake: FakeLexMachina, method: str, path: str) -> None:
    answer = call(fake, method, path)

    assert answer.status == 405
    assert answer.json() == {"detail": "Method Not Allowed"}


def test_one_connection_carries_many_answers(fake: FakeLexMachina) -> None:
    conn = connect(fake)
    statuses = []
    for path in ["/health", "/nowhere", "/health"]:
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.getheader("Content-Length") == str(len(response.read()))
        statuses.append(response.status)
    conn.close()

    assert statuses == [401, 404, 401]


def test_requests_are_recorded_with_credentials_masked(fake: FakeLexMachina) -> None:
    token = get_token(fake)
    call(fake, "POST", "/health?x=1&x=2", b"payload", bearer(token))
    first, second = fake.requests

    assert (first.method, first.path) == ("POST", "/oauth2/token")
    assert first.query["client_secret"] == ["***"]
    assert first.query["client_id"] == ["demo-client"]
    assert (second.method, second.path, second.body) == ("POST", "/health", b"payload")
    assert second.query == {"x": ["1", "2"]}
    assert second.headers["Authorization"] == "Bearer ***"
    assert token not in repr(fake.requests)
    assert "demo-secret" not in repr(fake.requests)


def test_form_secrets_are_masked_in_records(fake: FakeLexMachina) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    call(fake, "POST", "/oauth2/token", urlencode(CREDENTIALS).encode(), headers)

    assert b"demo-secret" not in fake.requests[0].body
    assert b"client_id=demo-client" in fake.requests[0].body


def test_token_requests_counts_and_reset_clears(fake: FakeLexMachina) -> None:
    get_token(fake)
    call(fake, "POST", "/oauth2/token")
    call(fake, "GET", "/health")
    counted = (fake.token_requests, len(fake.requests))
    fake.reset()

    assert counted == (2, 3)
    assert (fake.token_requests, fake.requests) == (0, [])


def test_tokens_survive_a_reset(fake: FakeLexMachina) -> None:
    token = get_token(fake)
    fake.reset()

    assert call(fake, "GET", "/health", headers=bearer(token)).status == 200


def test_repr_names_no_secret(fake: FakeLexMachina) -> None:
    assert "demo-secret" not in repr(fake)
    assert fake.url in repr(fake)


def test_stop_closes_listener_and_open_connections() -> None:
    fake = FakeLexMachina().start()
    port = fake.port
    conn = connect(fake)
    conn.request("GET", "/health")
    conn.getresponse().read()
    fake.stop()

    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        conn.request("GET", "/health")
        conn.getresponse()
    with pytest.raises(ConnectionRefusedError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT).connect()


def test_serving_writes_nothing_to_stderr(
    fake: FakeLexMachina, capfd: pytest.CaptureFixture[str]
) -> None:
    get_token(fake)
    call(fake, "GET", "/health")
    call(fake, "GET", "/nowhere")

    assert capfd.readouterr().err == ""


def test_command_line_serves_the_given_client() -> None:
    command = [sys.executable, "-m", "lexmachina.testing", "serve", "--port", "0"]
    command += ["--client", "cli-id:cli-secret"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = urlsplit(process.stdout.readline().strip())
        conn = http.client.HTTPConnection("127.0.0.1", url.port, timeout=TIMEOUT)
        path = token_path(client_id="cli-id", client_secret="cli-secret")
        conn.request("POST", path)
        status = conn.getresponse().status
        conn.close()
    finally:
        process.send_signal(signal.SIGINT)
        returncode = process.wait(timeout=TIMEOUT)

    assert status == 200
    assert returncode == 0
