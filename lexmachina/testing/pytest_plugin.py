"""Pytest fixtures for code that uses the SDK; registered when lexmachina is installed.

``lexmachina_fake`` is a running :class:`FakeLexMachina`, shared by a test
session and reset before each test; ``lexmachina_client`` is an
:class:`~lexmachina.ApiClient` already pointed at it with working credentials.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ._server import DEFAULT_CLIENTS, FakeLexMachina

if TYPE_CHECKING:
    from lexmachina import ApiClient


@pytest.fixture(scope="session")
def _lexmachina_fake_server() -> Iterator[FakeLexMachina]:
    with FakeLexMachina() as fake:
        yield fake


@pytest.fixture
def lexmachina_fake(_lexmachina_fake_server: FakeLexMachina) -> FakeLexMachina:
    """A running fake Lex Machina, with no requests recorded and no faults pending."""
    _lexmachina_fake_server.reset()
    _lexmachina_fake_server.clear_faults()
    return _lexmachina_fake_server


@pytest.fixture
def lexmachina_client(lexmachina_fake: FakeLexMachina) -> Iterator[ApiClient]:
    """An ``ApiClient`` for ``lexmachina_fake``, closed after the test."""
    import lexmachina

    client_id, secret = next(iter(DEFAULT_CLIENTS.items()))
    config = lexmachina.Configuration(
        host=lexmachina_fake.url, client_id=client_id, client_secret=secret
    )
    with lexmachina.ApiClient(config) as client:
        yield client
