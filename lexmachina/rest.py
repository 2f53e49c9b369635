"""The transport: one urllib3 pool, retries, and urllib3 errors made typed.

``ApiException`` is importable from here as well, as code written for other
clients of this API expects.
"""

from __future__ import annotations

import logging
import ssl
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import Retry, Timeout

from . import _defaults, _secrets
from .configuration import Configuration
from .exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTLSError,
    ConfigurationError,
    IncompleteBodyError,
    TransportError,
)

__all__ = ["ApiException", "RESTClient"]

logger = logging.getLogger("lexmachina.rest")


class _LoggedRetry(Retry):
    """urllib3's retry policy, logging each decision and forgiving bad headers.

    A ``Retry-After`` that is neither seconds nor an HTTP date is ignored,
    and the backoff applies instead.
    """

    def get_retry_after(self, response: Any) -> float | None:
        try:
            return super().get_retry_after(response)
        except HTTPError:
            return None

    def increment(self, *args: Any, **kwargs: Any) -> _LoggedRetry:
        new = super().increment(*args, **kwargs)
        last = new.history[-1] if new.history else None
        cause = (
            type(last.error).__name__ if last and last.error else last and last.status
        )
        logger.debug(
            "retry attempt=%d cause=%s backoff_s=%.2f",
            len(new.history) + 1,
            cause,
            new.get_backoff_time(),
        )
        return new


def retry_policy(config: Configuration) -> Retry:
    """Build the retry policy that ``config.retries`` describes."""
    if isinstance(config.retries, Retry):
        # Adopt the caller's policy, but let a final error status come back as
        # a response, so it raises the typed exception for that status.
        policy = _LoggedRetry.__new__(_LoggedRetry)
        policy.__dict__.update(config.retries.__dict__)
        return policy.new(raise_on_status=False, raise_on_redirect=False)
    return _LoggedRetry(
        total=None,
        connect=config.retries,
        read=config.retries,
        status=config.retries,
        other=0,
        redirect=_defaults.REDIRECTS,
        allowed_methods=None,
        status_forcelist=_defaults.RETRY_STATUSES,
        backoff_factor=_defaults.BACKOFF_FACTOR,
        backoff_max=_defaults.BACKOFF_MAX,
        backoff_jitter=_defaults.BACKOFF_JITTER,
        retry_after_max=int(config.retry_after_max),
        raise_on_status=False,
        raise_on_redirect=False,
    )


class RESTClient:
    """Sends requests over one thread-safe urllib3 pool manager."""

    def __init__(self, config: Configuration) -> None:
        _secrets.guard_urllib3_logs()
        self._host = urlsplit(config.host).hostname or ""
        self.pool = _pool_manager(config)
        self.retries = retry_policy(config)

    def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None,
        timeout: Timeout,
        preload_content: bool = True,
    ) -> urllib3.BaseHTTPResponse:
        """Send one request, retrying as the policy says; raise typed errors."""
        try:
            return self.pool.urlopen(
                method,
                url,
                body=body,
                headers=dict(headers),
                retries=self.retries,
                redirect=True,
                timeout=timeout,
                preload_content=preload_content,
            )
        except HTTPError as err:
            raise _transport_error(err, self._host) from _secrets.scrub_exception(err)

    def read(self, response: urllib3.BaseHTTPResponse) -> bytes:
        """Read an unread response's body whole; raise typed errors."""
        try:
            return response.read()
        except HTTPError as err:
            raise _transport_error(err, self._host) from _secrets.scrub_exception(err)
        finally:
            response.release_conn()

    def close(self) -> None:
        """Close every pooled connection."""
        self.pool.clear()


def _pool_manager(config: Configuration) -> urllib3.PoolManager:
    options: dict[str, Any] = {
        "num_pools": 4,
        "maxsize": config.connection_pool_maxsize,
        "cert_reqs": ssl.CERT_REQUIRED if config.verify_ssl else ssl.CERT_NONE,
        "ca_certs": config.ssl_ca_cert,
        "cert_file": config.cert_file,
        "key_file": config.key_file,
    }
    proxy = config.proxy or _proxy_from_environment(config.host)
    if proxy is None:
        return urllib3.PoolManager(**options)
    try:
        return urllib3.ProxyManager(
            proxy, proxy_headers=config.proxy_headers, **options
        )
    except LocationValueError:
        raise ConfigurationError(
            "the proxy (from Configuration(proxy=...) or the HTTPS_PROXY and "
            "HTTP_PROXY variables) is not a usable URL like "
            "'http://proxy.example:3128'"
        ) from None


def _proxy_from_environment(host: str) -> str | None:
    parts = urlsplit(host)
    bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
    if bypass(parts.netloc):
        return None
    return urllib.request.getproxies_environment().get(parts.scheme)


def _transport_error(err: HTTPError, host: str) -> TransportError:
    cause = getattr(err, "reason", None) or err
    if isinstance(cause, (SSLError, ssl.SSLError)):
        return ApiTLSError(
            f"TLS with {host} failed ({_short(cause)}); if the server's "
            "certificate comes from a private CA, pass its file as "
            "Configuration(ssl_ca_cert='ca.pem')"
        )
    # NewConnectionError subclasses ConnectTimeoutError, so it goes first.
    if isinstance(cause, NewConnectionError):
        return ApiConnectionError(
            f"could not connect to {host}; check the host setting and the network"
        )
    if isinstance(cause, ProxyError):
        return ApiConnectionError(
            f"the proxy refused or failed the connection to {host}"
        )
    if isinstance(cause, (ConnectTimeoutError, ReadTimeoutError)):
        phase = (
            "connecting to"
            if isinstance(cause, ConnectTimeoutError)
            else "reading from"
        )
        return ApiTimeoutError(
            f"timed out {phase} {host}; raise Configuration(connect_timeout=..., "
            "read_timeout=...) or pass _request_timeout"
        )
    if isinstance(cause, ProtocolError) and "IncompleteRead" in str(cause):
        return IncompleteBodyError(f"the answer from {host} ended before its end")
    if isinstance(cause, ProtocolError):
        return ApiConnectionError(f"the connection to {host} broke mid-request")
    return TransportError(f"request to {host} failed ({type(cause).__name__})")


def _short(err: BaseException) -> str:
    text = _secrets.redact(str(err))
    return text if len(text) <= 160 else text[:157] + "..."
