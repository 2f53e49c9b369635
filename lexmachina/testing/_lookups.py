"""Records by id, alone or in batches of up to 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._http import Reply, Request, json_reply, not_found_id
from ._params import data_reply, id_list, parse_int, path_int
from ._routes import Route
from ._world import Record, World, link

# Kinds with ids that may have been merged into another record's id.
MERGEABLE = {"attorney": "/attorneys", "law-firm": "/law-firms", "party": "/parties"}
# Case kinds whose docket comes only when asked for.
DOCKETED = ("district-case", "state-case", "appeals-case", "bankruptcy-case")


def without_docket(record: Record, list_field: str) -> Record:
    """``record`` with its docket (or document list) entries left out."""
    listing = record.get(list_field)
    if not isinstance(listing, dict):
        return record
    return {**record, list_field: {**listing, "entries": [], "retrieved": "none"}}


class Lookups:
    """Handlers for ``GET /<kind>/{id}`` and ``GET /<kind>?<kind>Ids=...``."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        """Every lookup route."""
        one = self.one
        return [
            Route("GET", "/district-cases/{district_case_id}", one("district-case")),
            Route("GET", "/state-cases/{state_case_id}", one("state-case")),
            Route("GET", "/appeals-cases/{appeals_case_id}", one("appeals-case")),
            Route(
                "GET", "/bankruptcy-cases/{bankruptcy_case_id}", one("bankruptcy-case")
            ),
            Route("GET", "/federal-judges/{federal_judge_id}", one("federal-judge")),
            Route(
                "GET",
                "/magistrate-judges/{magistrate_judge_id}",
                one("magistrate-judge"),
            ),
            Route("GET", "/state-judges/{state_judge_id}", one("state-judge")),
            Route(
                "GET",
                "/bankruptcy-judges/{bankruptcy_judge_id}",
                one("bankruptcy-judge"),
            ),
            Route("GET", "/attorneys/{attorney_id}", one("attorney")),
            Route("GET", "/law-firms/{law_firm_id}", one("law-firm")),
            Route("GET", "/parties/{party_id}", one("party")),
            Route("GET", "/patents/{patent_number}", one("patent", as_int=False)),
            Route("GET", "/docket-entries/{docket_entry_id}", one("docket-entry")),
            Route(
                "GET",
                "/state-docket-entries/{state_docket_entry_id}",
                one("state-docket-entry"),
            ),
            Route(
                "GET", "/itc-document-entries/{usitc_document_id}", one("itc-document")
            ),
            Route(
                "GET", "/itc-investigations/{itc_investigation_id}", self.investigation
            ),
            Route("GET", "/ptab-trials/{ptab_trial}", self.ptab_trial),
            *self.batch_routes(),
        ]

    def batch_routes(self) -> list[Route]:
        """Every batch lookup route."""
        many = self.many
        return [
            Route("GET", "/attorneys", many("attorney", "attorneyIds")),
            Route("GET", "/law-firms", many("law-firm", "lawFirmIds")),
            Route("GET", "/parties", many("party", "partyIds")),
            Route("GET", "/federal-judges", many("federal-judge", "federalJudgeIds")),
            Route(
                "GET",
                "/magistrate-judges",
                many("magistrate-judge", "magistrateJudgeIds"),
            ),
            Route("GET", "/state-judges", many("state-judge", "stateJudgeIds")),
            Route(
                "GET",
                "/bankruptcy-judges",
                many("bankruptcy-judge", "bankruptcyJudgeIds"),
            ),
            Route("GET", "/patents", many("patent", "patentNumbers", as_int=False)),
        ]

    def one(self, kind: str, as_int: bool = True) -> Callable[[Request], Reply]:
        """A handler answering one record of ``kind`` by its path id."""

        def handle(request: Request) -> Reply:
            (name,) = request.params
            key: Any = path_int(request, name) if as_int else request.params[name]
            found = self.find(kind, key)
            if found is None:
                return not_found_id()
            if kind in DOCKETED and request.first("docket_retrieval") != "all":
                found = without_docket(found, "docket")
            return data_reply(request, found)

        return handle

    def many(
        self, kind: str, param: str, as_int: bool = True
    ) -> Callable[[Request], Reply]:
        """A handler answering the records of ``kind`` named by ``param``."""

        def handle(request: Request) -> Reply:
            keys = id_list(request, param, as_int)
            found = [record for key in keys if (record := self.find(kind, key))]
            if not found:
                noun = kind.replace("-", " ").replace("party", "partie") + "s"
                message = f"No {noun} matching provided {param} were found"
                return json_reply(404, {"detail": message})
            return data_reply(request, found)

        return handle

    def find(self, kind: str, key: Any) -> Record | None:
        """The record of ``kind`` for ``key``, as a reference if ``key`` was merged."""
        current = self.world.current_id(kind, key) if kind in MERGEABLE else key
        record = self.world.get(kind, current)
        if record is None or current == key:
            return record
        return {**record, "inputId": key, "url": link(f"{MERGEABLE[kind]}/{current}")}

    def investigation(self, request: Request) -> Reply:
        """An ITC investigation; documents only with ``document_retrieval=all``."""
        found = self.world.get(
            "itc-investigation", request.params["itc_investigation_id"]
        )
        if found is None:
            return not_found_id()
        if request.first("document_retrieval") != "all":
            found = without_docket(found, "itcDocumentList")
        return data_reply(request, found)

    def ptab_trial(self, request: Request) -> Reply:
        """A PTAB trial by id (all digits) or by trial number (``IPR2020-00123``)."""
        key = request.params["ptab_trial"]
        if key.isdigit():
            found = self.world.get(
                "ptab-trial", parse_int(key, ["path", "ptab_trial_id"])
            )
        else:
            found = next(
                (
                    t
                    for t in self.world.all("ptab-trial")
                    if t["ptabTrialNumber"] == key
                ),
                None,
            )
        return not_found_id() if found is None else data_reply(request, found)
