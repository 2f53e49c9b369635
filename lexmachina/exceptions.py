"""Every error the SDK raises, in one tree rooted at :class:`ApiException`.

::

    ApiException                 anything the SDK raises
    ├── ApiValueError            a bad argument, caught before sending (ValueError)
    ├── ApiTypeError             an argument of the wrong type (TypeError)
    ├── ConfigurationError       a bad setting or missing credentials (ValueError)
    ├── TransportError           no usable HTTP response arrived
    │   ├── ApiConnectionError   the connection failed or was dropped
    │   ├── ApiTimeoutError      connecting or reading took too long
    │   ├── ApiTLSError          the TLS handshake or certificate check failed
    │   └── IncompleteBodyError  the body ended before its promised length
    ├── ResponseParseError       a 2xx body that is not the documented shape
    └── HTTPStatusError          the server answered with an error status
        ├── BadRequestException        400
        ├── UnauthorizedException      401
        ├── ForbiddenException         403
        ├── NotFoundException          404
        ├── ConflictException          409
        ├── UnprocessableEntityException  422 (``data`` is the validation error)
        ├── TooManyRequestsException   429 (``retry_after``: the raw header)
        └── ServiceException           5xx

Each exception carries ``status``, ``reason``, ``headers``, ``body`` (bytes)
and ``data``: the parsed body where it parses, else ``None``. Messages are
short and never contain a query string, a header or a credential.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


class ApiException(Exception):
    """Root of every error the SDK raises."""

    def __init__(
        self,
        status: int | None = None,
        reason: str | None = None,
        http_resp: Any = None,
        *,
        body: bytes | None = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.body = body
        self.data = data
        self.headers: Mapping[str, str] | None = headers
        if http_resp is not None:
            self.status = http_resp.status
            self.reason = http_resp.reason
            self.headers = http_resp.headers
        super().__init__(self._summary())

    def _summary(self) -> str:
        if self.status is None:
            return self.reason or type(self).__name__
        text = f"({self.status})"
        if self.reason:
            text += f" {self.reason}"
        detail = _detail_text(self.data)
        return f"{text}: {detail}" if detail else text

    def __str__(self) -> str:
        return self._summary()

    def __reduce__(self) -> Any:
        state = (self.status, self.reason, None)
        keywords = {"body": self.body, "data": self.data, "headers": self.headers}
        return (_rebuild, (type(self), state, keywords))


def _rebuild(cls: type[ApiException], args: tuple[Any, ...], kw: dict[str, Any]) -> Any:
    return cls(*args, **kw)


def _detail_text(data: Any) -> str:
    """Return a short, human reading of an error body's ``detail``."""
    detail = getattr(data, "detail", None)
    if isinstance(data, Mapping):
        # The API's 404 says what was wrong in "summary" ("Unknown id") and
        # only repeats the reason phrase in "detail".
        detail = data.get("summary") or data.get("detail")
    if isinstance(detail, str):
        return detail[:200]
    if isinstance(detail, list) and detail:
        return "; ".join(_validation_item(item) for item in detail[:3])
    return ""


def _validation_item(item: Any) -> str:
    if isinstance(item, Mapping):
        loc, msg = item.get("loc", []), item.get("msg", "")
    else:
        loc, msg = getattr(item, "loc", []) or [], getattr(item, "msg", "")
    where = ".".join(str(part) for part in loc)
    return f"{where}: {msg}" if where else str(msg)


class _MessageOnly(ApiException):
    """An error that is only a message: no status, nothing received."""

    def __init__(self, message: str) -> None:
        super().__init__(reason=message)

    def __reduce__(self) -> Any:
        return (type(self), (self.reason,))


class ApiValueError(_MessageOnly, ValueError):
    """An argument was missing or out of range; nothing was sent."""


class ApiTypeError(_MessageOnly, TypeError):
    """An argument had the wrong type; nothing was sent."""


class ConfigurationError(_MessageOnly, ValueError):
    """A setting was invalid, or credentials were missing."""


class TransportError(_MessageOnly):
    """No usable HTTP response arrived; ``__cause__`` holds the urllib3 error."""


class ApiConnectionError(TransportError):
    """The connection could not be made, or was dropped mid-exchange."""


class ApiTimeoutError(TransportError):
    """Connecting or reading took longer than the configured timeout."""


class ApiTLSError(TransportError):
    """The TLS handshake failed, usually an untrusted certificate."""


class IncompleteBodyError(TransportError):
    """The response body ended before the length the server announced."""


class ResponseParseError(ApiException):
    """A successful response whose body does not have the documented shape."""


class HTTPStatusError(ApiException):
    """The server answered with an error status."""


class BadRequestException(HTTPStatusError):
    """400 Bad Request."""


class UnauthorizedException(HTTPStatusError):
    """401 Unauthorized: the token is missing, invalid or expired."""


class ForbiddenException(HTTPStatusError):
    """403 Forbidden: the application may not use this resource."""


class NotFoundException(HTTPStatusError):
    """404 Not Found: usually an unknown id."""


class ConflictException(HTTPStatusError):
    """409 Conflict."""


class UnprocessableEntityException(HTTPStatusError):
    """422: the server rejected the arguments; ``data.detail`` says why."""


class TooManyRequestsException(HTTPStatusError):
    """429: the rate limit was hit, even after the configured retries."""

    @property
    def retry_after(self) -> str | None:
        """The raw ``Retry-After`` header of the last answer, if any."""
        return (self.headers or {}).get("Retry-After")


class ServiceException(HTTPStatusError):
    """5xx: the server failed, even after the configured retries."""


_BY_STATUS: dict[int, type[HTTPStatusError]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
}


def exception_class_for(status: int) -> type[HTTPStatusError]:
    """Return the exception class that stands for an HTTP error status."""
    if status >= 500:
        return ServiceException
    return _BY_STATUS.get(status, HTTPStatusError)


def parse_error_body(body: bytes) -> Any:
    """Parse an error body as JSON, or return ``None`` if it is not JSON."""
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
