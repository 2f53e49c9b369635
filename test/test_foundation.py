"""The seed document's flow, errors and secrecy, over HTTP to the fake server."""

from __future__ import annotations

import io
import pickle
import socket
import threading
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import urllib3

import lexmachina
from lexmachina.exceptions import (
    ApiConnectionError,
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
    TransportError,
    UnauthorizedException,
    UnprocessableEntityException,
)
from lexmachina.rest import ApiException
from lexmachina.testing import FakeLexMachina, Fault

from .conftest import CLIENT_ID, CLIENT_SECRET

SEED = Path(__file__).resolve().parent.parent / "docs" / "AuthorizationApi.md"


def _seed_example() -> str:
    text = SEED.read_text()
    start = text.index("```python\n") + len("```python\n")
    return text[start : text.index("```", start)]


def test_seed_example_runs_unchanged_but_for_host(fake: FakeLexMachina) -> None:
    code = _seed_example().replace("https://api.lexmachina.com", fake.url)
    fake.add_client("client_id_example", "client_secret_example")
    out = io.StringIO()
    with redirect_stdout(out):
        exec(compile(code, "AuthorizationApi.md", "exec"), {})
    printed = out.getvalue()
    assert "The response of AuthorizationApi->oauth2_token" in printed
    assert "'token_type': 'Bearer'" in printed
    assert "Exception when calling" not in printed
    issued = fake.requests[-1]
    assert issued.path == "/oauth2/token"
    assert issued.query["client_id"] == ["client_id_example"]


def test_token_goes_out_as_query_parameters(fake: FakeLexMachina) -> None:
    with lexmachina.ApiClient(lexmachina.Configuration(host=fake.url)) as client:
        answer = lexmachina.AuthorizationApi(client).oauth2_token(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET
        )
    assert isinstance(answer, dict)
    assert answer["token_type"] == "Bearer" and len(answer["access_token"]) >= 20
    assert answer["access_token"] not in repr(answer)
    sent = fake.requests[-1]
    assert (sent.method, sent.body) == ("POST", b"")
    assert sent.query["grant_type"] == ["client_credentials"]


def test_user_agent_names_package_and_version(client: lexmachina.ApiClient, fake):
    lexmachina.StatusApi(client).get_health()
    agent = fake.requests[-1].headers["User-Agent"]
    assert agent == f"lexmachina-python/{lexmachina.__version__}"


def test_422_is_typed_with_parsed_detail(fake: FakeLexMachina) -> None:
    with (
        lexmachina.ApiClient(lexmachina.Configuration(host=fake.url)) as client,
        pytest.raises(UnprocessableEntityException) as caught,
    ):
        lexmachina.AuthorizationApi(client).oauth2_token(client_id=CLIENT_ID)
    err = caught.value
    assert err.status == 422 and err.reason == "Unprocessable Entity"
    first = err.data.detail[0]
    assert list(first.loc) == ["query", "client_secret"]
    assert first.msg == "Field required" and first.type == "missing"
    assert err.body is not None and b'"detail"' in err.body
    assert err.headers is not None
    assert err.headers["Content-Type"].startswith("application/json")
    assert "client_secret: Field required" in str(err)


def test_wrong_secret_is_401_and_never_echoed(fake, all_logs) -> None:
    wrong = "wrong-secret-do-not-print-9"
    with (
        lexmachina.ApiClient(lexmachina.Configuration(host=fake.url)) as client,
        pytest.raises(UnauthorizedException) as caught,
    ):
        lexmachina.AuthorizationApi(client).oauth2_token(
            client_id=CLIENT_ID, client_secret=wrong
        )
    err = caught.value
    assert err.status == 401 and err.data["detail"]
    for text in (str(err), repr(err), all_logs.text):
        assert wrong not in text


def test_health_with_static_token(fake: FakeLexMachina) -> None:
    config = lexmachina.Configuration(host=fake.url)
    with lexmachina.ApiClient(config) as client:
        token = lexmachina.AuthorizationApi(client).oauth2_token(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET
        )["access_token"]
        config.access_token = token
        health = lexmachina.StatusApi(client).get_health()
    assert health.legal_data_is_available is True
    assert fake.requests[-1].headers["Authorization"].startswith("Bearer ")
    assert fake.token_requests == 1


def test_health_without_any_credentials_fails_before_sending(fake) -> None:
    with (
        lexmachina.ApiClient(lexmachina.Configuration(host=fake.url)) as client,
        pytest.raises(ConfigurationError, match="LEXMACHINA_CLIENT_ID"),
    ):
        lexmachina.StatusApi(client).get_health()
    assert fake.requests == []


def test_with_http_info_and_raw_variants(client: lexmachina.ApiClient) -> None:
    api = lexmachina.StatusApi(client)
    info = api.get_health_with_http_info()
    assert info.status_code == 200
    assert info.json()["searchDataIsAvailable"] is True
    assert info.data.search_data_is_available is True
    raw = api.get_health_without_preload_content()
    try:
        assert raw.status == 200 and b"legalDataIsAvailable" in raw.read()
    finally:
        raw.release_conn()


def test_connection_refused_is_a_transport_error_from_urllib3() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = lexmachina.Configuration(host=f"http://127.0.0.1:{port}", retries=0)
    with (
        lexmachina.ApiClient(config) as client,
        pytest.raises(ApiConnectionError) as caught,
    ):
        lexmachina.AuthorizationApi(client).oauth2_token(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET
        )
    err = caught.value
    assert isinstance(err, TransportError) and err.status is None
    assert isinstance(err.__cause__, urllib3.exceptions.HTTPError)
    assert CLIENT_SECRET not in str(err) and "?" not in str(err)
    assert CLIENT_SECRET not in repr(err.__cause__)


