"""Name searches with paging, and district cases found by their numbers."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from ._http import Reply, Request
from ._params import base_url, data_reply, query_int, required_query
from ._routes import Route
from ._world import Record, World, link

# kind: (path, results field, id field, link base)
SEARCHES = {
    "attorney": ("/search-attorneys", "attorneys", "attorneyId", "/attorneys"),
    "law-firm": ("/search-law-firms", "lawFirms", "lawFirmId", "/law-firms"),
    "party": ("/search-parties", "parties", "partyId", "/parties"),
}
JUDGES = (
    ("federalJudges", "federal-judge", "federalJudgeId", "/federal-judges"),
    ("magistrateJudges", "magistrate-judge", "magistrateJudgeId", "/magistrate-judges"),
    ("stateJudges", "state-judge", "stateJudgeId", "/state-judges"),
    ("bankruptcyJudges", "bankruptcy-judge", "bankruptcyJudgeId", "/bankruptcy-judges"),
)
# Trailing judge initials, such as "-NLH-KMW", which case number search ignores.
INITIALS = re.compile(r"(-[A-Za-z]{2,4})+$")


def core_number(number: str) -> str:
    """A case number without its office prefix and judge initials."""
    number = INITIALS.sub("", number.strip())
    return number.split(":", 1)[-1].lower()


class Searches:
    """Handlers for the name searches and ``/find-district-cases``."""

    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        """Every search route."""
        found = [
            Route("GET", path, self.search(kind))
            for kind, (path, *_) in SEARCHES.items()
        ]
        return [
            *found,
            Route("GET", "/search-judges", self.search_judges),
            Route("GET", "/find-district-cases", self.find_cases),
        ]

    def named(self, kind: str, text: str) -> list[Record]:
        """Records of ``kind`` whose name contains ``text``, any case."""
        wanted = text.lower()
        return [r for r in self.world.all(kind) if wanted in r["name"].lower()]

    def search(self, kind: str) -> Any:
        """A handler answering one page of a name search."""
        path, field, id_field, base = SEARCHES[kind]

        def handle(request: Request) -> Reply:
            text = required_query(request, "q")
            page = query_int(request, "pageNumber", 1)
            size = query_int(request, "pageSize", 1)
            matches = self.named(kind, text)
            chosen = matches[(page - 1) * size : page * size]
            answer: Record = {
                "totalCount": len(matches),
                "page": page,
                field: [
                    {
                        "name": r["name"],
                        id_field: r[id_field],
                        "url": link(f"{base}/{r[id_field]}"),
                    }
                    for r in chosen
                ],
            }
            if page * size < len(matches):
                query = urlencode({"q": text, "pageNumber": page + 1, "pageSize": size})
                answer["nextPage"] = f"{base_url(request)}{path}?{query}"
            return data_reply(request, answer)

        return handle

    def search_judges(self, request: Request) -> Reply:
        """Judges of every kind whose name contains ``q``."""
        text = required_query(request, "q")
        answer = {}
        for field, kind, id_field, base in JUDGES:
            answer[field] = [
                {
                    **judge_summary(judge),
                    "url": link(f"{base}/{judge[id_field]}"),
                }
                for judge in self.named(kind, text)
            ]
        return data_reply(request, answer)

    def find_cases(self, request: Request) -> Reply:
        """District cases matching each case number, optionally in one court."""
        numbers = list(dict.fromkeys(request.query.get("caseNumbers") or []))
        if not numbers:
            required_query(request, "caseNumbers")
        court = request.first("court")
        cases = self.world.all("district-case")
        answer = []
        for number in numbers:
            matches = [
                case_reference(case)
                for case in cases
                if core_number(case["caseNo"]) == core_number(number)
                and court in (None, case["court"])
            ]
            answer.append(
                {
                    "totalCount": len(matches),
                    "inputCaseNumber": number,
                    "inputCourt": court,
                    "matches": matches[:1000],
                }
            )
        return data_reply(request, answer)


def judge_summary(judge: Record) -> Record:
    """A judge as search results show it (no birthday, no president)."""
    dropped = ("dateOfBirth", "nominatingPresident", "initials")
    kept = {k: v for k, v in judge.items() if k not in dropped}
    if "federalJudgeId" in judge:
        kept["initials"] = judge["initials"]
    return kept


def case_reference(case: Record) -> Record:
    """How case number search names a district case."""
    return {
        "url": link(f"/district-cases/{case['districtCaseId']}"),
        "districtCaseId": case["districtCaseId"],
        "caseNumber": case["caseNo"],
        "court": case["court"],
        "title": case["title"],
    }
