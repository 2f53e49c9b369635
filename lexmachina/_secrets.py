"""Keeping credentials and tokens out of log records and exception text.

The token request carries the client secret in its query string, and
urllib3 writes request URLs into its DEBUG records and its exception
messages. Every secret the SDK handles is registered here; a filter on
urllib3's loggers and :func:`scrub_exception` replace it before anyone
can read it.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
from collections import deque
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "***"

_URLLIB3_LOGGERS = (
    "urllib3",
    "urllib3.connectionpool",
    "urllib3.connection",
    "urllib3.poolmanager",
    "urllib3.response",
    "urllib3.util.retry",
)
# Tokens are renewed for as long as a process runs; the newest few are
# enough, since an older one is no longer sent anywhere.
_MAX_TOKENS = 256

_lock = threading.Lock()
_secrets: set[str] = set()
_tokens: deque[str] = deque(maxlen=_MAX_TOKENS)


_QUERY = re.compile(r"\?[^\s'\"()]+")


def _spellings(secret: str) -> set[str]:
    # A URL carries the secret percent-encoded, so mask those forms as well.
    return {secret, quote(secret, safe=""), quote_plus(secret)}


def register(secret: str | None) -> None:
    """Remember a client secret so it is masked wherever it could leak."""
    if not secret:
        return
    with _lock:
        _secrets.update(_spellings(secret))


def register_token(token: str | None) -> None:
    """Remember an access token so it is masked wherever it could leak."""
    if not token:
        return
    with _lock:
        for spelling in _spellings(token):
            if spelling not in _tokens:
                _tokens.append(spelling)


def redact(text: str) -> str:
    """Return ``text`` with every registered secret replaced by ``***``."""
    with _lock:
        known = sorted({*_secrets, *_tokens}, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def contains_secret(text: str) -> bool:
    """Whether ``text`` holds any registered secret."""
    return redact(text) != text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message when it contains a registered secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_filter = RedactingFilter()


def guard_urllib3_logs() -> None:
    """Attach the redacting filter to urllib3's loggers, once.

    A logger's filters see only the records logged on that very logger, not
    those of its children, so each urllib3 module's logger gets one.
    """
    for name in _URLLIB3_LOGGERS:
        logger = logging.getLogger(name)
        if _filter not in logger.filters:
            logger.addFilter(_filter)


def scrub_exception(err: BaseException) -> BaseException:
    """Return ``err`` itself, or a copy without secrets or query strings.

    urllib3's errors keep the request URL in their arguments, their ``url``
    attribute and their nested ``reason``; all of them are cleaned, so a
    traceback that shows the cause shows no secret and no query string.
    """
    text = _full_text(err)
    if not contains_secret(text) and not _QUERY.search(text):
        return err
    clean = copy.copy(err)
    clean.args = tuple(_scrub_value(arg) for arg in err.args)
    for name in ("url", "reason", "message"):
        if name in vars(err):
            setattr(clean, name, _scrub_value(vars(err)[name]))
    clean.__cause__ = None
    clean.__context__ = None
    clean.__suppress_context__ = True
    return clean


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return _QUERY.sub("?...", redact(value))
    if isinstance(value, BaseException):
        return scrub_exception(value)
    return value


def _full_text(err: BaseException) -> str:
    parts = [str(err), repr(err)]
    parts.extend(repr(value) for value in vars(err).values())
    return " ".join(parts)