def test_exceptions_pickle_with_their_fields(fake: FakeLexMachina) -> None:
    with (
        lexmachina.ApiClient(lexmachina.Configuration(host=fake.url)) as client,
        pytest.raises(UnprocessableEntityException) as caught,
    ):
        lexmachina.AuthorizationApi(client).oauth2_token()
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is UnprocessableEntityException
    assert (copy.status, copy.body) == (422, caught.value.body)


def test_bad_arguments_fail_before_sending(client, fake) -> None:
    api = lexmachina.AuthorizationApi(client)
    with pytest.raises(ApiTypeError, match="client_id"):
        api.oauth2_token(client_id=12345)  # type: ignore[arg-type]
    with pytest.raises(ApiTypeError, match="_request_timeout"):
        api.oauth2_token(client_id="x", _request_timeout="soon")  # type: ignore[arg-type]
    assert fake.requests == []
    assert issubclass(ApiValueError, ApiException)


def test_client_close_really_closes_the_pool(config) -> None:
    client = lexmachina.ApiClient(config)
    lexmachina.StatusApi(client).get_health()
    pools = client.rest_client.pool.pools
    assert len(pools) == 1
    with client:
        pass
    assert len(client.rest_client.pool.pools) == 0


def test_one_client_is_shared_by_threads(client, fake) -> None:
    api = lexmachina.StatusApi(client)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(10):
                assert api.get_health().user_account_data_is_available
        except BaseException as err:
            failures.append(err)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert fake.token_requests == 1


def test_demo_prints_shortened_token_and_exits_zero(capsys) -> None:
    from lexmachina.__main__ import main

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "StatusApi.get_health" in out and "legal_data_is_available=True" in out
    assert "..." in out


def test_token_from_oauth2_token_is_masked_in_urllib3_logs(fake, all_logs) -> None:
    import logging

    with lexmachina.ApiClient(lexmachina.Configuration(host=fake.url)) as client:
        answer = lexmachina.AuthorizationApi(client).oauth2_token(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET
        )
    token = answer["access_token"]
    logging.getLogger("urllib3.connectionpool").debug("echo %s", token)
    assert "echo ***" in all_logs.text
    assert token not in all_logs.text and CLIENT_SECRET not in all_logs.text


def test_404_message_says_what_was_unknown(client) -> None:
    from lexmachina.exceptions import NotFoundException

    with pytest.raises(NotFoundException) as caught:
        lexmachina.FederalDistrictCasesApi(client).get_district_case(1)
    assert str(caught.value) == "(404) Not Found: Unknown id"
    assert caught.value.data == {"summary": "Unknown id", "detail": "Not Found"}


def test_secret_with_url_special_characters_never_leaks(fake, all_logs) -> None:
    import traceback

    secret = "s3cr3t+Value/Xyz= with space"
    fake.add_client("special", secret)
    config = lexmachina.Configuration(
        host=fake.url, client_id="special", client_secret=secret, retries=1
    )
    fake.inject(Fault("drop", "/oauth2/token", times=None))
    with lexmachina.ApiClient(config) as client:
        try:
            lexmachina.StatusApi(client).get_health()
        except ApiConnectionError:
            shown = traceback.format_exc()
    from urllib.parse import quote, quote_plus

    for spelling in (secret, quote(secret, safe=""), quote_plus(secret)):
        assert spelling not in all_logs.text and spelling not in shown
    assert "client_secret" not in shown


def test_unread_variant_raises_typed_error_for_a_cut_error_body(client, fake) -> None:
    from lexmachina.exceptions import IncompleteBodyError

    fake.inject(Fault("truncate", "/district-cases/{id}", times=1))
    api = lexmachina.FederalDistrictCasesApi(client)
    with pytest.raises((IncompleteBodyError, ApiConnectionError)):
        api.get_district_case_without_preload_content(1)


@pytest.mark.parametrize("bad", [float("inf"), float("nan"), -1, (1, float("inf"))])
def test_non_finite_timeouts_are_refused(client, fake, bad) -> None:
    with pytest.raises(ApiTypeError):
        lexmachina.StatusApi(client).get_health(_request_timeout=bad)
    assert fake.requests == []


def test_bad_proxy_from_environment_is_a_configuration_error(fake, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:99999")
    with pytest.raises(ConfigurationError, match="HTTPS_PROXY"):
        lexmachina.ApiClient(lexmachina.Configuration(host=fake.url))


def test_request_bodies_are_checked_strictly_before_sending(client, fake) -> None:
    from lexmachina.models import CaseStatus, DistrictCaseQuery

    api = lexmachina.CaseQueryApi(client)
    for body in (
        {"caseStatus": "Bogus"},
        DistrictCaseQuery.model_validate({"caseStatus": "Bogus"}),
        DistrictCaseQuery.model_validate({"bogus": 1}),
        {"pageSize": 5, "pagesize": 5},
    ):
        with pytest.raises(ApiValueError):
            api.query_district_cases(body)
    assert fake.requests == []
    found = api.query_district_cases(
        DistrictCaseQuery(case_status=CaseStatus.OPEN, page_size=2)
    )
    assert len(found.cases) == 2
    assert fake.requests[-1].body == b'{"caseStatus":"Open","pageSize":2}'


def test_message_only_exceptions_pickle() -> None:
    for err in (ApiValueError("x"), ApiConnectionError("y"), ConfigurationError("z")):
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is type(err) and str(copy) == str(err)
