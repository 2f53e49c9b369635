"""Settings for an :class:`~lexmachina.ApiClient`, checked when they are given."""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from urllib3.util import Retry

from . import _defaults
from .exceptions import ConfigurationError

_CREDENTIALS_HELP = (
    "pass client_id and client_secret to Configuration, or set the "
    f"{_defaults.ENV_CLIENT_ID} and {_defaults.ENV_CLIENT_SECRET} "
    "environment variables"
)
_SECRET_FIELDS = frozenset({"client_secret", "access_token"})


class Configuration:
    """Where the API is, how to authenticate, and how patiently to call it.

    Every argument is optional. ``host`` is a URL or one of the names
    ``"production"`` and ``"sandbox"``; without one, ``LEXMACHINA_HOST`` or
    else production is used. ``client_id`` and ``client_secret`` let the
    client fetch and renew tokens itself; without both, they are read from
    ``LEXMACHINA_CLIENT_ID`` and ``LEXMACHINA_CLIENT_SECRET``. A fixed
    ``access_token`` is sent as is and never renewed.

    Timeouts are in seconds. ``retries`` is a count of retries for 429, 502,
    503, 504 and connection failures, a :class:`urllib3.util.Retry`, or 0 to
    turn retrying off. ``retry_after_max`` caps how long a ``Retry-After``
    header may make a call wait. ``token_in_body`` sends the token request's
    credentials as a form body (RFC 6749, section 2.3.1) instead of the query
    string the API documents. ``debug`` (or ``LEXMACHINA_LOG=debug``) turns on
    DEBUG records under the ``lexmachina`` logger; the library adds no
    handler, so configure logging to see them.

    A setting of the wrong type or an impossible value raises
    :class:`~lexmachina.exceptions.ConfigurationError` at once, at
    construction or on assignment.
    """

    def __init__(
        self,
        host: str | None = None,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        access_token: str | None = None,
        connect_timeout: float = _defaults.CONNECT_TIMEOUT,
        read_timeout: float = _defaults.READ_TIMEOUT,
        retries: int | Retry = _defaults.RETRIES,
        retry_after_max: float = _defaults.RETRY_AFTER_MAX,
        verify_ssl: bool = True,
        ssl_ca_cert: str | None = None,
        cert_file: str | None = None,
        key_file: str | None = None,
        proxy: str | None = None,
        proxy_headers: Mapping[str, str] | None = None,
        connection_pool_maxsize: int = _defaults.POOL_MAXSIZE,
        token_in_body: bool = False,
        token_lifetime: float = _defaults.TOKEN_LIFETIME,
        token_renew_margin: float = _defaults.TOKEN_RENEW_MARGIN,
        debug: bool | None = None,
    ) -> None:
        self.host = host or os.environ.get(_defaults.ENV_HOST) or "production"
        self._set_credentials(client_id, client_secret)
        self.access_token = access_token
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.retries = retries
        self.retry_after_max = retry_after_max
        self.verify_ssl = verify_ssl
        self.ssl_ca_cert = ssl_ca_cert
        self.cert_file = cert_file
        self.key_file = key_file
        self.proxy = proxy
        self.proxy_headers = dict(proxy_headers) if proxy_headers else None
        self.connection_pool_maxsize = connection_pool_maxsize
        self.token_in_body = token_in_body
        self.token_lifetime = token_lifetime
        self.token_renew_margin = token_renew_margin
        if debug is None:
            debug = os.environ.get(_defaults.ENV_LOG, "").lower() == "debug"
        self.debug = debug

    def _set_credentials(
        self, client_id: str | None, client_secret: str | None
    ) -> None:
        if client_id is None and client_secret is None:
            client_id = os.environ.get(_defaults.ENV_CLIENT_ID) or None
            client_secret = os.environ.get(_defaults.ENV_CLIENT_SECRET) or None
        if (client_id is None) != (client_secret is None):
            given = "client_id" if client_id is not None else "client_secret"
            raise ConfigurationError(
                f"only {given} was given; a token needs both: {_CREDENTIALS_HELP}"
            )
        self.client_id = client_id
        self.client_secret = client_secret

    def __setattr__(self, name: str, value: Any) -> None:
        check = _CHECKS.get(name)
        if check is not None:
            value = check(name, value)
        if name == "debug" and value != getattr(self, "debug", False):
            _apply_debug(value)
        super().__setattr__(name, value)

    @property
    def has_credentials(self) -> bool:
        """Whether a client id and secret are set, so tokens can be fetched."""
        return self.client_id is not None and self.client_secret is not None

    def credentials_help(self) -> str:
        """Say how to give credentials, for error messages."""
        return _CREDENTIALS_HELP

    def __repr__(self) -> str:
        shown = ("host", "client_id", "client_secret", "access_token", "retries")
        parts = [f"{name}={self._shown_value(name)}" for name in shown]
        return f"Configuration({', '.join(parts)})"

    def _shown_value(self, name: str) -> str:
        value = getattr(self, name)
        if name in _SECRET_FIELDS and value is not None:
            return "'***'"
        return repr(value)


