"""Faults a test can ask the fake to inject: errors, drops, delays, cut bodies."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Literal

from ._http import Ending, Reply, json_reply
from ._routes import template_pattern

FaultKind = Literal["status", "html", "drop", "truncate", "slow"]
KINDS: frozenset[str] = frozenset({"status", "html", "drop", "truncate", "slow"})


@dataclass(frozen=True)
class Fault:
    """One misbehaviour of the fake, for the next ``times`` matching requests.

    ``kind`` is one of:

    - ``"status"``: answer ``status`` with a JSON ``{"detail": ...}`` body;
    - ``"html"``: answer ``status`` with a ``text/html`` error page, as a
      proxy or load balancer would;
    - ``"drop"``: close the connection without answering;
    - ``"truncate"``: send the real answer's headers, then half its body,
      then close (``Content-Length`` promises more than arrives);
    - ``"slow"``: answer normally, ``delay`` seconds late.

    ``path`` is an exact path (``"/health"``), a template
    (``"/district-cases/{id}"``) or ``None`` for every path, the token
    endpoint included. ``method`` limits it to one method. ``times=None``
    keeps it forever. ``delay`` (seconds) applies to every kind;
    ``retry_after`` adds a ``Retry-After`` header to status and html answers.
    """

    kind: FaultKind
    path: str | None = None
    times: int | None = 1
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0
    method: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {self.kind!r}")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1, or None for always")
        if self.delay < 0:
            raise ValueError("delay must not be negative")
        if not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status code (100-599)")

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a ``method`` request for ``path``."""
        if self.method is not None and self.method.upper() != method:
            return False
        if self.path is None:
            return True
        return template_pattern(self.path).match(path) is not None

    def apply(self, answer: Callable[[], Reply]) -> Reply:
        """The reply this fault turns the request into."""
        if self.kind == "status":
            reply = json_reply(self.status, {"detail": _reason(self.status)})
        elif self.kind == "html":
            reply = Reply(self.status, _html_page(self.status), "text/html")
        elif self.kind == "drop":
            reply = Reply(0, ending=Ending.DROP)
        elif self.kind == "truncate":
            reply = replace(answer(), ending=Ending.TRUNCATE)
        else:
            reply = answer()
        return replace(reply, delay=self.delay, headers=self._headers(reply))

    def _headers(self, reply: Reply) -> tuple[tuple[str, str], ...]:
        if self.retry_after is None or self.kind not in ("status", "html"):
            return reply.headers
        return (*reply.headers, ("Retry-After", self.retry_after))


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _html_page(status: int) -> bytes:
    title = f"{status} {_reason(status)}"
    page = (
        f"<html><head><title>{title}</title></head>"
        f"<body><center><h1>{title}</h1></center><hr></body></html>\n"
    )
    return page.encode()


@dataclass
class _Pending:
    fault: Fault
    left: int | None


class FaultQueue:
    """Pending faults, consumed first-injected first, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[_Pending] = []

    def add(self, fault: Fault) -> None:
        """Queue ``fault`` behind those already pending."""
        with self._lock:
            self._pending.append(_Pending(fault, fault.times))

    def take(self, method: str, path: str) -> Fault | None:
        """The first pending fault for this request, using up one of its times."""
        with self._lock:
            for entry in self._pending:
                if not entry.fault.matches(method, path):
                    continue
                if entry.left is not None:
                    entry.left -= 1
                    if entry.left == 0:
                        self._pending.remove(entry)
                return entry.fault
        return None

    def pending(self) -> list[Fault]:
        """The faults still waiting, each with ``times`` set to what is left."""
        with self._lock:
            return [replace(entry.fault, times=entry.left) for entry in self._pending]

    def clear(self) -> None:
        """Drop every pending fault."""
        with self._lock:
            self._pending.clear()
