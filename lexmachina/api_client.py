"""The client that every ``<Tag>Api`` class sends its requests through."""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import urlencode

import urllib3
from urllib3.util import Timeout, make_headers

from . import _secrets
from ._auth import TokenCache, TokenResponse
from ._operation import Operation, encode_args
from ._version import __version__
from .api_response import ApiResponse
from .configuration import Configuration
from .exceptions import (
    ApiTypeError,
    ConfigurationError,
    ResponseParseError,
    UnprocessableEntityException,
    exception_class_for,
    parse_error_body,
)
from .rest import RESTClient

logger = logging.getLogger("lexmachina.client")

RequestTimeout = float | tuple[float, float] | None
_TOKEN_PATH = "/oauth2/token"
# gzip and deflate always; br and zstd only when the packages urllib3 decodes
# them with are installed, so the server never sends what cannot be read.
_ACCEPT_ENCODING = make_headers(accept_encoding=True)["accept-encoding"]


class _Request(NamedTuple):
    # A named tuple: as immutable as a frozen dataclass, several times
    # cheaper to build, and two are built for every call.
    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None
    label: str
    secured: bool


class ApiClient:
    """Sends requests to the API and turns answers into models or exceptions.

    Make one per application and share it: it is safe to use from many
    threads, keeps one connection pool, and caches the access token. Use it
    as a context manager, or call :meth:`close`, to release the pool.
    """

    def __init__(
        self,
        configuration: Configuration | None = None,
        header_name: str | None = None,
        header_value: str | None = None,
    ) -> None:
        self.configuration = configuration or Configuration()
        self.default_headers: dict[str, str] = {
            "Accept": "application/json",
            "Accept-Encoding": _ACCEPT_ENCODING,
        }
        self.user_agent = f"lexmachina-python/{__version__}"
        if header_name is not None and header_value is not None:
            self.default_headers[header_name] = header_value
        self.rest_client = RESTClient(self.configuration)
        self._tokens_lock = threading.Lock()
        self._tokens = self._token_cache()
        self._parsers: dict[Any, Callable[[bytes], Any]] = {}

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` header sent with every request."""
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send ``header_name: header_value`` with every request."""
        self.default_headers[header_name] = header_value

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection; the client may not be used after."""
        self.rest_client.close()

    def __repr__(self) -> str:
        return f"ApiClient(host={self.configuration.host!r})"

    def call_api(
        self,
        op: Operation,
        args: Mapping[str, Any],
        request_timeout: RequestTimeout = None,
        headers: Mapping[str, str] | None = None,
    ) -> ApiResponse[Any]:
        """Send ``op`` with ``args`` and return the answer, parsed on demand.

        Raises an :class:`~lexmachina.exceptions.ApiException` subclass for
        a bad argument (before sending), a transport failure or an error
        status.
        """
        request = self._build_request(op, args, headers)
        response = self._send(request, _timeout(request_timeout, self.configuration))
        return ApiResponse(
            response.status, response.headers, response.data, self._parser(op.response)
        )

    def call_api_raw(
        self,
        op: Operation,
        args: Mapping[str, Any],
        request_timeout: RequestTimeout = None,
        headers: Mapping[str, str] | None = None,
    ) -> urllib3.BaseHTTPResponse:
        """Like :meth:`call_api`, but return the unread urllib3 response.

        Error statuses still raise. The caller reads the body and must
        release the connection with ``release_conn()`` when done.
        """
        request = self._build_request(op, args, headers)
        return self._send(
            request, _timeout(request_timeout, self.configuration), preload=False
        )

    def fetch_token(self) -> TokenResponse:
        """Ask the token endpoint for a new token with the configured credentials."""
        config = self.configuration
        if not config.has_credentials:
            raise ConfigurationError(f"no credentials: {config.credentials_help()}")
        _secrets.register(config.client_secret)
        form = {
            "client_id": config.client_id,
            "client_secret": config.client_secret,
            "grant_type": "client_credentials",
        }
        response = self._send(self._token_request(form), _timeout(None, config))
        return self._parser(TokenResponse)(response.data)  # type: ignore[no-any-return]

    def _token_cache(self) -> TokenCache | None:
        config = self.configuration
        if not config.has_credentials:
            return None
        _secrets.register(config.client_secret)
        _secrets.register_token(config.access_token)
        return TokenCache(
            self.fetch_token, config.token_lifetime, config.token_renew_margin
        )

    def _token_request(self, form: Mapping[str, Any]) -> _Request:
        encoded = urlencode(form)
        headers = {**self.default_headers}
        url = self.configuration.host + _TOKEN_PATH
        if not self.configuration.token_in_body:
            return _Request(
                "POST", f"{url}?{encoded}", headers, None, _TOKEN_PATH, False
            )
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return _Request("POST", url, headers, encoded.encode(), _TOKEN_PATH, False)

    def _build_request(
        self, op: Operation, args: Mapping[str, Any], headers: Mapping[str, str] | None
    ) -> _Request:
        encoded = encode_args(op, args)
        url = self.configuration.host + encoded.path
        if encoded.query:
            url += "?" + urlencode(encoded.query)
        merged = {**self.default_headers, **(headers or {})}
        if encoded.body is not None:
            merged["Content-Type"] = "application/json"
        if op.operation_id == "oauth2_token":
            _secrets.register(dict(encoded.query).get("client_secret"))
        return _Request(op.method, url, merged, encoded.body, op.path, op.secured)

    def _send(
        self, request: _Request, timeout: Timeout, preload: bool = True
    ) -> urllib3.BaseHTTPResponse:
        response = self._send_authorized(request, timeout, preload)
        if not 200 <= response.status < 300:
            self._raise_for_status(response, preload)
        return response

    def _send_authorized(
        self, request: _Request, timeout: Timeout, preload: bool
    ) -> urllib3.BaseHTTPResponse:
        if not request.secured:
            return self._transmit(request, timeout, preload)
        tokens = self._tokens or self._adopt_credentials()
        if tokens is None:
            return self._transmit(self._with_static_token(request), timeout, preload)
        token = tokens.token()
        response = self._transmit(_with_token(request, token), timeout, preload)
        if response.status != 401:
            return response
        # The token may have been revoked or expired early: renew it once and
        # replay once; a second 401 is the caller's to see.
        response.drain_conn()
        tokens.invalidate(token)
        logger.debug("token refused; renewing once path=%s", request.label)
        return self._transmit(_with_token(request, tokens.token()), timeout, preload)

    def _adopt_credentials(self) -> TokenCache | None:
        # Credentials may be assigned to the configuration after the client
        # was made; the first secured call that finds them starts a cache.
        if not self.configuration.has_credentials:
            return None
        with self._tokens_lock:
            if self._tokens is None:
                self._tokens = self._token_cache()
            return self._tokens

    def _with_static_token(self, request: _Request) -> _Request:
        token = self.configuration.access_token
        if token is None:
            raise ConfigurationError(
                f"{request.label} needs authentication: give an access_token, "
                f"or {self.configuration.credentials_help()}"
            )
        _secrets.register_token(token)
        return _with_token(request, token)

    def _transmit(
        self, request: _Request, timeout: Timeout, preload: bool
    ) -> urllib3.BaseHTTPResponse:
        started = time.perf_counter()
        response = self.rest_client.request(
            request.method, request.url, request.headers, request.body, timeout, preload
        )
        if logger.isEnabledFor(logging.DEBUG):
            attempts = 1 + len(response.retries.history) if response.retries else 1
            logger.debug(
                "request method=%s path=%s status=%d elapsed_ms=%.1f attempts=%d",
                request.method,
                request.label,
                response.status,
                (time.perf_counter() - started) * 1000,
                attempts,
            )
        return response

    def _raise_for_status(
        self, response: urllib3.BaseHTTPResponse, preload: bool
    ) -> None:
        body = response.data if preload else self.rest_client.read(response)
        data = parse_error_body(body)
        cls = exception_class_for(response.status)
        if cls is UnprocessableEntityException:
            data = _validation_error(data)
        raise cls(
            status=response.status,
            reason=response.reason,
            body=body,
            data=data,
            headers=response.headers,
        )

    def _parser(self, response_type: Any) -> Callable[[bytes], Any]:
        parser = self._parsers.get(response_type)
        if parser is None:
            parser = _make_parser(response_type)
            self._parsers[response_type] = parser
        return parser


def _with_token(request: _Request, token: str) -> _Request:
    # Built directly rather than with dataclasses.replace, which costs more
    # than the rest of the request building on a small call.
    headers = {**request.headers, "Authorization": f"Bearer {token}"}
    return _Request(
        request.method,
        request.url,
        headers,
        request.body,
        request.label,
        request.secured,
    )


def _timeout(value: Any, config: Configuration) -> Timeout:
    if value is None:
        return _configured_timeout(config.connect_timeout, config.read_timeout)
    if _is_seconds(value):
        return Timeout(connect=value, read=value)
    if isinstance(value, tuple) and len(value) == 2 and all(map(_is_seconds, value)):
        return Timeout(connect=value[0], read=value[1])
    raise ApiTypeError(
        "_request_timeout takes seconds as a positive number or a (connect, read) pair"
    )


def _is_seconds(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return 0 < value < math.inf


@lru_cache(maxsize=16)
def _configured_timeout(connect: float, read: float) -> Timeout:
    # urllib3 copies a Timeout before using it, so one value can serve every
    # request; building it anew each call is measurable on small answers.
    return Timeout(connect=connect, read=read)


def _make_parser(response_type: Any) -> Callable[[bytes], Any]:
    # pydantic's model machinery loads here, on the first call, so that
    # importing the package stays cheap.
    from pydantic import BaseModel, TypeAdapter

    if response_type is None:
        return lambda raw: None
    if isinstance(response_type, type) and issubclass(response_type, dict):
        return partial(_checked, lambda raw: response_type(_load_object(raw)))
    if isinstance(response_type, type) and issubclass(response_type, BaseModel):
        return partial(_checked, response_type.model_validate_json)
    adapter: TypeAdapter[Any] = TypeAdapter(response_type)
    return partial(_checked, adapter.validate_json)


def _load_object(raw: bytes) -> dict[str, Any]:
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ResponseParseError(reason="the answer is not a JSON object")
    return value


def _checked(parse: Callable[[bytes], Any], raw: bytes) -> Any:
    # Runs on every answer, so the success path is one call deep; pydantic's
    # ValidationError is a ValueError and is told apart only on failure.
    try:
        return parse(raw)
    except ValueError as err:
        raise _parse_error(err) from None


def _parse_error(err: ValueError) -> ResponseParseError:
    from pydantic import ValidationError

    if not isinstance(err, ValidationError):
        return ResponseParseError(reason="the answer is not valid JSON")
    first = err.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    return ResponseParseError(
        reason=f"the answer does not have the documented shape ({where}: "
        f"{first['msg']}; {err.error_count()} problem(s))"
    )


def _validation_error(data: Any) -> Any:
    from pydantic import ValidationError

    from .models import HTTPValidationError

    try:
        return HTTPValidationError.model_validate(data)
    except ValidationError:
        return data
