"""Reading and validating parameters the way the API's FastAPI layer does."""

from __future__ import annotations

import json
from typing import Any

from ._http import (
    Reply,
    Request,
    issue,
    json_reply,
    missing,
    not_an_integer,
    validation_error,
)
from ._world import LINK_BASE

MAX_IDS = 500


class Invalid(Exception):
    """A request parameter failed validation; ``reply`` is the 422 to send."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        super().__init__("invalid request")
        self.reply = validation_error(items)


def parse_int(text: str, loc: list[str | int]) -> int:
    """``text`` as an integer, else :class:`Invalid`."""
    try:
        return int(text)
    except ValueError:
        where, name = loc[0], loc[1]
        item = not_an_integer(str(where), str(name))
        raise Invalid([{**item, "loc": loc}]) from None


def path_int(request: Request, name: str) -> int:
    """Path parameter ``name`` as an integer."""
    return parse_int(request.params[name], ["path", name])


def query_int(request: Request, name: str, default: int, minimum: int = 1) -> int:
    """Optional query parameter ``name`` as an integer of at least ``minimum``."""
    text = request.first(name)
    if text is None:
        return default
    value = parse_int(text, ["query", name])
    if value < minimum:
        msg = f"Input should be greater than or equal to {minimum}"
        raise Invalid([issue(["query", name], msg, "greater_than_equal")])
    return value


def required_query(request: Request, name: str) -> str:
    """Required query parameter ``name``."""
    text = request.first(name)
    if text is None:
        raise Invalid([missing("query", name)])
    return text


def id_list(request: Request, name: str, as_int: bool = True) -> list[Any]:
    """A repeated query parameter of 1 to 500 ids, duplicates dropped."""
    values = request.query.get(name)
    if not values:
        raise Invalid([missing("query", name)])
    if len(values) > MAX_IDS:
        count = len(values)
        msg = f"List should have at most {MAX_IDS} items after validation, not {count}"
        raise Invalid([issue(["query", name], msg, "too_long")])
    if not as_int:
        return list(dict.fromkeys(values))
    ids = [parse_int(text, ["query", name, index]) for index, text in enumerate(values)]
    return list(dict.fromkeys(ids))


def choice(text: str, allowed: tuple[str, ...], loc: list[str | int]) -> str:
    """``text`` if it is one of ``allowed``, else :class:`Invalid` (an enum error)."""
    if text in allowed:
        return text
    quoted = [f"'{value}'" for value in allowed]
    msg = "Input should be " + ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
    raise Invalid([issue(loc, msg, "enum")])


def json_body(request: Request) -> dict[str, Any]:
    """The body as a JSON object, else :class:`Invalid`."""
    if not request.body:
        raise Invalid([issue(["body"], "Field required", "missing")])
    try:
        body = json.loads(request.body)
    except ValueError as error:
        raise Invalid(
            [issue(["body", 0], "JSON decode error", "json_invalid")]
        ) from error
    if not isinstance(body, dict):
        msg = "Input should be a valid dictionary or object to extract fields from"
        raise Invalid([issue(["body"], msg, "model_attributes_type")])
    return body


def base_url(request: Request) -> str:
    """The URL the client reached the fake at, for links in answers."""
    host = request.header("Host") or "127.0.0.1"
    return f"http://{host}"


def data_reply(request: Request, payload: Any) -> Reply:
    """200 with ``payload``, its API links pointing back at this fake."""
    reply = json_reply(200, payload)
    body = reply.body.replace(LINK_BASE.encode(), base_url(request).encode())
    return Reply(200, body, reply.content_type, reply.headers)
