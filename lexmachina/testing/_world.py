"""The fake's data: every record it serves, keyed by id, behind one lock."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]

# API links in stored records use this base; answers swap in the fake's own
# URL, so links followed by a client come back to the fake. The .invalid
# top-level domain never resolves.
LINK_BASE = "http://fake-lexmachina.invalid"
LAW_BASE = "https://law.fake-lexmachina.invalid"


@dataclass(frozen=True)
class Kind:
    """A kind of record: its name, the field holding its id, and the id's type."""

    name: str
    id_field: str
    id_type: type = int


KINDS = {
    kind.name: kind
    for kind in (
        Kind("district-case", "districtCaseId"),
        Kind("state-case", "stateCaseId"),
        Kind("appeals-case", "appealsCaseId"),
        Kind("bankruptcy-case", "bankruptcyCaseId"),
        Kind("federal-judge", "federalJudgeId"),
        Kind("magistrate-judge", "magistrateJudgeId"),
        Kind("state-judge", "stateJudgeId"),
        Kind("bankruptcy-judge", "bankruptcyJudgeId"),
        Kind("attorney", "attorneyId"),
        Kind("law-firm", "lawFirmId"),
        Kind("party", "partyId"),
        Kind("patent", "number", str),
        Kind("ptab-trial", "ptabTrialId"),
        Kind("itc-investigation", "itcInvestigationId", str),
        Kind("itc-document", "usitcDocumentId"),
        Kind("docket-entry", "docketEntryId"),
        Kind("state-docket-entry", "stateDocketEntryId"),
        Kind("alert", "alertId"),
        Kind("party-group", "partyGroupId"),
    )
}


def link(path: str) -> str:
    """An API link to ``path`` (rewritten to the fake's URL when served)."""
    return LINK_BASE + path


class World:
    """Records by kind and id, plus merged ids and alert runs; thread-safe.

    ``fill``, when given, populates the world on first use, so a fake that
    only ever serves tokens never pays for building its data.
    """

    def __init__(self, fill: Callable[[World], None] | None = None) -> None:
        self.lock = threading.RLock()
        self._fill = fill
        self.tables: dict[str, dict[Any, Record]] = {name: {} for name in KINDS}
        # Merged ids: an old attorney, law firm or party id and its current id.
        self.merged: dict[str, dict[int, int]] = {}
        # Alert id to its district case query and its runs (date to items).
        self.alert_queries: dict[int, Record] = {}
        self.alert_runs: dict[int, dict[str, list[Record]]] = {}

    def ready(self) -> None:
        """Populate the world now if it has not been yet."""
        with self.lock:
            fill, self._fill = self._fill, None
            if fill is not None:
                fill(self)

    def put(self, kind: str, record: Record) -> None:
        """Store ``record`` under its own id, replacing any record with that id."""
        spec = KINDS[kind]
        with self.lock:
            self.ready()
            self.tables[kind][record[spec.id_field]] = record

    def get(self, kind: str, key: Any) -> Record | None:
        """The record of ``kind`` with id ``key``, or ``None``."""
        with self.lock:
            self.ready()
            return self.tables[kind].get(key)

    def all(self, kind: str) -> list[Record]:
        """Every record of ``kind``, in id order."""
        with self.lock:
            self.ready()
            table = self.tables[kind]
            return [table[key] for key in sorted(table)]

    def ids(self, kind: str) -> list[Any]:
        """The ids of every record of ``kind``, sorted."""
        with self.lock:
            self.ready()
            return sorted(self.tables[kind])

    def current_id(self, kind: str, key: int) -> int:
        """The id ``key`` was merged into, or ``key`` itself."""
        with self.lock:
            self.ready()
            return self.merged.get(kind, {}).get(key, key)

    def alert_query(self, alert_id: int) -> Record | None:
        """The district case query behind an alert, or ``None``."""
        with self.lock:
            self.ready()
            return self.alert_queries.get(alert_id)

    def runs(self, alert_id: int) -> dict[str, list[Record]] | None:
        """An alert's runs (date to found items), or ``None``."""
        with self.lock:
            self.ready()
            return self.alert_runs.get(alert_id)

    def add_record(self, kind: str, record: Record) -> None:
        """Store a caller's record (deep-copied) and index its docket entries."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
        id_field = KINDS[kind].id_field
        if id_field not in record:
            raise ValueError(f"a {kind} record needs its id in {id_field!r}")
        record = copy.deepcopy(record)
        with self.lock:
            self.put(kind, record)
            self._index_docket(kind, record)

    def _index_docket(self, kind: str, record: Record) -> None:
        entries = (record.get("docket") or {}).get("entries") or []
        for entry in entries:
            if kind == "state-case":
                self.put("state-docket-entry", state_entry_result(record, entry))
            elif kind in DOCKET_OWNERS:
                self.put("docket-entry", entry_result(kind, record, entry))


# Case kinds whose docket entries are served at /docket-entries/{id}.
DOCKET_OWNERS = {
    "district-case": ("FederalDistrict", "districtCaseId", "/district-cases"),
    "appeals-case": ("FederalAppeals", "appealsCaseId", "/appeals-cases"),
    "bankruptcy-case": ("FederalBankruptcy", "bankruptcyCaseId", "/bankruptcy-cases"),
}


def entry_result(kind: str, case: Record, entry: Record) -> Record:
    """A district, appeals or bankruptcy docket entry as its own record."""
    court_type, id_field, base = DOCKET_OWNERS[kind]
    url_field = id_field.replace("Id", "Url")
    case_id = case[id_field]
    return {
        **entry,
        "courtType": court_type,
        id_field: case_id,
        url_field: link(f"{base}/{case_id}"),
    }


def state_entry_result(case: Record, entry: Record) -> Record:
    """A state docket entry as its own record."""
    return {
        **entry,
        "courtType": "State",
        "stateCaseId": case["stateCaseId"],
        "stateCaseUrl": link(f"/state-cases/{case['stateCaseId']}"),
        "court": case["court"],
        "state": case["state"],
    }
