"""Client credentials and the bearer tokens the fake hands out."""

from __future__ import annotations

import hmac
import math
import secrets
import threading
import time
from enum import Enum


class TokenState(Enum):
    """What the fake thinks of a presented bearer token."""

    VALID = "valid"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


class TokenStore:
    """Registered clients and issued tokens, safe to share between threads."""

    def __init__(self, clients: dict[str, str], lifetime: float) -> None:
        self._lock = threading.Lock()
        self._clients = dict(clients)
        self._expiry: dict[str, float] = {}
        self.lifetime = lifetime

    def add_client(self, client_id: str, secret: str) -> None:
        """Accept ``client_id`` with ``secret`` from now on."""
        with self._lock:
            self._clients[client_id] = secret

    def client_ids(self) -> list[str]:
        """The registered client ids, never their secrets."""
        with self._lock:
            return sorted(self._clients)

    def check_client(self, client_id: str, secret: str) -> bool:
        """Whether ``secret`` is the registered secret of ``client_id``."""
        with self._lock:
            known = self._clients.get(client_id)
        if known is None:
            return False
        return hmac.compare_digest(known.encode(), secret.encode())

    def issue(self) -> tuple[str, int]:
        """A new opaque token and its lifetime in whole seconds (rounded up)."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            lifetime = self.lifetime
            self._expiry[token] = time.monotonic() + lifetime
        return token, max(0, math.ceil(lifetime))

    def state(self, token: str) -> TokenState:
        """Whether ``token`` is valid, expired, or was never issued."""
        with self._lock:
            expires_at = self._expiry.get(token)
        if expires_at is None:
            return TokenState.UNKNOWN
        if time.monotonic() >= expires_at:
            return TokenState.EXPIRED
        return TokenState.VALID

    def expire_all(self) -> None:
        """Make every token issued so far answer as expired."""
        now = time.monotonic()
        with self._lock:
            for token in self._expiry:
                self._expiry[token] = min(self._expiry[token], now)

    def count(self) -> int:
        """How many tokens were issued (expired ones included)."""
        with self._lock:
            return len(self._expiry)
