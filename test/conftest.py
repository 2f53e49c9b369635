"""Shared fixtures: a fake Lex Machina server on 127.0.0.1 and clients for it."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import lexmachina
from lexmachina.testing import FakeLexMachina

CLIENT_ID = "test-client"
CLIENT_SECRET = "s3cr3t-Value-Never-Shown-4711"
REPO = Path(__file__).resolve().parent.parent
SPEC = Path(
    os.environ.get(
        "LEXMACHINA_SPEC",
        REPO.parent / "shared" / "openapi" / "lexmachina-api-20260324.json",
    )
)


@pytest.fixture(autouse=True)
def _no_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LEXMACHINA_CLIENT_ID", "LEXMACHINA_CLIENT_SECRET", "LEXMACHINA_HOST"):
        monkeypatch.delenv(name, raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeLexMachina]:
    with FakeLexMachina(clients={CLIENT_ID: CLIENT_SECRET}) as server:
        yield server


@pytest.fixture
def config(fake: FakeLexMachina) -> lexmachina.Configuration:
    return lexmachina.Configuration(
        host=fake.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        connect_timeout=2,
        read_timeout=5,
    )


@pytest.fixture
def client(config: lexmachina.Configuration) -> Iterator[lexmachina.ApiClient]:
    with lexmachina.ApiClient(config) as api_client:
        yield api_client


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture every record at DEBUG, urllib3's included."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="urllib3")
    caplog.set_level(logging.DEBUG, logger="lexmachina")
    return caplog
