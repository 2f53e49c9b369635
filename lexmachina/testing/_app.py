"""The fake's request pipeline: record, route, check the token, answer."""

from __future__ import annotations

import threading
import traceback

from ._auth import AuthEndpoints
from ._faults import FaultQueue
from ._http import Reply, Request, detail
from ._lists import Lists
from ._lookups import Lookups
from ._params import Invalid
from ._queries import Queries
from ._records import RequestLog
from ._routes import Route, Router
from ._search import Searches
from ._tokens import TokenStore
from ._world import World

TOKEN_PATH = "/oauth2/token"


class App:
    """Everything the fake knows, and how it answers one request."""

    def __init__(self, tokens: TokenStore, world: World) -> None:
        self.tokens = tokens
        self.world = world
        self.log = RequestLog()
        self.faults = FaultQueue()
        self.auth = AuthEndpoints(tokens)
        self.router = Router()
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._token_requests = 0
        self._add_routes()

    def _add_routes(self) -> None:
        self.router.add(Route("POST", TOKEN_PATH, self.auth.issue_token, False))
        self.router.add(Route("GET", "/health", self.auth.health))
        for endpoints in (Lookups, Queries, Searches, Lists):
            for route in endpoints(self.world).routes():
                self.router.add(route)

    @property
    def token_requests(self) -> int:
        """How many requests reached the token endpoint since the last reset."""
        with self._lock:
            return self._token_requests

    def reset(self) -> None:
        """Forget recorded requests, pending faults, counters and internal errors."""
        self.log.clear()
        self.faults.clear()
        with self._lock:
            self._token_requests = 0
            self.errors.clear()

    def answer(self, request: Request) -> Reply:
        """Record ``request`` and compute its answer."""
        self.log.add(request)
        if request.path == TOKEN_PATH:
            with self._lock:
                self._token_requests += 1
        fault = self.faults.take(request.method, request.path)
        if fault is not None:
            return fault.apply(lambda: self._safe_route(request))
        return self._safe_route(request)

    def _safe_route(self, request: Request) -> Reply:
        try:
            return self._route(request)
        except Exception:
            # A bug in the fake must show up in the test that met it, not
            # as a hung connection: answer 500 and keep the traceback.
            with self._lock:
                self.errors.append(traceback.format_exc())
            return detail(500, "Internal Server Error")

    def _route(self, request: Request) -> Reply:
        found = self.router.match(request.method, request.path)
        if found == 404:
            return detail(404, "Not Found")
        if isinstance(found, int):
            return detail(405, "Method Not Allowed")

        if found.route.needs_token:
            refusal = self.auth.refuse_token(request)
            if refusal is not None:
                return refusal

        routed = Request(**{**request.__dict__, "params": found.params})
        try:
            return found.route.handler(routed)
        except Invalid as invalid:
            return invalid.reply
