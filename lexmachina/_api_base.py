"""The base every generated API class shares: the client it sends through."""

from __future__ import annotations

from .api_client import ApiClient


class ApiBase:
    """Holds the :class:`~lexmachina.ApiClient` that the methods send through.

    Without one, a fresh client is made from the environment; applications
    should pass their one shared client instead.
    """

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()
