"""Case queries (``POST /query-*-cases``) and district case analytics."""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import _filters as f
from ._http import Reply, Request, issue, not_found_id
from ._params import Invalid, choice, data_reply, json_body, path_int, required_query
from ._routes import Route
from ._world import Record, World, link

PAGING = ("ordering", "page", "pageSize")
ORDERINGS = ("ByFirstFiled", "ByLastFiled")
ANALYTICS = ("CaseCountByType", "PartyCountByRole", "LawFirmCountByRole")
COUNTED_ROLES = ("Plaintiff", "Defendant", "Third Party")

FIRMS = f.client_roles("lawFirms", "lawFirmId", "clientPartyIds")
ATTORNEYS = f.client_roles("attorneys", "attorneyId", "clientsPartyIds")


def common_tests(query: Record) -> list[f.Test]:
    """Filters every case query shares."""
    return [
        lambda case: query.get("caseStatus") in (None, case["status"]),
        f.include_exclude(query.get("caseTags"), lambda case: case["caseTags"]),
        f.in_dates(query.get("dates"), lambda case: case["dates"]),
        f.by_role(query.get("lawFirms"), FIRMS),
        f.by_role(query.get("attorneys"), ATTORNEYS),
        f.by_role(query.get("parties"), f.party_roles),
    ]


def district_tests(query: Record) -> list[f.Test]:
    """Filters of a ``DistrictCaseQuery``."""
    return [
        *common_tests(query),
        f.include_exclude(query.get("courts"), lambda case: [case["court"]]),
        f.include_exclude(query.get("caseTypes"), lambda case: case["caseType"]),
        f.include_exclude(query.get("judges"), f.ids_of("judges", "federalJudgeId")),
        f.include_exclude(
            query.get("magistrates"), f.ids_of("magistrateJudges", "magistrateJudgeId")
        ),
        f.include_exclude(query.get("events"), f.ids_of("events", "type")),
        f.include_exclude(query.get("patents"), f.ids_of("patents", "number")),
        f.include_exclude(query.get("mdl"), lambda case: case["mdl"]["mdlNo"]),
        f.resolution_in(query.get("resolutions"), "resolution"),
    ]


def state_tests(query: Record) -> list[f.Test]:
    """Filters of a ``StateCaseQuery`` (``courts.state`` is required)."""
    courts = query.get("courts")
    if not isinstance(courts, dict) or "state" not in courts:
        loc: list[str | int] = ["body", "courts"]
        if courts is not None:
            loc.append("state")
        raise Invalid([issue(loc, "Field required", "missing")])
    return [
        *common_tests(query),
        lambda case: case["state"] == courts["state"],
        f.include_exclude(courts, lambda case: [case["court"]]),
        f.include_exclude(query.get("caseTypes"), lambda case: case["caseType"]),
        f.include_exclude(query.get("judges"), f.ids_of("judges", "stateJudgeId")),
        f.include_exclude(query.get("events"), f.ids_of("events", "type")),
        f.resolution_in(query.get("resolutions"), "resolution"),
    ]


def appeals_tests(query: Record) -> list[f.Test]:
    """Filters of an ``AppealsCaseQuery``."""
    origins = query.get("originatingCases") or {}
    origin_ids = {
        "include": origins.get("includeDistrictCaseIds"),
        "exclude": origins.get("excludeDistrictCaseIds"),
    }
    return [
        *common_tests(query),
        f.include_exclude(query.get("courts"), lambda case: [case["court"]]),
        f.include_exclude(query.get("judges"), f.ids_of("judges", "federalJudgeId")),
        f.include_exclude(
            query.get("originatingVenues"), lambda c: c["originatingVenues"]
        ),
        f.include_exclude(origin_ids, f.ids_of("originatingCases", "districtCaseId")),
        f.resolution_in(query.get("resolutions"), "caseResolution"),
    ]


QUERY_KINDS = {
    "district-case": ("districtCaseId", "/district-cases", district_tests),
    "state-case": ("stateCaseId", "/state-cases", state_tests),
    "appeals-case": ("appealsCaseId", "/appeals-cases", appeals_tests),
}

# Top-level fields each query accepts (the schemas forbid any other).
QUERY_FIELDS = {
    "district-case": {
        "caseStatus", "caseTypes", "caseTags", "dates", "judges", "magistrates",
        "events", "lawFirms", "attorneys", "parties", "courts", "resolutions",
        "findings", "remedies", "damages", "patents", "mdl", "appellateDecisions",
        *PAGING,
    },
    "state-case": {
        "courts", "caseStatus", "caseTypes", "caseTags", "dates", "judges", "events",
        "lawFirms", "attorneys", "parties", "resolutions", "damages", "rulings",
        *PAGING,
    },
    "appeals-case": {
        "courts", "caseStatus", "caseTags", "dates", "judges", "lawFirms", "attorneys",
        "parties", "originatingVenues", "originatingCases", "resolutions",
        "supremeCourtDecisions", *PAGING,
    },
}  # fmt: skip


