"""Default values, gathered in one place."""

from __future__ import annotations

PRODUCTION_HOST = "https://api.lexmachina.com"
SANDBOX_HOST = "https://api.sandbox.lexmachina.com"
KNOWN_HOSTS = {"production": PRODUCTION_HOST, "sandbox": SANDBOX_HOST}

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0

RETRIES = 3
RETRY_STATUSES = frozenset({429, 502, 503, 504})
BACKOFF_FACTOR = 0.5
BACKOFF_MAX = 30.0
BACKOFF_JITTER = 0.25
RETRY_AFTER_MAX = 60
REDIRECTS = 5

# The token endpoint's answer may omit expires_in; the API's tokens have
# lived for an hour, so that is what an unstated lifetime is taken to be.
TOKEN_LIFETIME = 3600.0
TOKEN_RENEW_MARGIN = 60.0

POOL_MAXSIZE = 10

ENV_CLIENT_ID = "LEXMACHINA_CLIENT_ID"
ENV_CLIENT_SECRET = "LEXMACHINA_CLIENT_SECRET"
ENV_HOST = "LEXMACHINA_HOST"
ENV_LOG = "LEXMACHINA_LOG"
