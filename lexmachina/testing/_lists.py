"""The vocabularies (``/list-*``), alerts and party groups."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _catalog as cat
from ._http import Reply, Request, issue, not_found_id
from ._params import Invalid, choice, data_reply, path_int
from ._routes import Route
from ._world import World, link

DISTRICT = {"name": "All Federal District Courts", "type": "FederalDistrict"}
STATE = {"name": "All State Courts", "type": "State"}
APPEALS = {"name": "All Federal Appeals Courts", "type": "FederalAppeals"}
ALL_COURTS = {
    "FederalDistrict": "All Federal District Courts",
    "State": "All State Courts",
    "FederalAppeals": "All Federal Appeals Courts",
    "FederalBankruptcy": "All Federal Bankruptcy Courts",
    "PTAB": "Patent Trial and Appeal Board",
    "ITC": "International Trade Commission",
}
CASE_TYPES = {
    "FederalDistrict": cat.DISTRICT_CASE_TYPES,
    "FederalAppeals": cat.APPEALS_CASE_TYPES,
    "FederalBankruptcy": cat.BANKRUPTCY_CASE_TYPES,
    "PTAB": cat.PTAB_TYPES,
    "ITC": cat.ITC_TYPES,
}
EVENT_NAMES = ("Filed", "Trial", "Terminated")


def constant(payload: Any) -> Callable[[Request], Reply]:
    """A handler that always answers ``payload``."""
    return lambda request: data_reply(request, payload)


def court_type(request: Request) -> str:
    """The ``court_type`` path parameter, checked against the enum."""
    return choice(request.params["court_type"], cat.COURT_TYPES, ["path", "court_type"])


def all_courts(kind: str) -> dict[str, str]:
    """The pseudo-court standing for every court of a type."""
    return {"name": ALL_COURTS[kind], "type": kind}


def courts(kind: str) -> list[dict[str, Any]]:
    """The courts of a type the fake holds."""
    if kind == "FederalDistrict":
        return [
            {"name": n, "type": kind, "shortName": s, "abbreviation": a}
            for n, s, a in cat.DISTRICT_COURTS
        ]
    if kind == "State":
        return [{"name": n, "type": kind, "state": s} for n, s in cat.STATE_COURTS]
    names = {
        "FederalAppeals": cat.APPEALS_COURTS,
        "FederalBankruptcy": cat.BANKRUPTCY_COURTS,
    }
    short = {"PTAB": ("PTAB",), "ITC": ("ITC",)}
    return [
        {"name": n, "type": kind, "shortName": n, "abbreviation": None}
        for n in names.get(kind, short.get(kind, ()))
    ]


class Lists:
    """Handlers for the list endpoints, alerts and party groups."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        """Every list, alert and party group route."""
        return [
            Route("GET", "/list-courts/{court_type}", self.list_courts),
            Route("GET", "/list-case-types/{court_type}", self.case_types),
            Route("GET", "/list-case-tags/{court_type}", self.case_tags),
            Route("GET", "/list-case-resolutions/{court_type}", self.resolutions),
            Route("GET", "/list-events/{court_type}", self.events),
            *self.fixed_routes(),
            Route("GET", "/alerts", lambda r: data_reply(r, self.world.all("alert"))),
            Route("GET", "/alerts/runs/{alert_id}", self.alert_runs),
            Route("GET", "/alerts/runs/{alert_id}/{date}", self.alert_run),
            Route(
                "GET",
                "/party-groups",
                lambda r: data_reply(r, self.world.all("party-group")),
            ),
        ]

    def fixed_routes(self) -> list[Route]:
        """List endpoints whose answer never changes."""
        fixed = {
            "/list-appealability-rulings": list(cat.APPEALABILITY_RULINGS),
            "/list-appellate-decisions/FederalDistrict": list(cat.APPELLATE_DECISIONS),
            "/list-supreme-court-decisions/FederalAppeals": list(
                cat.SUPREME_COURT_DECISIONS
            ),
            "/list-damages/FederalDistrict": {
                "court": DISTRICT,
                "damagesByPraticeArea": cat.DAMAGES_BY_AREA,
            },
            "/list-damages/State": {"court": STATE, "damages": list(cat.STATE_DAMAGES)},
            "/list-findings/FederalDistrict": {
                "court": DISTRICT,
                "findingsByPracticeArea": cat.FINDINGS_BY_AREA,
                "patentInvalidityReasons": list(cat.PATENT_INVALIDITY_REASONS),
            },
            "/list-judgment-sources/FederalDistrict": {
                "court": DISTRICT,
                "damages": list(cat.JUDGMENT_SOURCES),
                "remedies": list(cat.JUDGMENT_SOURCES),
                "findings": list(cat.JUDGMENT_SOURCES),
            },
            "/list-judgment-events/State": {
                "judgmentEvents": list(cat.STATE_JUDGMENT_EVENTS),
                "court": STATE,
            },
            "/list-originating-venues/FederalAppeals": {
                "originatingVenues": list(cat.ORIGINATING_VENUES),
                "court": APPEALS,
            },
            "/list-remedies/FederalDistrict": {
                "court": DISTRICT,
                "remediesByRemedyType": cat.REMEDIES_BY_TYPE,
            },
        }
        return [
            Route("GET", path, constant(payload)) for path, payload in fixed.items()
        ]

    def list_courts(self, request: Request) -> Reply:
        """The courts of a court type."""
        return data_reply(request, courts(court_type(request)))

    def case_types(self, request: Request) -> Reply:
        """Case types, per state court for State, else for all courts of the type."""
        kind = court_type(request)
        if kind == "State":
            return data_reply(request, per_state_court(list(cat.STATE_CASE_TYPES)))
        payload = [{"court": all_courts(kind), "caseTypes": list(CASE_TYPES[kind])}]
        return data_reply(request, payload)

    def case_tags(self, request: Request) -> Reply:
        """Case tags, per state court for State, else for all courts of the type."""
        kind = court_type(request)
        if kind == "State":
            payload = [{"court": court, "caseTags": []} for court in courts("State")]
            return data_reply(request, payload)
        return data_reply(
            request, [{"court": all_courts(kind), "caseTags": list(cat.CASE_TAGS)}]
        )

    def resolutions(self, request: Request) -> Reply:
        """Valid summary/specific resolution pairs."""
        kind = court_type(request)
        pairs = [{"summary": s, "specific": p} for s, p in cat.RESOLUTIONS]
        return data_reply(
            request, {"court": all_courts(kind), "caseResolutions": pairs}
        )

    def events(self, request: Request) -> Reply:
        """Event names cases of a court type can have."""
        kind = court_type(request)
        return data_reply(
            request, {"court": all_courts(kind), "events": list(EVENT_NAMES)}
        )

    def alert_runs(self, request: Request) -> Reply:
        """The dates an alert ran, each with the link to its results."""
        alert_id = path_int(request, "alert_id")
        alert = self.world.get("alert", alert_id)
        runs = self.world.runs(alert_id)
        if alert is None or runs is None:
            return not_found_id()
        links = {run: link(f"/alerts/runs/{alert_id}/{run}") for run in sorted(runs)}
        return data_reply(
            request, {"alertId": alert_id, "type": alert["type"], "runs": links}
        )

    def alert_run(self, request: Request) -> Reply:
        """What one run of an alert found."""
        alert_id = path_int(request, "alert_id")
        run = request.params["date"]
        if len(run) != 10 or not run[:4].isdigit():
            msg = "Input should be a valid date in the format YYYY-MM-DD"
            raise Invalid([issue(["path", "date"], msg, "date_from_datetime_parsing")])
        alert = self.world.get("alert", alert_id)
        items = (self.world.runs(alert_id) or {}).get(run)
        if alert is None or items is None:
            return not_found_id()
        payload = {
            "alertId": alert_id,
            "type": alert["type"],
            "count": len(items),
            "run": run,
            "items": items,
        }
        return data_reply(request, payload)


def per_state_court(case_types: list[str]) -> list[dict[str, Any]]:
    """One entry per state court."""
    return [{"court": court, "caseTypes": case_types} for court in courts("State")]
