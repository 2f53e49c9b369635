"""Configuration: defaults, environment, and clear errors for bad settings."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from urllib3.util import Retry

import lexmachina
from lexmachina.exceptions import ApiException, ConfigurationError


def test_defaults_point_at_production_with_finite_timeouts() -> None:
    config = lexmachina.Configuration()
    assert config.host == "https://api.lexmachina.com"
    assert config.verify_ssl is True
    assert 0 < config.connect_timeout <= 30
    assert 0 < config.read_timeout <= 300
    assert config.client_id is None and config.access_token is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sandbox", "https://api.sandbox.lexmachina.com"),
        ("production", "https://api.lexmachina.com"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ],
)
def test_host_by_name_or_url(given: str, expected: str) -> None:
    assert lexmachina.Configuration(host=given).host == expected


def test_host_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEXMACHINA_HOST", "sandbox")
    assert lexmachina.Configuration().host == "https://api.sandbox.lexmachina.com"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"host": "api.lexmachina.com"}, "is not a URL"),
        ({"host": "ftp://x"}, "is not a URL"),
        ({"host": 42}, "host must be a string"),
        ({"host": "https://h/?client_secret=x"}, "must not carry a query"),
        ({"connect_timeout": 0}, "connect_timeout must be a positive"),
        ({"read_timeout": "5"}, "read_timeout must be a positive"),
        ({"retries": -1}, "retries must be a count"),
        ({"retries": 2.5}, "retries must be a count"),
        ({"verify_ssl": "yes"}, "verify_ssl must be True or False"),
        ({"ssl_ca_cert": "/no/such/ca.pem"}, "no readable file"),
        ({"proxy": "proxy:3128"}, "proxy must be a URL"),
        ({"connection_pool_maxsize": 0}, "at least 1"),
        ({"access_token": 123}, "access_token must be a string"),
    ],
)
def test_bad_settings_fail_at_construction(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message) as caught:
        lexmachina.Configuration(**settings)
    assert isinstance(caught.value, ApiException)
    assert isinstance(caught.value, ValueError)


def test_bad_assignment_fails_too() -> None:
    config = lexmachina.Configuration()
    with pytest.raises(ConfigurationError, match="read_timeout"):
        config.read_timeout = -3
    assert config.read_timeout > 0


def test_half_given_credentials_name_both_ways() -> None:
    with pytest.raises(ConfigurationError) as caught:
        lexmachina.Configuration(client_id="only-the-id")
    text = str(caught.value)
    assert "client_secret" in text
    assert "LEXMACHINA_CLIENT_ID" in text and "LEXMACHINA_CLIENT_SECRET" in text


def test_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEXMACHINA_CLIENT_ID", "env-id")
    monkeypatch.setenv("LEXMACHINA_CLIENT_SECRET", "env-secret-value")
    config = lexmachina.Configuration()
    assert (config.client_id, config.client_secret) == ("env-id", "env-secret-value")
    explicit = lexmachina.Configuration(client_id="a", client_secret="b")
    assert explicit.client_id == "a"


def test_repr_hides_secret_and_token() -> None:
    config = lexmachina.Configuration(
        client_id="visible-id",
        client_secret="hidden-secret-123",
        access_token="hidden-token-456",
    )
    text = repr(config)
    assert "visible-id" in text
    assert "hidden-secret-123" not in text and "hidden-token-456" not in text


def test_retries_accepts_a_urllib3_retry() -> None:
    policy = Retry(total=7)
    assert lexmachina.Configuration(retries=policy).retries is policy


def test_debug_switch_sets_only_our_logger(monkeypatch: pytest.MonkeyPatch) -> None:
    ours = logging.getLogger("lexmachina")
    before_root = logging.getLogger().level
    try:
        lexmachina.Configuration(debug=True)
        assert ours.level == logging.DEBUG
        assert logging.getLogger().level == before_root
        assert not any(not isinstance(h, logging.NullHandler) for h in ours.handlers)
    finally:
        ours.setLevel(logging.NOTSET)
    monkeypatch.setenv("LEXMACHINA_LOG", "debug")
    try:
        assert lexmachina.Configuration().debug is True
        assert ours.level == logging.DEBUG
    finally:
        ours.setLevel(logging.NOTSET)
