"""The log of requests the fake received, with secrets masked."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from ._http import Request

MASK = "***"
SECRET_PARAMS = frozenset({"client_secret"})
FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received, with every credential replaced by ``***``.

    ``query`` maps each parameter to its values in arrival order. ``headers``
    keeps the names as sent; an ``Authorization`` value keeps only its scheme
    (``"Bearer ***"``). A form-encoded body has its ``client_secret`` masked.
    """

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


def mask_query(query: dict[str, list[str]]) -> dict[str, list[str]]:
    """A copy of ``query`` with secret parameters masked."""
    return {
        name: [MASK] * len(values) if name in SECRET_PARAMS else list(values)
        for name, values in query.items()
    }


def mask_authorization(value: str) -> str:
    """Keep the scheme of an Authorization value, hide the credential."""
    scheme, _, credential = value.partition(" ")
    return f"{scheme} {MASK}" if credential else MASK


def mask_headers(headers: dict[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with the Authorization credential masked."""
    return {
        name: mask_authorization(value) if name.lower() == "authorization" else value
        for name, value in headers.items()
    }


def mask_body(request: Request) -> bytes:
    """The body, re-encoded with secrets masked when it is a form."""
    content_type = request.header("Content-Type") or ""
    if not content_type.startswith(FORM_TYPE):
        return request.body
    form = parse_qs(request.body.decode("latin-1"), keep_blank_values=True)
    if not SECRET_PARAMS & form.keys():
        return request.body
    return urlencode(mask_query(form), doseq=True).encode()


def record_of(request: Request) -> RecordedRequest:
    """The masked record of ``request``."""
    return RecordedRequest(
        method=request.method,
        path=request.path,
        query=mask_query(request.query),
        headers=mask_headers(request.headers),
        body=mask_body(request),
    )


class RequestLog:
    """A thread-safe list of recorded requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RecordedRequest] = []

    def add(self, request: Request) -> None:
        """Record ``request`` (masked)."""
        record = record_of(request)
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> list[RecordedRequest]:
        """A copy of the records so far, oldest first."""
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget every record."""
        with self._lock:
            self._records.clear()
