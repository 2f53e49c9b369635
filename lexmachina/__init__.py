"""A typed Python client for the Lex Machina Legal Analytics API.

``Configuration`` says where and how to call, ``ApiClient`` sends requests,
and one ``<Tag>Api`` class per area of the API (``AuthorizationApi``,
``FederalDistrictCasesApi``, ...) has a method per operation. Models and API
classes are imported on first use, so ``import lexmachina`` stays fast.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .api_client import ApiClient
from .api_response import ApiResponse
from .configuration import Configuration
from .exceptions import ApiException

logging.getLogger("lexmachina").addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .api import *  # noqa: F403  (type checkers see every API class)
    from .models import *  # noqa: F403  (and every model)

__all__ = ["ApiClient", "ApiException", "ApiResponse", "Configuration", "__version__"]


def _lazy_packages() -> list[Any]:
    return [importlib.import_module(f"{__name__}.{sub}") for sub in ("api", "models")]


def __getattr__(name: str) -> Any:
    for package in _lazy_packages():
        if name in package.__all__:
            value = getattr(package, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module 'lexmachina' has no attribute {name!r}")


def __dir__() -> list[str]:
    names = set(globals())
    for package in _lazy_packages():
        names.update(package.__all__)
    return sorted(names)
