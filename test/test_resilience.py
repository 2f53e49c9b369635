"""Retries, timeouts, token renewal and secrecy under failure, against the fake."""

from __future__ import annotations

import email.utils
import threading
import time
from typing import Any

import pytest
from urllib3.util import Retry

import lexmachina
from lexmachina.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    IncompleteBodyError,
    ServiceException,
    TooManyRequestsException,
    UnauthorizedException,
)
from lexmachina.testing import FakeLexMachina, Fault

from .conftest import CLIENT_ID, CLIENT_SECRET


def _health(client: lexmachina.ApiClient) -> bool:
    return lexmachina.StatusApi(client).get_health().legal_data_is_available


def _health_hits(fake: FakeLexMachina) -> int:
    return sum(1 for r in fake.requests if r.path == "/health")


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retryable_status_then_success(client, fake, status) -> None:
    fake.fail("/health", status=status, times=2, retry_after="0")
    assert _health(client) is True
    assert _health_hits(fake) == 3


def test_retries_run_out_and_raise_last_status_with_retry_after(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, retries=2
    )
    fake.fail("/health", status=429, times=None, retry_after="0")
    with (
        lexmachina.ApiClient(config) as client,
        pytest.raises(TooManyRequestsException) as caught,
    ):
        _health(client)
    assert caught.value.status == 429
    assert caught.value.retry_after == "0"
    assert _health_hits(fake) == 3


def test_retries_zero_disables_retrying(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, retries=0
    )
    fake.fail("/health", status=503, times=1)
    with lexmachina.ApiClient(config) as client, pytest.raises(ServiceException):
        _health(client)
    assert _health_hits(fake) == 1


@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_retry_after_is_honoured(client, fake, form) -> None:
    value = (
        "1"
        if form == "seconds"
        else email.utils.formatdate(time.time() + 2, usegmt=True)
    )
    fake.fail("/health", status=503, times=1, retry_after=value)
    started = time.monotonic()
    assert _health(client) is True
    assert time.monotonic() - started >= 0.9


def test_retry_after_is_capped(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        retry_after_max=0.5,
    )
    fake.fail("/health", status=429, times=1, retry_after="3600")
    started = time.monotonic()
    with lexmachina.ApiClient(config) as client:
        assert _health(client) is True
    assert time.monotonic() - started < 5


def test_garbage_retry_after_is_ignored(client, fake) -> None:
    fake.fail("/health", status=503, times=1, retry_after="soon-ish")
    assert _health(client) is True
    assert _health_hits(fake) == 2


def test_post_token_request_is_retried_on_503(client, fake) -> None:
    fake.fail("/oauth2/token", status=503, times=2)
    assert _health(client) is True
    assert fake.token_requests == 3


def test_html_error_page_is_typed_not_a_json_error(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, retries=0
    )
    fake.inject(Fault("html", "/health", status=502))
    with (
        lexmachina.ApiClient(config) as client,
        pytest.raises(ServiceException) as caught,
    ):
        _health(client)
    err = caught.value
    assert err.status == 502 and err.data is None
    assert err.body is not None and b"<html" in err.body.lower()
    assert str(err) == "(502) Bad Gateway"


def test_dropped_connection_is_retried(client, fake) -> None:
    fake.inject(Fault("drop", "/health", times=1))
    assert _health(client) is True


def test_dropped_connection_forever_is_a_connection_error(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, retries=1
    )
    fake.inject(Fault("drop", "/health", times=None))
    with lexmachina.ApiClient(config) as client, pytest.raises(ApiConnectionError):
        _health(client)


def test_truncated_body_is_retried_then_reported(fake, client) -> None:
    fake.inject(Fault("truncate", "/health", times=1))
    assert _health(client) is True
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, retries=0
    )
    fake.inject(Fault("truncate", "/health", times=1))
    with (
        lexmachina.ApiClient(config) as other,
        pytest.raises(IncompleteBodyError) as caught,
    ):
        _health(other)
    assert caught.value.__cause__ is not None


def test_slow_answer_times_out_within_the_limit(client, fake) -> None:
    fake.inject(Fault("slow", "/health", times=None, delay=3.0))
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError, match="_request_timeout"):
        lexmachina.StatusApi(client).get_health(_request_timeout=(1.0, 0.2))
    # Four tries (three retries) of 0.2 s reads, plus backoff, well under 3 s each.
    assert time.monotonic() - started < 6


def test_slow_token_endpoint_times_out(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        read_timeout=0.2,
        retries=0,
    )
    fake.inject(Fault("slow", "/oauth2/token", times=None, delay=2.0))
    with lexmachina.ApiClient(config) as client, pytest.raises(ApiTimeoutError):
        _health(client)


def test_expired_token_is_renewed_once_and_replayed(client, fake) -> None:
    assert _health(client) is True
    fake.expire_tokens()
    assert _health(client) is True
    assert fake.token_requests == 2
    assert _health_hits(fake) == 3


def test_401_forever_raises_after_one_renewal(client, fake) -> None:
    fake.fail("/health", status=401, times=None)
    with pytest.raises(UnauthorizedException):
        _health(client)
    assert fake.token_requests == 2
    assert _health_hits(fake) == 2


def test_static_token_is_not_renewed(fake) -> None:
    config = lexmachina.Configuration(host=fake.url, access_token="not-a-real-token-x")
    with lexmachina.ApiClient(config) as client, pytest.raises(UnauthorizedException):
        _health(client)
    assert fake.token_requests == 0 and _health_hits(fake) == 1


