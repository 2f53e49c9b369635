"""The base class, open enums and field helpers shared by every generated model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict
from typing_extensions import Self

_T = TypeVar("_T")

if TYPE_CHECKING:
    # Type checkers see the type the specification promises.
    Lenient = Annotated[_T, "lenient"]
else:

    class Lenient:
        """``Lenient[X]`` reads as ``X`` to type checkers and accepts null at run time.

        The API sometimes sends ``null`` where its specification promises a
        value; such a field parses as ``None`` instead of failing the call.
        """

        def __class_getitem__(cls, item: Any) -> Any:
            return item | None


_enums_closed: ContextVar[bool] = ContextVar("lexmachina_enums_closed", default=False)


@contextmanager
def closed_enums() -> Iterator[None]:
    """Within this block, an enum value the specification does not list fails.

    Request bodies are checked this way, so a typo is caught before sending
    instead of silently matching nothing on the server.
    """
    token = _enums_closed.set(True)
    try:
        yield
    finally:
        _enums_closed.reset(token)


class OpenEnum(str, Enum):
    """A string enum that also accepts values the specification does not list.

    An unknown value becomes a member of its own, so a response carrying it
    still parses and ``member.value`` reads back exactly what the server sent.
    ``CourtType("NewCourtType")`` makes such a member on purpose.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str) or _enums_closed.get():
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


class LexMachinaModel(BaseModel):
    """Base of every model: camelCase on the wire, snake_case in Python.

    Input takes either spelling; output (``to_dict``, ``to_json``) uses the
    wire names. Fields the specification does not list are kept and stay
    readable as attributes and in ``model_extra``.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        defer_build=True,
        use_enum_values=False,
    )

    @classmethod
    def from_dict(cls, obj: dict[str, Any] | None) -> Self | None:
        """Build an instance from a dict with wire or Python names."""
        if obj is None:
            return None
        return cls.model_validate(obj)

    @classmethod
    def from_json(cls, json_str: str | bytes) -> Self:
        """Build an instance from a JSON document."""
        return cls.model_validate_json(json_str)

    def to_dict(self) -> dict[str, Any]:
        """Return the wire form as a dict, leaving out fields never set."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def to_json(self) -> str:
        """Return the wire form as a JSON string, leaving out fields never set."""
        return self.model_dump_json(by_alias=True, exclude_unset=True)

    def to_str(self) -> str:
        """Return the wire form as indented JSON, for reading."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)