def _check_host(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigurationError(f"host must be a string, not {type(value).__name__}")
    host: str = value.strip()
    host = _defaults.KNOWN_HOSTS.get(host.lower(), host)
    parts = urlsplit(host)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"host {host!r} is not a URL like 'https://api.lexmachina.com' "
            f"or one of {', '.join(sorted(_defaults.KNOWN_HOSTS))}"
        )
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise ConfigurationError(
            "host must not carry a query, a fragment or user info; "
            "give credentials as client_id and client_secret"
        )
    try:
        parts.port  # noqa: B018  (urlsplit checks the port only when asked)
    except ValueError:
        raise ConfigurationError(f"host {host!r} has an invalid port") from None
    return host.rstrip("/")


def _check_optional_str(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    raise ConfigurationError(f"{name} must be a string, not {type(value).__name__}")


def _check_secret(name: str, value: Any) -> str | None:
    secret = _check_optional_str(name, value)
    if secret == "":
        raise ConfigurationError(f"{name} is empty; {_CREDENTIALS_HELP}")
    return secret


def _check_existing_file(name: str, value: Any) -> str | None:
    path = _check_optional_str(name, value)
    if path is not None and not os.path.isfile(path):
        raise ConfigurationError(f"{name}: no readable file at {path!r}")
    return path


def _is_finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


def _check_positive(name: str, value: Any) -> float:
    if not _is_finite_number(value) or value <= 0:
        raise ConfigurationError(f"{name} must be a positive, finite number of seconds")
    return float(value)


def _check_non_negative(name: str, value: Any) -> float:
    if not _is_finite_number(value) or value < 0:
        raise ConfigurationError(f"{name} must be zero or a positive, finite number")
    return float(value)


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{name} must be True or False")
    return value


def _check_pool_size(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"{name} must be a whole number of at least 1")
    return value


def _check_retries(name: str, value: Any) -> int | Retry:
    if isinstance(value, Retry):
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            "retries must be a count (0 turns retrying off) or a urllib3 Retry"
        )
    return value


def _check_proxy(name: str, value: Any) -> str | None:
    proxy = _check_optional_str(name, value)
    if proxy is None:
        return None
    parts = urlsplit(proxy)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError("proxy must be a URL like 'http://proxy.example:3128'")
    return proxy


def _apply_debug(enabled: bool) -> None:
    logger = logging.getLogger("lexmachina")
    logger.setLevel(logging.DEBUG if enabled else logging.NOTSET)


_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "host": _check_host,
    "client_id": _check_optional_str,
    "client_secret": _check_secret,
    "access_token": _check_optional_str,
    "connect_timeout": _check_positive,
    "read_timeout": _check_positive,
    "retries": _check_retries,
    "retry_after_max": _check_non_negative,
    "verify_ssl": _check_bool,
    "ssl_ca_cert": _check_existing_file,
    "cert_file": _check_existing_file,
    "key_file": _check_existing_file,
    "proxy": _check_proxy,
    "connection_pool_maxsize": _check_pool_size,
    "token_in_body": _check_bool,
    "token_lifetime": _check_positive,
    "token_renew_margin": _check_non_negative,
    "debug": _check_bool,
}
