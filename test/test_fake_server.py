"""The fake Lex Machina server keeps the real API's wire semantics."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from lexmachina.testing import RECORD_KINDS, FakeLexMachina, Fault

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


# Faults


def test_fail_answers_status_for_the_next_calls_then_recovers(
    fake: FakeLexMachina,
) -> None:
    token = get_token(fake)
    fake.fail("/health", status=503, times=2, retry_after="1")
    answers = [call(fake, "GET", "/health", headers=bearer(token)) for _ in range(3)]

    assert [answer.status for answer in answers] == [503, 503, 200]
    assert answers[0].headers["retry-after"] == "1"
    assert answers[0].json() == {"detail": "Service Unavailable"}
    assert "retry-after" not in answers[2].headers
    assert fake.faults == []


def test_a_fault_for_one_path_spares_the_others(fake: FakeLexMachina) -> None:
    fake.fail("/health", status=429)

    assert call(fake, "POST", token_path(**CREDENTIALS)).status == 200
    assert call(fake, "GET", "/health").status == 429


def test_a_fault_without_path_hits_every_path(fake: FakeLexMachina) -> None:
    fake.fail(None, status=502, times=2)

    assert call(fake, "POST", token_path(**CREDENTIALS)).status == 502
    assert call(fake, "GET", "/nowhere").status == 502
    assert call(fake, "GET", "/nowhere").status == 404


def test_a_fault_for_always_lasts_until_cleared(fake: FakeLexMachina) -> None:
    fake.fail("/health", status=500, times=None)
    statuses = [call(fake, "GET", "/health").status for _ in range(4)]
    fake.clear_faults()

    assert statuses == [500] * 4
    assert call(fake, "GET", "/health").status == 401


def test_a_template_path_matches_any_value(fake: FakeLexMachina) -> None:
    fake.inject(Fault("status", path="/{anything}", times=None, status=504))

    assert call(fake, "GET", "/health").status == 504
    assert call(fake, "GET", "/no-such-thing").status == 504
    assert call(fake, "POST", token_path(**CREDENTIALS)).status == 200


def test_a_fault_can_be_limited_to_one_method(fake: FakeLexMachina) -> None:
    fake.inject(Fault("status", path="/health", method="POST", status=500))

    assert call(fake, "GET", "/health").status == 401
    assert call(fake, "POST", "/health").status == 500


def test_faults_are_taken_in_injection_order(fake: FakeLexMachina) -> None:
    fake.fail("/health", status=500)
    fake.fail(None, status=502)

    assert call(fake, "GET", "/health").status == 500
    assert call(fake, "GET", "/health").status == 502


def test_pending_faults_show_what_is_left(fake: FakeLexMachina) -> None:
    fake.fail("/health", times=3)
    call(fake, "GET", "/health")

    assert fake.faults == [Fault("status", "/health", times=2)]


def test_a_dropped_connection_gets_no_answer(fake: FakeLexMachina) -> None:
    fake.inject(Fault("drop", path="/health"))
    conn = connect(fake)
    conn.request("GET", "/health")

    with pytest.raises(http.client.RemoteDisconnected):
        conn.getresponse()
    conn.close()
    assert call(fake, "GET", "/health").status == 401
    assert [r.path for r in fake.requests] == ["/health", "/health"]


def test_a_truncated_body_promises_more_than_it_sends(fake: FakeLexMachina) -> None:
    fake.inject(Fault("truncate", path="/oauth2/token"))
    conn = connect(fake)
    conn.request("POST", token_path(**CREDENTIALS))
    response = conn.getresponse()

    assert response.status == 200
    assert response.getheader("Content-Type") == "application/json"
    with pytest.raises(http.client.IncompleteRead) as caught:
        response.read()
    conn.close()
    promised = int(response.getheader("Content-Length") or 0)
    assert 0 < len(caught.value.partial) < promised


def test_an_html_error_page_comes_as_text_html(fake: FakeLexMachina) -> None:
    fake.inject(Fault("html", path="/health", status=502, retry_after="7"))
    answer = call(fake, "GET", "/health")

    assert answer.status == 502
    assert answer.headers["content-type"] == "text/html"
    assert answer.headers["retry-after"] == "7"
    assert answer.raw.startswith(b"<html>")
    assert b"502 Bad Gateway" in answer.raw


def test_a_slow_answer_arrives_late_but_whole(fake: FakeLexMachina) -> None:
    fake.inject(Fault("slow", path="/oauth2/token", delay=0.2))
    started = time.monotonic()
    answer = call(fake, "POST", token_path(**CREDENTIALS))

    assert time.monotonic() - started >= 0.2
    assert answer.status == 200
    assert answer.json()["token_type"] == "Bearer"


def test_a_slow_token_endpoint_outlasts_a_short_client_timeout(
    fake: FakeLexMachina,
) -> None:
    fake.inject(Fault("slow", path="/oauth2/token", delay=30.0))
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=0.3)
    conn.request("POST", token_path(**CREDENTIALS))

    with pytest.raises(TimeoutError):
        conn.getresponse()
    conn.close()


def test_stop_cuts_short_a_delayed_answer() -> None:
    fake = FakeLexMachina().start()
    fake.inject(Fault("slow", path="/health", delay=60.0))
    outcome: list[BaseException | int] = []

    def wait_for_answer() -> None:
        try:
            outcome.append(call(fake, "GET", "/health").status)
        except (OSError, http.client.HTTPException) as error:
            outcome.append(error)

    waiter = threading.Thread(target=wait_for_answer)
    waiter.start()
    for _ in range(500):
        if fake.requests:
            break
        time.sleep(0.01)
    fake.stop()
    waiter.join(TIMEOUT)

    assert not waiter.is_alive()
    assert isinstance(outcome[0], (OSError, http.client.HTTPException))


def test_concurrent_requests_use_up_a_fault_exactly(fake: FakeLexMachina) -> None:
    fake.fail("/health", status=503, times=5)
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(
            pool.map(lambda _: call(fake, "GET", "/health").status, range(20))
        )

    assert statuses.count(503) == 5
    assert statuses.count(401) == 15


def test_reset_drops_pending_faults(fake: FakeLexMachina) -> None:
    fake.fail("/health", times=None)
    fake.reset()

    assert fake.faults == []
    assert call(fake, "GET", "/health").status == 401


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "explode"},
        {"kind": "status", "times": 0},
        {"kind": "slow", "delay": -1},
    ],
)
def test_nonsense_faults_are_refused(arguments: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Fault(**arguments)


# The whole API: synthetic data in the spec's shapes

SPEC_PATH = Path(
    os.environ.get(
        "LEXMACHINA_SPEC",
        REPO.parent / "shared" / "openapi" / "lexmachina-api-20260324.json",
    )
)


def resolve(spec: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def type_errors(value: Any, kind: str, where: str) -> list[str]:
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
        "null": lambda v: v is None,
    }
    return [] if checks[kind](value) else [f"{where}: {value!r} is not {kind}"]


def date_errors(value: Any, where: str) -> list[str]:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return [f"{where}: {value!r} is not a date"]
    return [] if len(value) == 10 else [f"{where}: {value!r} is not a date"]


def object_errors(
    value: dict[str, Any], schema: dict[str, Any], spec: dict[str, Any], where: str
) -> list[str]:
    properties = schema.get("properties", {})
    errors = [
        f"{where}: missing {name}"
        for name in schema.get("required", [])
        if name not in value
    ]
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            errors += schema_errors(item, properties[name], spec, f"{where}.{name}")
        elif extra is False:
            errors.append(f"{where}: unexpected field {name}")
        elif isinstance(extra, dict):
            errors += schema_errors(item, extra, spec, f"{where}.{name}")
    return errors


def schema_errors(
    value: Any, schema: dict[str, Any], spec: dict[str, Any], where: str = "$"
) -> list[str]:
    """What in ``value`` breaks ``schema`` (the subset of JSON Schema the spec uses)."""
    if "$ref" in schema:
        return schema_errors(value, resolve(spec, schema["$ref"]), spec, where)
    if "anyOf" in schema:
        tries = [
            schema_errors(value, option, spec, where) for option in schema["anyOf"]
        ]
        if any(not errors for errors in tries):
            return []
        return [f"{where}: matches no anyOf option: {tries}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    if "type" not in schema:
        return []
    errors = type_errors(value, schema["type"], where)
    if errors:
        return errors
    if schema.get("format") == "date":
        return date_errors(value, where)
    if schema["type"] == "array":
        item = schema.get("items", {})
        for index, element in enumerate(value):
            errors += schema_errors(element, item, spec, f"{where}[{index}]")
    if schema["type"] == "object":
        errors += object_errors(value, schema, spec, where)
    return errors


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    if not SPEC_PATH.is_file():
        pytest.fail(f"no spec at {SPEC_PATH}; set LEXMACHINA_SPEC")
    loaded: dict[str, Any] = json.loads(SPEC_PATH.read_text())
    return loaded


@pytest.fixture(scope="module")
def world() -> Iterator[FakeLexMachina]:
    with FakeLexMachina() as server:
        yield server


@pytest.fixture(scope="module")
def token(world: FakeLexMachina) -> str:
    return get_token(world)


def get_json(fake: FakeLexMachina, token: str, path: str, **query: Any) -> Answer:
    target = path + ("?" + urlencode(query, doseq=True) if query else "")
    return call(fake, "GET", target, headers=bearer(token))


def post_json(fake: FakeLexMachina, token: str, path: str, body: Any) -> Answer:
    headers = {**bearer(token), "Content-Type": "application/json"}
    return call(fake, "POST", path, json.dumps(body).encode(), headers)


def first_id(fake: FakeLexMachina, kind: str) -> Any:
    return fake.record_ids(kind)[0]


def example_requests(fake: FakeLexMachina) -> dict[str, list[tuple[str, str, Any]]]:
    """For each operationId, requests (method, path with query, JSON body)."""
    ids = {kind: first_id(fake, kind) for kind in RECORD_KINDS}
    trial = fake.get_record("ptab-trial", ids["ptab-trial"])
    case = fake.get_record("district-case", ids["district-case"])
    assert trial is not None and case is not None
    query = {"caseTypes": {"include": ["Patent"]}, "pageSize": 20}
    merged = [ids["attorney"], 90000 + ids["attorney"]]
    return {
        "oauth2_token": [("POST", token_path(**CREDENTIALS), None)],
        "get_health": [("GET", "/health", None)],
        "analyze_district_cases_from_query": [
            (
                "POST",
                "/analyze-district-cases/from-query",
                {"analyticType": a, "districtCaseQuery": query},
            )
            for a in ("CaseCountByType", "PartyCountByRole", "LawFirmCountByRole")
        ],
        "analyze_district_cases_from_alert": [
            (
                "GET",
                "/analyze-district-cases/from-alert/1?analytic_type=CaseCountByType&on_or_after=2018-01-01",
                None,
            )
        ],
        "find_district_case_by_number": [
            (
                "GET",
                "/find-district-cases?"
                + urlencode(
                    {"caseNumbers": [case["caseNo"], "9:99-cv-99999"]}, doseq=True
                ),
                None,
            )
        ],
        "get_alerts": [("GET", "/alerts", None)],
        "get_alert_runs": [("GET", "/alerts/runs/1", None)],
        "get_alert_run_results": [("GET", "/alerts/runs/1/2026-02-20", None)],
        "get_appeals_case": [
            ("GET", f"/appeals-cases/{i}?docket_retrieval=all", None)
            for i in fake.record_ids("appeals-case")[:5]
        ],
        "get_attorney": [("GET", f"/attorneys/{i}", None) for i in merged],
        "get_attorneys": [
            (
                "GET",
                "/attorneys?" + urlencode({"attorneyIds": merged}, doseq=True),
                None,
            )
        ],
        "get_bankruptcy_case": [
            ("GET", f"/bankruptcy-cases/{i}?docket_retrieval=all", None)
            for i in fake.record_ids("bankruptcy-case")[:5]
        ],
        "get_bankruptcy_judge": [
            ("GET", f"/bankruptcy-judges/{ids['bankruptcy-judge']}", None)
        ],
        "get_bankruptcy_judges": [
            (
                "GET",
                f"/bankruptcy-judges?bankruptcyJudgeIds={ids['bankruptcy-judge']}",
                None,
            )
        ],
        "get_district_case": [
            ("GET", f"/district-cases/{i}?docket_retrieval=all", None)
            for i in fake.record_ids("district-case")
        ],
        "get_district_docket_entry": [
            ("GET", f"/docket-entries/{i}", None)
            for i in fake.record_ids("docket-entry")[::97]
        ],
        "get_federal_judge": [
            ("GET", f"/federal-judges/{i}", None)
            for i in fake.record_ids("federal-judge")
        ],
        "get_federal_judges": [
            ("GET", f"/federal-judges?federalJudgeIds={ids['federal-judge']}", None)
        ],
        "get_itc_document_entry": [
            ("GET", f"/itc-document-entries/{ids['itc-document']}", None)
        ],
        "get_itc_investigation": [
            ("GET", f"/itc-investigations/{i}?document_retrieval=all", None)
            for i in fake.record_ids("itc-investigation")
        ],
        "get_law_firm": [
            ("GET", f"/law-firms/{i}", None)
            for i in (ids["law-firm"], 90000 + ids["law-firm"])
        ],
        "get_law_firms": [
            (
                "GET",
                "/law-firms?"
                + urlencode(
                    {"lawFirmIds": [ids["law-firm"], 90000 + ids["law-firm"]]}, True
                ),
                None,
            )
        ],
        "get_magistrate": [
            ("GET", f"/magistrate-judges/{ids['magistrate-judge']}", None)
        ],
        "get_magistrates": [
            (
                "GET",
                f"/magistrate-judges?magistrateJudgeIds={ids['magistrate-judge']}",
                None,
            )
        ],
        "get_party": [
            ("GET", f"/parties/{i}", None) for i in (ids["party"], 90000 + ids["party"])
        ],
        "get_parties": [
            (
                "GET",
                f"/parties?partyIds={ids['party']}&partyIds={90000 + ids['party']}",
                None,
            )
        ],
        "get_patent": [
            ("GET", f"/patents/{i}", None) for i in fake.record_ids("patent")
        ],
        "get_patents": [("GET", f"/patents?patentNumbers={ids['patent']}", None)],
        "get_ptab_trial": [
            ("GET", f"/ptab-trials/{i}", None) for i in fake.record_ids("ptab-trial")
        ],
        "get_ptab_trial_by_number": [
            ("GET", f"/ptab-trials/{trial['ptabTrialNumber']}", None)
        ],
        "get_state_case": [
            ("GET", f"/state-cases/{i}?docket_retrieval=all", None)
            for i in fake.record_ids("state-case")
        ],
        "get_state_docket_entry": [
            ("GET", f"/state-docket-entries/{ids['state-docket-entry']}", None)
        ],
        "get_state_judge": [("GET", f"/state-judges/{ids['state-judge']}", None)],
        "get_state_judges": [
            ("GET", f"/state-judges?stateJudgeIds={ids['state-judge']}", None)
        ],
        **{
            op: [("GET", f"/{name}/{kind}", None) for kind in COURT_TYPES]
            for op, name in [
                ("list_case_resolutions", "list-case-resolutions"),
                ("list_case_tags", "list-case-tags"),
                ("list_case_types", "list-case-types"),
                ("list_courts", "list-courts"),
                ("list_events", "list-events"),
            ]
        },
        "list_appealability_rulings": [("GET", "/list-appealability-rulings", None)],
        "list_appellate_decisions": [
            ("GET", "/list-appellate-decisions/FederalDistrict", None)
        ],
        "list_federal_district_damages": [
            ("GET", "/list-damages/FederalDistrict", None)
        ],
        "list_state_damages": [("GET", "/list-damages/State", None)],
        "list_federal_district_findings": [
            ("GET", "/list-findings/FederalDistrict", None)
        ],
        "list_judgment_sources": [
            ("GET", "/list-judgment-sources/FederalDistrict", None)
        ],
        "list_judgment_events": [("GET", "/list-judgment-events/State", None)],
        "list_originating_venues": [
            ("GET", "/list-originating-venues/FederalAppeals", None)
        ],
        "list_supreme_court_decisions": [
            ("GET", "/list-supreme-court-decisions/FederalAppeals", None)
        ],
        "list_remedies": [("GET", "/list-remedies/FederalDistrict", None)],
        "query_appeals_cases": [("POST", "/query-appeals-cases", {"pageSize": 10})],
        "query_district_cases": [("POST", "/query-district-cases", query)],
        "query_state_cases": [
            ("POST", "/query-state-cases", {"courts": {"state": "TX"}})
        ],
        "search_attorneys": [("GET", "/search-attorneys?q=a&pageSize=5", None)],
        "seach_law_firms": [("GET", "/search-law-firms?q=llp&pageSize=50", None)],
        "search_judges": [("GET", "/search-judges?q=a", None)],
        "search_parties": [("GET", "/search-parties?q=inc&pageSize=500", None)],
        "get_party_groups": [("GET", "/party-groups", None)],
    }


COURT_TYPES = (
    "FederalDistrict",
    "State",
    "FederalAppeals",
    "FederalBankruptcy",
    "PTAB",
    "ITC",
)


def operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        operation["operationId"]: operation
        for item in spec["paths"].values()
        for operation in item.values()
    }


def test_every_operation_answers_its_documented_shape(
    world: FakeLexMachina, token: str, spec: dict[str, Any]
) -> None:
    examples = example_requests(world)
    documented = operations(spec)
    problems: dict[str, list[str]] = {}

    for operation_id, requests in examples.items():
        schema = documented[operation_id]["responses"]["200"]["content"][
            "application/json"
        ]["schema"]
        for method, path, body in requests:
            if body is None:
                answer = call(world, method, path, headers=bearer(token))
            else:
                answer = post_json(world, token, path, body)
            if answer.status != 200:
                problems.setdefault(operation_id, []).append(
                    f"{path}: {answer.status} {answer.raw[:200]!r}"
                )
                continue
            errors = schema_errors(answer.json(), schema, spec)
            if errors:
                problems.setdefault(operation_id, []).extend(errors[:5])

    assert set(examples) == set(documented)
    assert len(documented) == 57
    assert problems == {}


def query_ids(fake: FakeLexMachina, token: str, path: str, body: Any) -> list[int]:
    answer = post_json(fake, token, path, body)
    assert answer.status == 200, answer.raw
    return [next(v for k, v in c.items() if k != "url") for c in answer.json()["cases"]]


def case_of(fake: FakeLexMachina, case_id: int) -> dict[str, Any]:
    found = fake.get_record("district-case", case_id)
    assert found is not None
    return found


def test_default_data_spreads_over_years_courts_and_outcomes(
    world: FakeLexMachina,
) -> None:
    cases = [case_of(world, i) for i in world.record_ids("district-case")]

    assert 300 <= len(cases) <= 500
    assert len({c["dates"]["filed"][:4] for c in cases}) >= 10
    assert len({c["court"] for c in cases}) >= 5
    assert len({t for c in cases for t in c["caseType"]}) >= 5
    assert sum(c["status"] == "Terminated" for c in cases) > len(cases) / 2
    assert sum(bool(c["damages"]["active"]) for c in cases) >= 20


def test_a_case_ids_resolve_at_their_own_endpoints(
    world: FakeLexMachina, token: str
) -> None:
    patent_cases = [
        case_of(world, i)
        for i in world.record_ids("district-case")
        if case_of(world, i)["patents"]
    ]
    case = patent_cases[0]
    paths = [f"/federal-judges/{j['federalJudgeId']}" for j in case["judges"]]
    paths += [f"/law-firms/{f['lawFirmId']}" for f in case["lawFirms"]]
    paths += [f"/attorneys/{a['attorneyId']}" for a in case["attorneys"]]
    paths += [f"/parties/{p['partyId']}" for p in case["parties"]]
    paths += [f"/patents/{p['number']}" for p in case["patents"]]
    answers = [get_json(world, token, path) for path in paths]

    assert [a.status for a in answers] == [200] * len(paths)
    assert answers[0].json()["name"] == case["judges"][0]["name"]
    judge_courts = {c["court"] for c in answers[0].json()["caseCountByCourt"]}
    assert case["court"] in judge_courts


def test_links_in_answers_point_back_at_the_fake(
    world: FakeLexMachina, token: str
) -> None:
    body = {"pageSize": 1}
    answer = post_json(world, token, "/query-district-cases", body)
    (case,) = answer.json()["cases"]

    assert case["url"] == f"{world.url}/district-cases/{case['districtCaseId']}"
    assert get_json(world, token, urlsplit(case["url"]).path).status == 200


def test_the_docket_comes_only_when_asked(world: FakeLexMachina, token: str) -> None:
    case_id = first_id(world, "district-case")
    plain = get_json(world, token, f"/district-cases/{case_id}").json()["docket"]
    full = get_json(
        world, token, f"/district-cases/{case_id}", docket_retrieval="all"
    ).json()["docket"]

    assert (plain["entries"], plain["retrieved"]) == ([], "none")
    assert full["retrieved"] == "all"
    assert len(full["entries"]) == full["count"] == plain["count"] > 0
    entry_id = full["entries"][0]["docketEntryId"]
    entry = get_json(world, token, f"/docket-entries/{entry_id}").json()
    assert entry["districtCaseId"] == case_id


def test_query_filters_on_court_type_and_filing_dates(
    world: FakeLexMachina, token: str
) -> None:
    court = "U.S. District Court for the District of Delaware"
    body = {
        "courts": {"include": [court]},
        "caseTypes": {"include": ["Patent"]},
        "dates": {"filed": {"onOrAfter": "2018-01-01", "onOrBefore": "2021-12-31"}},
        "pageSize": 500,
    }
    found = query_ids(world, token, "/query-district-cases", body)
    expected = [
        i
        for i in world.record_ids("district-case")
        if case_of(world, i)["court"] == court
        and "Patent" in case_of(world, i)["caseType"]
        and "2018-01-01" <= case_of(world, i)["dates"]["filed"] <= "2021-12-31"
    ]

    assert sorted(found) == expected
    assert len(found) >= 3
    filed = [case_of(world, i)["dates"]["filed"] for i in found]
    assert filed == sorted(filed)


def test_query_pages_partition_the_matches(world: FakeLexMachina, token: str) -> None:
    body: dict[str, Any] = {"caseStatus": "Terminated", "ordering": "ByLastFiled"}
    everything = query_ids(
        world, token, "/query-district-cases", {**body, "pageSize": 1000}
    )
    pages = [
        query_ids(
            world, token, "/query-district-cases", {**body, "page": n, "pageSize": 7}
        )
        for n in (1, 2, 3)
    ]
    beyond = {**body, "page": len(everything) // 7 + 2, "pageSize": 7}

    assert pages[0] + pages[1] + pages[2] == everything[:21]
    assert query_ids(world, token, "/query-district-cases", beyond) == []
    assert len(query_ids(world, token, "/query-district-cases", {})) == 5


def test_state_and_appeals_queries_filter_too(
    world: FakeLexMachina, token: str
) -> None:
    state = query_ids(
        world, token, "/query-state-cases", {"courts": {"state": "CA"}, "pageSize": 500}
    )
    appeals = query_ids(world, token, "/query-appeals-cases", {"pageSize": 500})
    origin = world.get_record("appeals-case", appeals[0])
    assert origin is not None
    origin_id = origin["originatingCases"][0]["districtCaseId"]

    assert state
    states = {(world.get_record("state-case", i) or {}).get("state") for i in state}
    assert states == {"CA"}
    assert sorted(appeals) == world.record_ids("appeals-case")
    assert appeals[0] in [
        a["appealsCaseId"] for a in case_of(world, origin_id)["appealsCases"]
    ]


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({"colour": "red"}, ["body", "colour"], "extra_forbidden"),
        ({"page": 0}, ["body", "page"], "greater_than_equal"),
        ({"ordering": "Random"}, ["body", "ordering"], "enum"),
        (
            {"dates": {"filed": {"onOrAfter": "soon"}}},
            ["body", "dates", "filed", "onOrAfter"],
            "date_from_datetime_parsing",
        ),
    ],
)
def test_bad_queries_answer_422(
    world: FakeLexMachina, token: str, body: Any, loc: list[str], kind: str
) -> None:
    answer = post_json(world, token, "/query-district-cases", body)

    assert answer.status == 422
    assert [(i["loc"], i["type"]) for i in answer.json()["detail"]] == [(loc, kind)]


def test_state_queries_need_a_state(world: FakeLexMachina, token: str) -> None:
    answer = post_json(world, token, "/query-state-cases", {})

    assert answer.status == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "courts"]


def test_analytics_count_what_the_query_selects(
    world: FakeLexMachina, token: str
) -> None:
    query = {"caseTypes": {"include": ["Patent"]}}
    body = {"analyticType": "CaseCountByType", "districtCaseQuery": query}
    answer = post_json(world, token, "/analyze-district-cases/from-query", body).json()
    matching = query_ids(
        world, token, "/query-district-cases", {**query, "pageSize": 1000}
    )
    counts = {item["caseType"]: item["count"] for item in answer["aggregation"]["data"]}

    assert answer["totalCases"] == len(matching)
    assert counts["Patent"] == len(matching)


def test_search_matches_names_case_insensitively_and_pages(
    world: FakeLexMachina, token: str
) -> None:
    first = get_json(world, token, "/search-law-firms", q="LLP", pageSize=15).json()
    second_url = urlsplit(first["nextPage"])
    second = get_json(world, token, second_url.path + "?" + second_url.query).json()
    last = get_json(
        world, token, "/search-law-firms", q="llp", pageSize=15, pageNumber=3
    ).json()
    names = [
        firm["name"] for page in (first, second, last) for firm in page["lawFirms"]
    ]

    assert (first["totalCount"], first["page"], second["page"]) == (40, 1, 2)
    assert f"{second_url.scheme}://{second_url.netloc}" == world.url
    assert parse_qs(second_url.query) == {
        "q": ["LLP"],
        "pageNumber": ["2"],
        "pageSize": ["15"],
    }
    assert len(set(names)) == 40
    assert last.get("nextPage") is None


def test_search_finds_nothing_for_an_unknown_name(
    world: FakeLexMachina, token: str
) -> None:
    answer = get_json(world, token, "/search-parties", q="zzzz-nobody").json()

    assert answer == {"totalCount": 0, "page": 1, "parties": []}


def test_search_needs_q(world: FakeLexMachina, token: str) -> None:
    answer = get_json(world, token, "/search-attorneys")

    assert answer.status == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "q"]


def test_batch_lookup_answers_each_known_id(world: FakeLexMachina, token: str) -> None:
    ids = world.record_ids("attorney")[5:8]
    answer = get_json(world, token, "/attorneys", attorneyIds=[*ids, 999])

    assert [a["attorneyId"] for a in answer.json()] == ids


def test_batch_lookup_refuses_more_than_500_ids(
    world: FakeLexMachina, token: str
) -> None:
    answer = get_json(world, token, "/attorneys", attorneyIds=list(range(1, 502)))
    (item,) = answer.json()["detail"]

    assert answer.status == 422
    assert (item["loc"], item["type"]) == (["query", "attorneyIds"], "too_long")


def test_batch_lookup_refuses_a_non_integer_id(
    world: FakeLexMachina, token: str
) -> None:
    answer = get_json(world, token, "/parties", partyIds=[20001, "x"])
    (item,) = answer.json()["detail"]

    assert answer.status == 422
    assert (item["loc"], item["type"]) == (["query", "partyIds", 1], "int_parsing")


def test_a_merged_id_answers_a_reference(world: FakeLexMachina, token: str) -> None:
    current = first_id(world, "party")
    answer = get_json(world, token, f"/parties/{90000 + current}").json()

    assert answer["partyId"] == current
    assert answer["inputId"] == 90000 + current
    assert answer["url"] == f"{world.url}/parties/{current}"


def test_unknown_ids_answer_404(world: FakeLexMachina, token: str) -> None:
    answers = [
        get_json(world, token, "/district-cases/1"),
        get_json(world, token, "/patents/0000000"),
        get_json(world, token, "/alerts/runs/77"),
    ]

    assert [a.status for a in answers] == [404] * 3
    assert answers[0].json() == {"summary": "Unknown id", "detail": "Not Found"}


def test_a_non_integer_id_answers_422(world: FakeLexMachina, token: str) -> None:
    answer = get_json(world, token, "/federal-judges/abc")

    assert answer.status == 422
    assert answer.json() == {
        "detail": [
            {
                "loc": ["path", "federal_judge_id"],
                "msg": (
                    "Input should be a valid integer, "
                    "unable to parse string as an integer"
                ),
                "type": "int_parsing",
            }
        ]
    }


def test_an_unknown_court_type_answers_422(world: FakeLexMachina, token: str) -> None:
    answer = get_json(world, token, "/list-courts/Moon")

    assert answer.status == 422
    assert answer.json()["detail"][0]["type"] == "enum"


def test_ptab_trials_answer_by_id_and_by_number(
    world: FakeLexMachina, token: str
) -> None:
    trial = world.get_record("ptab-trial", first_id(world, "ptab-trial"))
    assert trial is not None
    by_number = get_json(world, token, f"/ptab-trials/{trial['ptabTrialNumber']}")

    assert by_number.json()["ptabTrialId"] == trial["ptabTrialId"]


def test_data_endpoints_need_a_token(world: FakeLexMachina) -> None:
    answers = [
        call(world, "GET", "/federal-judges/1001"),
        call(world, "POST", "/query-district-cases", b"{}"),
        call(world, "GET", "/list-courts/FederalDistrict"),
    ]

    assert [a.status for a in answers] == [401] * 3


def test_the_same_seed_gives_the_same_data() -> None:
    with (
        FakeLexMachina() as one,
        FakeLexMachina() as two,
        FakeLexMachina(seed=7) as other,
    ):
        case_id = first_id(one, "district-case")
        first, second = case_of(one, case_id), case_of(two, case_id)
        different = other.get_record("district-case", case_id)

    assert first == second
    assert different is not None and different != first


def test_district_cases_count_is_configurable() -> None:
    with FakeLexMachina(district_cases=20) as fake:
        assert len(fake.record_ids("district-case")) == 20


def test_added_records_are_served_and_queried(
    world: FakeLexMachina, token: str
) -> None:
    template = case_of(world, first_id(world, "district-case"))
    entry = {**template["docket"]["entries"][0], "docketEntryId": 99_000_001}
    mine = {
        **template,
        "districtCaseId": 99_000_000,
        "court": "U.S. District Court for the District of Nowhere",
        "docket": {"entries": [entry], "retrieved": "all", "count": 1},
    }
    world.add_record("district-case", mine)
    body = {"courts": {"include": [mine["court"]]}}

    assert (
        get_json(world, token, "/district-cases/99000000").json()["court"]
        == mine["court"]
    )
    assert query_ids(world, token, "/query-district-cases", body) == [99_000_000]
    assert (
        get_json(world, token, "/docket-entries/99000001").json()["districtCaseId"]
        == 99_000_000
    )


def test_add_record_refuses_unknown_kinds_and_missing_ids(
    world: FakeLexMachina,
) -> None:
    with pytest.raises(ValueError, match="kind"):
        world.add_record("spaceship", {"id": 1})
    with pytest.raises(ValueError, match="attorneyId"):
        world.add_record("attorney", {"name": "No Id"})
