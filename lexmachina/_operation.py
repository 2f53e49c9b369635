"""What the generated API classes tell the client about each operation.

Every operation is described once, as an :class:`Operation` value, and the
client turns that description plus the caller's arguments into a request.
Arguments are checked and encoded here, before anything is sent.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal
from urllib.parse import quote

from .exceptions import ApiTypeError, ApiValueError


@dataclass(frozen=True)
class Param:
    """One path or query parameter of an operation.

    ``name`` is the Python keyword, ``wire`` the name the API uses, ``type``
    one of ``int``, ``str``, ``bool``, ``datetime.date`` or an enum class.
    ``many`` marks a list that goes out as a repeated query key, of at most
    ``max_items`` values.
    """

    name: str
    wire: str
    where: Literal["path", "query"]
    type: type
    required: bool = False
    many: bool = False
    default: Any = None
    max_items: int | None = None


@dataclass(frozen=True)
class Operation:
    """One HTTP operation of the API.

    ``response`` is the type the 2xx body parses into (a model class, a
    ``list[...]``, a union, ``str`` or ``dict[str, Any]``). ``body`` is the
    model class of the JSON request body, if any. ``secured`` operations send
    the bearer token. Every operation of this API only reads, so all of them
    may be retried, the POST queries included.
    """

    operation_id: str
    method: str
    path: str
    params: tuple[Param, ...] = ()
    body: type | None = None
    body_name: str = ""
    response: Any = None
    secured: bool = True


@dataclass(frozen=True)
class EncodedArgs:
    """Arguments turned into the parts of a request."""

    path: str
    query: list[tuple[str, str]]
    body: bytes | None


def encode_args(op: Operation, args: Mapping[str, Any]) -> EncodedArgs:
    """Check the caller's arguments against ``op`` and encode them.

    Raises :class:`ApiValueError` for a missing or out-of-range value and
    :class:`ApiTypeError` for a value of the wrong type.
    """
    path_values: dict[str, str] = {}
    query: list[tuple[str, str]] = []
    for param in op.params:
        value = args.get(param.name, param.default)
        if value is None:
            if param.required:
                raise ApiValueError(f"{op.operation_id}: '{param.name}' is required")
            continue
        encoded = _encode_param(op, param, value)
        if param.where == "path":
            path_values[param.wire] = quote(encoded[0], safe="")
        else:
            query.extend((param.wire, item) for item in encoded)

    body = _encode_body(op, args.get(op.body_name)) if op.body is not None else None
    return EncodedArgs(op.path.format_map(path_values), query, body)


def _encode_param(op: Operation, param: Param, value: Any) -> list[str]:
    if not param.many:
        return [_encode_scalar(op, param, value)]
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ApiTypeError(
            f"{op.operation_id}: '{param.name}' takes a list of "
            f"{param.type.__name__}, not {type(value).__name__}"
        )
    if isinstance(value, Mapping):
        raise ApiTypeError(
            f"{op.operation_id}: '{param.name}' takes a list, not a dict"
        )
    items = [_encode_scalar(op, param, item) for item in value]
    if param.required and not items:
        raise ApiValueError(f"{op.operation_id}: '{param.name}' needs at least one")
    if param.max_items is not None and len(items) > param.max_items:
        raise ApiValueError(
            f"{op.operation_id}: '{param.name}' takes at most {param.max_items} "
            f"values, not {len(items)}; lexmachina.paging splits longer lists"
        )
    return items


def _encode_scalar(op: Operation, param: Param, value: Any) -> str:
    kind = param.type
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _encode_enum(op, param, kind, value)
    if kind is bool and isinstance(value, bool):
        return "true" if value else "false"
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if kind is str and isinstance(value, str):
        return value
    if kind is datetime.date and isinstance(value, datetime.datetime):
        raise ApiTypeError(
            f"{op.operation_id}: '{param.name}' takes a date, not a datetime; "
            "pass value.date()"
        )
    if kind is datetime.date and isinstance(value, datetime.date):
        return value.isoformat()
    if kind is datetime.date and isinstance(value, str):
        return _check_iso_date(op, param, value)
    raise ApiTypeError(
        f"{op.operation_id}: '{param.name}' takes {kind.__name__}, "
        f"not {type(value).__name__}"
    )


def _encode_enum(op: Operation, param: Param, kind: type[Enum], value: Any) -> str:
    if isinstance(value, kind):
        return str(value.value)
    allowed = [str(member.value) for member in kind]
    if isinstance(value, str) and value in allowed:
        return value
    raise ApiValueError(
        f"{op.operation_id}: '{param.name}' takes one of {', '.join(allowed)}"
    )


def _check_iso_date(op: Operation, param: Param, value: str) -> str:
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiValueError(
            f"{op.operation_id}: '{param.name}' takes a date as YYYY-MM-DD"
        ) from None


def check_body(op: Operation, value: Any) -> Any:
    """Return ``value`` as ``op``'s body model, checked as strictly as a dict.

    A model built in Python was checked leniently, as answers are; here an
    unknown field or enum value raises :class:`ApiValueError`, and a value
    that is neither the model nor a dict :class:`ApiTypeError`.
    """
    body_type: Any = op.body
    if value is None:
        raise ApiValueError(f"{op.operation_id}: '{op.body_name}' is required")
    if isinstance(value, body_type):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    elif not isinstance(value, Mapping):
        raise ApiTypeError(
            f"{op.operation_id}: '{op.body_name}' takes {body_type.__name__} "
            f"or a dict, not {type(value).__name__}"
        )
    return _validate_body(op, body_type, value)


def _encode_body(op: Operation, value: Any) -> bytes:
    checked = check_body(op, value)
    dumped: str = checked.model_dump_json(by_alias=True, exclude_unset=True)
    return dumped.encode()


def _validate_body(op: Operation, body_type: Any, value: Mapping[str, Any]) -> Any:
    from pydantic import ValidationError

    from .models._base import closed_enums

    try:
        with closed_enums():
            return body_type.model_validate(value, extra="forbid")
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}"
            for e in err.errors(include_input=False, include_url=False)
        )
        raise ApiValueError(
            f"{op.operation_id}: '{op.body_name}' is not a valid "
            f"{body_type.__name__}: {problems}"
        ) from None
