"""A fake Lex Machina API server for tests, written with the standard library.

Start one with ``with FakeLexMachina() as fake:`` and point a client at
``fake.url``. See ``docs/testing.md`` for the whole API.
"""

from ._faults import Fault, FaultKind
from ._records import RecordedRequest
from ._server import RECORD_KINDS, FakeLexMachina

__all__ = ["RECORD_KINDS", "FakeLexMachina", "Fault", "FaultKind", "RecordedRequest"]