def test_token_is_renewed_before_it_expires(fake) -> None:
    fake.token_lifetime = 1.0
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    with lexmachina.ApiClient(config) as client:
        assert _health(client)
        time.sleep(1.1)
        assert _health(client)
    assert fake.token_requests == 2
    assert _health_hits(fake) == 2


@pytest.mark.parametrize(
    ("expires_in", "expected_fetches"),
    [("3600", 1), (3600, 1), (0, 3), (-5, 3), (None, 1)],
)
def test_expires_in_forms(expires_in, expected_fetches) -> None:
    from lexmachina._auth import TokenCache

    answers: list[dict[str, Any]] = []

    def fetch() -> dict[str, Any]:
        answer = {"access_token": f"token-{len(answers)}-xxxxxxxxxxxxxxxx"}
        if expires_in is not None:
            answer["expires_in"] = expires_in
        answers.append(answer)
        return answer

    cache = TokenCache(fetch, lifetime=3600, margin=60)
    for _ in range(3):
        cache.token()
    assert len(answers) == expected_fetches


def test_token_in_body_mode_sends_a_form(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        token_in_body=True,
    )
    with lexmachina.ApiClient(config) as client:
        assert _health(client)
    token_request = next(r for r in fake.requests if r.path == "/oauth2/token")
    assert token_request.query == {}
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_sixteen_threads_one_token_per_expiry(fake) -> None:
    fake.token_lifetime = 2
    config = lexmachina.Configuration(
        host=fake.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        connection_pool_maxsize=16,
    )
    failures: list[BaseException] = []
    calls = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + 4.0

    def work(client: lexmachina.ApiClient) -> None:
        try:
            while time.monotonic() < deadline:
                assert _health(client)
                with lock:
                    calls[0] += 1
                time.sleep(0.01)
        except BaseException as err:
            failures.append(err)

    started = time.monotonic()
    with lexmachina.ApiClient(config) as client:
        threads = [threading.Thread(target=work, args=(client,)) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    elapsed = time.monotonic() - started
    assert failures == []
    assert calls[0] >= 200
    # A token lives 2 s and is renewed a tenth early, so over the 4 s of
    # calls one fetch is due at 0, 1.8 and 3.6 s; a fourth only if the run
    # overshoots its deadline. Every call made exactly one request: no 401.
    assert 3 <= fake.token_requests <= 4
    assert _health_hits(fake) == calls[0]
    assert elapsed < 10


def test_secret_and_tokens_never_logged_even_when_failing(fake, all_logs, capsys):
    config = lexmachina.Configuration(
        host=fake.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        debug=True,
        retries=Retry(
            total=2, backoff_factor=0, allowed_methods=None, status_forcelist={503}
        ),
    )
    fake.fail("/oauth2/token", status=503, times=1)
    fake.inject(Fault("drop", "/oauth2/token", times=1))
    tokens: list[str] = []
    try:
        with lexmachina.ApiClient(config) as client:
            assert _health(client)
            tokens.append(client._tokens.token())  # type: ignore[union-attr]
            fake.expire_tokens()
            assert _health(client)
            tokens.append(client._tokens.token())  # type: ignore[union-attr]
            fake.inject(Fault("drop", "/oauth2/token", times=None))
            fake.expire_tokens()
            with pytest.raises(ApiConnectionError) as caught:
                _health(client)
            texts = [
                str(caught.value),
                repr(caught.value),
                repr(caught.value.__cause__),
            ]
            texts += [repr(client), repr(config)]
    finally:
        config.debug = False
    out = capsys.readouterr()
    everything = "\n".join([all_logs.text, out.out, out.err, *texts])
    assert "retry attempt=" in all_logs.text
    assert "request method=GET path=/health status=200" in all_logs.text
    assert any(r.name.startswith("urllib3") for r in all_logs.records)
    for secret in [CLIENT_SECRET, *tokens]:
        assert secret not in everything


def test_post_case_query_is_retried_on_503(client, fake) -> None:
    fake.fail("/query-district-cases", status=503, times=2)
    result = lexmachina.CaseQueryApi(client).query_district_cases(
        {"page": 1, "pageSize": 3}
    )
    assert len(result.cases) == 3
    hits = [r for r in fake.requests if r.path == "/query-district-cases"]
    assert len(hits) == 3 and {r.method for r in hits} == {"POST"}
    assert all(r.body == hits[0].body for r in hits)


def test_waiting_threads_share_a_failed_token_fetch(fake) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, retries=0
    )
    fake.inject(Fault("status", "/oauth2/token", times=None, status=400, delay=0.3))
    errors: list[BaseException] = []

    def work(client: lexmachina.ApiClient) -> None:
        try:
            _health(client)
        except lexmachina.ApiException as err:
            errors.append(err)

    with lexmachina.ApiClient(config) as client:
        threads = [threading.Thread(target=work, args=(client,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert len(errors) == 8
    assert all(getattr(err, "status", None) == 400 for err in errors)
    # The first fetch fails; the threads that waited on it share its error,
    # so far fewer than one fetch per thread goes out.
    assert fake.token_requests <= 3


def test_credentials_assigned_after_the_client_was_made(fake) -> None:
    config = lexmachina.Configuration(host=fake.url)
    with lexmachina.ApiClient(config) as client:
        config.client_id, config.client_secret = CLIENT_ID, CLIENT_SECRET
        assert _health(client)
    assert fake.token_requests == 1
