"""The public fake: a Lex Machina API on a local port, for tests."""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from ._app import App
from ._faults import Fault
from ._records import RecordedRequest
from ._synth import DEFAULT_DISTRICT_CASES, DEFAULT_SEED, fill_world
from ._tokens import TokenStore
from ._wire import QuietServer
from ._world import KINDS, World

DEFAULT_CLIENTS = {"demo-client": "demo-secret"}
RECORD_KINDS = tuple(KINDS)
POLL_INTERVAL = 0.05
STOP_TIMEOUT = 5.0


class FakeLexMachina:
    """A fake Lex Machina API server on a background thread.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`::

        with FakeLexMachina() as fake:
            config = Configuration(host=fake.url, client_id="demo-client",
                                   client_secret="demo-secret")

    ``port=0`` picks a free port; :attr:`url` tells which. ``clients`` maps
    client ids to secrets the token endpoint accepts. ``token_lifetime`` is
    in seconds and applies to tokens issued after it is set. ``seed`` and
    ``district_cases`` shape the synthetic data: the same seed gives the same
    records on every run.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        clients: Mapping[str, str] | None = None,
        token_lifetime: float = 3600.0,
        seed: int = DEFAULT_SEED,
        district_cases: int = DEFAULT_DISTRICT_CASES,
    ) -> None:
        self._address = (host, port)
        self._tokens = TokenStore(dict(clients or DEFAULT_CLIENTS), token_lifetime)
        self._world = World(lambda world: fill_world(world, seed, district_cases))
        self._app = App(self._tokens, self._world)
        self._server: QuietServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._server else "stopped"
        return f"FakeLexMachina({where}, clients={self._tokens.client_ids()})"

    def __enter__(self) -> FakeLexMachina:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> FakeLexMachina:
        """Bind the port and serve on a daemon thread; returns ``self``."""
        if self._server is not None:
            raise RuntimeError("FakeLexMachina is already running")
        self._server = QuietServer(self._address, self._app.answer)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(POLL_INTERVAL,),
            name=f"FakeLexMachina:{self._server.server_port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the listening socket and every open connection."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.cut_connections()
        server.server_close()
        if thread is not None:
            thread.join(STOP_TIMEOUT)

    @property
    def url(self) -> str:
        """The base URL, such as ``http://127.0.0.1:54321`` (needs a started fake)."""
        if self._server is None:
            raise RuntimeError("FakeLexMachina is not running; call start() first")
        host, port = self._server.server_name, self._server.server_port
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        """The bound port (needs a started fake)."""
        if self._server is None:
            raise RuntimeError("FakeLexMachina is not running; call start() first")
        return self._server.server_port

    def add_client(self, client_id: str, secret: str) -> None:
        """Let the token endpoint accept ``client_id`` with ``secret``."""
        self._tokens.add_client(client_id, secret)

    @property
    def token_lifetime(self) -> float:
        """Seconds a newly issued token stays valid."""
        return self._tokens.lifetime

    @token_lifetime.setter
    def token_lifetime(self, seconds: float) -> None:
        self._tokens.lifetime = seconds

    def expire_tokens(self) -> None:
        """Make every token issued so far answer 401 "Token time expired"."""
        self._tokens.expire_all()

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received since the last :meth:`reset`, oldest first."""
        return self._app.log.snapshot()

    @property
    def token_requests(self) -> int:
        """How many requests reached ``POST /oauth2/token`` since the last reset."""
        return self._app.token_requests

    @property
    def errors(self) -> list[str]:
        """Tracebacks of bugs in the fake itself (each answered 500)."""
        return list(self._app.errors)

    def inject(self, *faults: Fault) -> None:
        """Queue faults; each request takes the first pending one that matches."""
        for fault in faults:
            self._app.faults.add(fault)

    def fail(
        self,
        path: str | None = None,
        status: int = 503,
        times: int | None = 1,
        retry_after: str | None = None,
    ) -> None:
        """Answer the next ``times`` requests for ``path`` with ``status``.

        ``path=None`` means every path; ``times=None`` means until cleared.
        A shortcut for ``inject(Fault("status", ...))``.
        """
        self.inject(Fault("status", path, times, status, retry_after))

    @property
    def faults(self) -> list[Fault]:
        """The faults still pending, ``times`` counting what is left."""
        return self._app.faults.pending()

    def clear_faults(self) -> None:
        """Drop every pending fault."""
        self._app.faults.clear()

    def add_record(self, kind: str, record: Mapping[str, Any]) -> None:
        """Serve ``record`` as a ``kind`` record, replacing one with the same id.

        ``kind`` is one of :data:`RECORD_KINDS` (``"district-case"``,
        ``"attorney"``, ...); ``record`` has the shape the API answers for it
        (``DistrictCaseData`` for a district case) and its id field. Docket
        entries of a case also become reachable at their own paths. Links in
        it that start with ``http://fake-lexmachina.invalid`` point at the fake.
        """
        self._world.add_record(kind, dict(record))

    def get_record(self, kind: str, key: int | str) -> dict[str, Any] | None:
        """A copy of the stored ``kind`` record with id ``key``, or ``None``."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
        found = self._world.get(kind, key)
        return copy.deepcopy(found) if found is not None else None

    def record_ids(self, kind: str) -> list[Any]:
        """The ids of every stored ``kind`` record, sorted."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
        return self._world.ids(kind)

    def reset(self) -> None:
        """Forget records, counters and pending faults; clients and tokens stay."""
        self._app.reset()
