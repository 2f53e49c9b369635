"""What an ``*_with_http_info`` call returns: the answer, parsed on demand."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any, Generic, TypeVar

from .exceptions import ResponseParseError

T = TypeVar("T")


class ApiResponse(Generic[T]):
    """A successful answer: status, headers, the raw bytes and the parsed data.

    ``data`` is parsed into the operation's declared type the first time it
    is read; ``json()`` returns plain parsed JSON instead, which is cheaper
    for bulk work that needs no models.
    """

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        raw_data: bytes,
        parse: Callable[[bytes], T],
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.raw_data = raw_data
        self._parse = parse

    @cached_property
    def data(self) -> T:
        """The body parsed into the operation's declared type.

        Raises :class:`~lexmachina.exceptions.ResponseParseError`, carrying
        this answer's status, headers and body, if it does not parse.
        """
        try:
            return self._parse(self.raw_data)
        except ResponseParseError as err:
            raise self._parse_error(err.reason) from None

    def json(self) -> Any:
        """The body as plain parsed JSON: dicts, lists, strings and numbers.

        Raises :class:`~lexmachina.exceptions.ResponseParseError` if the body
        is not JSON.
        """
        try:
            return json.loads(self.raw_data)
        except ValueError:
            raise self._parse_error("the answer is not valid JSON") from None

    def _parse_error(self, reason: str | None) -> ResponseParseError:
        return ResponseParseError(
            status=self.status_code,
            reason=reason,
            body=self.raw_data,
            headers=self.headers,
        )

    def __repr__(self) -> str:
        size = len(self.raw_data)
        return f"ApiResponse(status_code={self.status_code}, bytes={size})"
