"""Access tokens: the token answer, and a cache that renews them in time."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Any

from . import _secrets

logger = logging.getLogger("lexmachina.auth")


class TokenResponse(dict[str, Any]):
    """The token endpoint's JSON answer, a plain dict with a masked repr.

    ``response["access_token"]`` holds the token; printing the dict shows
    only its first characters, so examples and logs do not leak it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        token = self.get("access_token")
        if isinstance(token, str):
            _secrets.register_token(token)

    def __repr__(self) -> str:
        shown = {key: _mask(key, value) for key, value in self.items()}
        return repr(shown)

    __str__ = __repr__


def _mask(key: str, value: Any) -> Any:
    if key not in ("access_token", "refresh_token", "id_token"):
        return value
    if not isinstance(value, str) or len(value) < 16:
        return _secrets.MASK
    return f"{value[:4]}...{_secrets.MASK}"


def shorten_token(token: str) -> str:
    """Return a token cut to a harmless prefix, for display."""
    return str(_mask("access_token", token))


class TokenCache:
    """Fetches a token on first need, reuses it, and renews it before expiry.

    ``fetch`` returns the token endpoint's parsed answer. One lock both
    guards the cached token and serialises fetches, so however many threads
    ask at once, one request is in flight and the others wait for its
    result. ``lifetime`` applies when the answer states no ``expires_in``;
    renewal happens ``margin`` seconds before expiry, or a tenth of the
    lifetime for short-lived tokens.
    """

    def __init__(
        self,
        fetch: Callable[[], dict[str, Any]],
        lifetime: float,
        margin: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._lifetime = lifetime
        self._margin = margin
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._renew_at = 0.0
        self._fetches = 0
        self._failure: BaseException | None = None

    def token(self) -> str:
        """Return a token that is valid for a while yet, fetching if needed.

        A thread that waited while another's fetch failed gets that failure
        too, rather than asking the token endpoint again at once.
        """
        seen = self._fetches
        with self._lock:
            if self._token is not None and self._clock() < self._renew_at:
                return self._token
            if self._fetches != seen and self._failure is not None:
                raise self._failure
            return self._fetch_now()

    def _fetch_now(self) -> str:
        self._fetches += 1
        try:
            token = self._renew()
        except BaseException as err:
            self._failure = err
            raise
        self._failure = None
        return token

    def invalidate(self, token: str) -> None:
        """Forget ``token`` if it is still the cached one (it was refused)."""
        with self._lock:
            if self._token == token:
                self._token = None

    def _renew(self) -> str:
        started = self._clock()
        answer = self._fetch()
        token = answer.get("access_token")
        if not isinstance(token, str) or not token:
            from .exceptions import ResponseParseError

            raise ResponseParseError(reason="the token answer has no access_token")
        _secrets.register_token(token)
        lifetime = self._lifetime_of(answer)
        self._token = token
        self._renew_at = started + lifetime - min(self._margin, lifetime / 10)
        logger.debug("token renewed lifetime_s=%.0f", lifetime)
        return token

    def _lifetime_of(self, answer: dict[str, Any]) -> float:
        value = answer.get("expires_in")
        if value is None:
            return self._lifetime
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            logger.debug("token expires_in unreadable; default lifetime applies")
            return self._lifetime
        if not math.isfinite(seconds):
            return self._lifetime
        return max(seconds, 0.0)