def check_fields(query: Record, kind: str, loc: list[str | int]) -> None:
    """422 for fields the query schema does not have, and for bad paging."""
    extra = [
        issue([*loc, name], "Extra inputs are not permitted", "extra_forbidden")
        for name in query
        if name not in QUERY_FIELDS[kind]
    ]
    if extra:
        raise Invalid(extra)
    for name in ("page", "pageSize"):
        value = query.get(name, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            msg = "Input should be an integer greater than or equal to 1"
            raise Invalid([issue([*loc, name], msg, "greater_than_equal")])
    choice(query.get("ordering", ORDERINGS[0]), ORDERINGS, [*loc, "ordering"])


class Queries:
    """Handlers for the case queries and the district case analytics."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        """Every query and analytics route."""
        return [
            Route("POST", "/query-district-cases", self.query("district-case")),
            Route("POST", "/query-state-cases", self.query("state-case")),
            Route("POST", "/query-appeals-cases", self.query("appeals-case")),
            Route("POST", "/analyze-district-cases/from-query", self.analyze_query),
            Route(
                "GET",
                "/analyze-district-cases/from-alert/{alert_id}",
                self.analyze_alert,
            ),
        ]

    def matching(self, kind: str, query: Record) -> list[Record]:
        """Every case of ``kind`` the query selects, in its ordering."""
        tests = QUERY_KINDS[kind][2](query)
        with self.world.lock:
            found = [c for c in self.world.all(kind) if all(t(c) for t in tests)]
        newest_first = query.get("ordering") == "ByLastFiled"
        id_field = QUERY_KINDS[kind][0]
        found.sort(
            key=lambda c: (c["dates"]["filed"], c[id_field]), reverse=newest_first
        )
        return found

    def query(self, kind: str) -> Any:
        """A handler answering one page of case references."""
        id_field, base, _ = QUERY_KINDS[kind]

        def handle(request: Request) -> Reply:
            query = json_body(request)
            check_fields(query, kind, ["body"])
            page, size = query.get("page", 1), query.get("pageSize", 5)
            chosen = self.matching(kind, query)[(page - 1) * size : page * size]
            cases = [
                {"url": link(f"{base}/{c[id_field]}"), id_field: c[id_field]}
                for c in chosen
            ]
            return data_reply(request, {"cases": cases})

        return handle

    def analyze_query(self, request: Request) -> Reply:
        """Aggregate the district cases a query selects."""
        body = json_body(request)
        if "analyticType" not in body or "districtCaseQuery" not in body:
            missing = [
                k for k in ("analyticType", "districtCaseQuery") if k not in body
            ]
            raise Invalid(
                [issue(["body", k], "Field required", "missing") for k in missing]
            )
        analytic = choice(body["analyticType"], ANALYTICS, ["body", "analyticType"])
        query = body["districtCaseQuery"]
        check_fields(query, "district-case", ["body", "districtCaseQuery"])
        return data_reply(request, self.analytics(analytic, query))

    def analyze_alert(self, request: Request) -> Reply:
        """Aggregate the district cases of an alert's query."""
        alert_id = path_int(request, "alert_id")
        analytic = required_query(request, "analytic_type")
        choice(analytic, ANALYTICS, ["query", "analytic_type"])
        saved = self.world.alert_query(alert_id)
        if saved is None:
            return not_found_id()
        window = {
            "onOrAfter": f.parse_date(
                request.first("on_or_after"), ["query", "on_or_after"]
            ),
            "onOrBefore": f.parse_date(
                request.first("on_or_before"), ["query", "on_or_before"]
            ),
        }
        query = {**saved, "dates": {"filed": window}}
        return data_reply(request, self.analytics(analytic, query))

    def analytics(self, analytic: str, query: Record) -> Record:
        """The ``CaseAnalyticResult`` of ``analytic`` over the selected cases."""
        cases = self.matching("district-case", query)
        if analytic == "CaseCountByType":
            counts = Counter(t for case in cases for t in case["caseType"])
            data = [{"caseType": t, "count": n} for t, n in counts.most_common()]
        elif analytic == "PartyCountByRole":
            data = role_counts(cases, f.party_roles, "party", self.world)
        else:
            data = role_counts(cases, FIRMS, "law-firm", self.world)
        return {"totalCases": len(cases), "aggregation": {"data": data}}


def role_counts(
    cases: list[Record], members: Any, kind: str, world: World
) -> list[Any]:
    """Per party or law firm, how many of ``cases`` it appears in, by role."""
    counts: dict[int, Counter[str]] = {}
    for case in cases:
        for member_id, roles in members(case).items():
            for role in roles:
                counts.setdefault(member_id, Counter())[role] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1].total(), item[0]))
    id_field, name_field = (
        ("partyId", "partyName")
        if kind == "party"
        else (
            "lawFirmId",
            "lawFirmName",
        )
    )
    data = []
    for member_id, per_role in ranked[:100]:
        record = world.get(kind, member_id) or {"name": str(member_id)}
        data.append(
            {
                id_field: member_id,
                name_field: record["name"],
                "rolesAndCounts": [
                    {"role": role, "count": per_role[role]} for role in COUNTED_ROLES
                ],
            }
        )
    return data
