"""Matching a method and path to the handler that answers it."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ._http import Reply, Request

Handler = Callable[[Request], Reply]

_PARAM = re.compile(r"\{(\w+)\}")


@functools.lru_cache(maxsize=256)
def template_pattern(template: str) -> re.Pattern[str]:
    """A path template (``/cases/{case_id}``) as a regex, one group per parameter."""
    pieces = _PARAM.split(template)
    parts = [
        f"(?P<{piece}>[^/]+)" if index % 2 else re.escape(piece)
        for index, piece in enumerate(pieces)
    ]
    return re.compile("".join(parts) + r"\Z")


@dataclass(frozen=True)
class Route:
    """One operation: method, path template, handler, and whether it needs a token."""

    method: str
    template: str
    handler: Handler
    needs_token: bool = True

    @property
    def pattern(self) -> re.Pattern[str]:
        """The template as a regular expression with one group per parameter."""
        return template_pattern(self.template)


@dataclass(frozen=True)
class Match:
    """A route found for a request, with its path parameters."""

    route: Route
    params: dict[str, str]


class Router:
    """The table of routes; a path matching only other methods is a 405."""

    def __init__(self) -> None:
        self._routes: list[tuple[Route, re.Pattern[str]]] = []

    def add(self, route: Route) -> None:
        """Answer ``route.method`` on ``route.template`` with ``route.handler``."""
        self._routes.append((route, route.pattern))

    def templates(self) -> list[tuple[str, str]]:
        """Every ``(method, template)`` pair, in registration order."""
        return [(route.method, route.template) for route, _ in self._routes]

    def match(self, method: str, path: str) -> Match | int:
        """The matching route, else 405 when the path exists, else 404."""
        path_exists = False
        for route, pattern in self._routes:
            found = pattern.match(path)
            if found is None:
                continue
            if route.method == method:
                return Match(route, found.groupdict())
            path_exists = True
        return 405 if path_exists else 404
