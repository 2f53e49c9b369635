"""The token endpoint, the health endpoint and the bearer check."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from ._http import (
    Reply,
    Request,
    detail,
    issue,
    json_reply,
    missing,
    validation_error,
)
from ._records import FORM_TYPE
from ._tokens import TokenState, TokenStore

GRANT_TYPE = "client_credentials"
EXPIRED_MESSAGE = "Token time expired: Signature has expired."
HEALTHY = {
    "legalDataIsAvailable": True,
    "userAccountDataIsAvailable": True,
    "searchDataIsAvailable": True,
}


def token_params(request: Request) -> dict[str, str]:
    """Token parameters from the query string, else from a form body."""
    found: dict[str, str] = {}
    content_type = request.header("Content-Type") or ""
    if content_type.startswith(FORM_TYPE):
        form = parse_qs(request.body.decode("latin-1"), keep_blank_values=True)
        found.update({name: values[0] for name, values in form.items()})
    found.update({name: values[0] for name, values in request.query.items()})
    return found


def token_problems(params: dict[str, str]) -> list[dict[str, Any]]:
    """The validation items for missing or unsupported token parameters."""
    problems = [
        missing("query", name)
        for name in ("client_id", "client_secret")
        if name not in params
    ]
    grant_type = params.get("grant_type", GRANT_TYPE)
    if grant_type != GRANT_TYPE:
        msg = f"Input should be '{GRANT_TYPE}'"
        problems.append(issue(["query", "grant_type"], msg, "literal_error"))
    return problems


class AuthEndpoints:
    """``POST /oauth2/token``, ``GET /health`` and the check every route uses."""

    def __init__(self, tokens: TokenStore) -> None:
        self.tokens = tokens

    def issue_token(self, request: Request) -> Reply:
        """Answer a client-credentials token request."""
        params = token_params(request)
        problems = token_problems(params)
        if problems:
            return validation_error(problems)

        if not self.tokens.check_client(params["client_id"], params["client_secret"]):
            return detail(401, "Invalid client credentials")

        token, expires_in = self.tokens.issue()
        body = {"access_token": token, "token_type": "Bearer", "expires_in": expires_in}
        return json_reply(200, body, Cache_Control="no-store")

    def health(self, request: Request) -> Reply:
        """Answer the health check (the token was checked before)."""
        return json_reply(200, HEALTHY)

    def refuse_token(self, request: Request) -> Reply | None:
        """A 401 answer when the request lacks a valid bearer token, else None."""
        scheme, _, token = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return detail(401, "Invalid token")

        state = self.tokens.state(token.strip())
        if state is TokenState.EXPIRED:
            return detail(401, EXPIRED_MESSAGE)
        if state is TokenState.UNKNOWN:
            return detail(401, "Invalid token")
        return None
