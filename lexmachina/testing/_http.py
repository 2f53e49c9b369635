"""Requests as the fake sees them, answers as it sends them, and error bodies."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

JSON_TYPE = "application/json"


@dataclass(frozen=True)
class Request:
    """One parsed request, handed to a route handler."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)

    def first(self, name: str) -> str | None:
        """The first value of query parameter ``name``, or ``None``."""
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (case-insensitive), or ``None``."""
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return None


class Ending(Enum):
    """How the answer ends on the wire."""

    COMPLETE = "complete"
    DROP = "drop"
    TRUNCATE = "truncate"


@dataclass(frozen=True)
class Reply:
    """One answer: status, body bytes, extra headers, and how to send it.

    ``delay`` holds the answer back that many seconds. ``ending`` DROP closes
    the connection without answering; TRUNCATE sends half the body and closes.
    """

    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    ending: Ending = Ending.COMPLETE


def json_reply(status: int, payload: Any, **headers: str) -> Reply:
    """A JSON answer; keyword arguments become headers (``_`` reads as ``-``)."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    extra = tuple((name.replace("_", "-"), value) for name, value in headers.items())
    return Reply(status, body, JSON_TYPE, extra)


def detail(status: int, message: str) -> Reply:
    """A ``{"detail": message}`` answer, the API's usual error body."""
    return json_reply(status, {"detail": message})


def not_found_id() -> Reply:
    """404 for an id the fake does not hold, shaped as the API answers it."""
    return json_reply(404, {"summary": "Unknown id", "detail": "Not Found"})


def issue(loc: list[str | int], msg: str, kind: str) -> dict[str, Any]:
    """One item of a FastAPI validation error."""
    return {"loc": loc, "msg": msg, "type": kind}


def missing(where: str, name: str) -> dict[str, Any]:
    """The validation item for a required parameter that did not arrive."""
    return issue([where, name], "Field required", "missing")


def not_an_integer(where: str, name: str) -> dict[str, Any]:
    """The validation item for a parameter that must parse as an integer."""
    msg = "Input should be a valid integer, unable to parse string as an integer"
    return issue([where, name], msg, "int_parsing")


def validation_error(items: list[dict[str, Any]]) -> Reply:
    """422 with a FastAPI ``HTTPValidationError`` body."""
    return json_reply(422, {"detail": items})
