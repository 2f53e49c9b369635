"""Synthetic PTAB trials, ITC investigations, alerts, and the derived counts."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from . import _catalog as cat
from ._synth_cases import TODAY, CaseFactory, day
from ._world import LAW_BASE, Record, World, link

PTAB_BASE = 600000
ITC_DOCUMENT_BASE = 700000
TECH_CENTERS = (
    (2100, "Computer Architecture, Software"),
    (3700, "Mechanical Engineering"),
)


def add_ptab_trials(factory: CaseFactory, count: int) -> None:
    """``count`` PTAB trials against patents of the cast."""
    for index in range(1, count + 1):
        factory.world.put("ptab-trial", ptab_trial(factory, PTAB_BASE + index))


def ptab_trial(factory: CaseFactory, trial_id: int) -> Record:
    """One inter partes review or similar trial."""
    rng = factory.rng
    filed, terminated = factory.timeline()
    kind = rng.choice(cat.PTAB_TYPES)
    number = rng.choice(factory.cast.patents)
    patent = factory.world.tables["patent"][number]
    instituted = filed + timedelta(days=180)
    decided = terminated if terminated and terminated > instituted else None
    ground = {
        "decision": "Unpatentable" if rng.random() < 0.6 else "Not Unpatentable",
        "statute": "103",
        "claims": [1, 2, 3],
        "priorArt": [{"priorArtType": "Patent", "priorArtReferences": ["US1234567"]}],
    }
    center_number, center_name = rng.choice(TECH_CENTERS)
    return {
        "ptabTrialId": trial_id,
        "ptabTrialNumber": f"{kind}{filed.year}-{trial_id % 100000:05d}",
        "status": "Terminated" if terminated else "Open",
        "dates": {
            "filed": day(filed),
            "terminated": day(terminated) if terminated else None,
            "institutionDecision": day(instituted) if instituted < TODAY else None,
            "finalDecision": day(decided) if decided else None,
        },
        "usptoPatentTechnologyCenter": {"number": center_number, "name": center_name},
        "administrativePatentJudges": [
            {
                "name": "Ada Q. Examiner",
                "administrativePatentJudgeId": 300 + trial_id % 7,
                "details": [{"stage": "Institution Decision", "role": "Presiding"}],
            }
        ],
        **factory.people_of(factory.sides(("Petitioner", "Patent Owner"))),
        "trialType": kind,
        "trialTags": [],
        "trialResolution": "Final Decision" if decided else None,
        "patent": {
            "number": number,
            "title": patent["title"],
            "applicationNumber": f"{rng.randint(10, 17)}/{rng.randint(100000, 999999)}",
        },
        "claimFindings": [
            {
                "numbers": [1, 2, 3],
                "petition": "Challenged",
                "institutionDecision": "Instituted",
                "finalWrittenDecision": ground["decision"] if decided else None,
            }
        ],
        "petitionStageGrounds": {"statutes": ["103"], "priorArt": ground["priorArt"]},
        "institutionDecisionGrounds": [ground],
        "finalDecisionGrounds": [ground] if decided else None,
    }


def add_itc_investigations(factory: CaseFactory, count: int) -> None:
    """``count`` section 337 investigations, each with two documents."""
    document_id = ITC_DOCUMENT_BASE
    for index in range(1, count + 1):
        number = f"337-TA-{1300 + index}"
        documents = []
        for title in ("Complaint", "Notice of Investigation"):
            document_id += 1
            documents.append(itc_document(factory, document_id, title))
        investigation = itc_investigation(factory, number, documents)
        factory.world.put("itc-investigation", investigation)
        for document in documents:
            factory.world.put(
                "itc-document", {**document, "investigationNumber": number}
            )


def itc_document(factory: CaseFactory, document_id: int, title: str) -> Record:
    """One document filed in an investigation."""
    filed, _ = factory.timeline()
    party = factory.world.tables["party"][factory.rng.choice(factory.cast.companies)]
    return {
        "usitcDocumentId": document_id,
        "date": day(filed),
        "title": title,
        "type": title,
        "filedBy": [{"name": party["name"]}],
        "firm": [],
        "onBehalfOf": [{"name": party["name"]}],
    }


def itc_investigation(
    factory: CaseFactory, number: str, documents: list[Record]
) -> Record:
    """One investigation, its documents in full (answers strip them unless asked)."""
    rng = factory.rng
    notice, terminated = factory.timeline()
    parties = rng.sample(factory.cast.companies, 2)
    names = factory.world.tables["party"]
    patent = rng.choice(factory.cast.patents)
    return {
        "itcInvestigationId": number,
        "investigationNumber": number,
        "title": f"Certain Devices Thereof; Inv. No. {number}",
        "investigationTypes": [rng.choice(cat.ITC_TYPES)],
        "status": "Terminated" if terminated else "Active",
        "dates": {
            "notice": day(notice),
            "terminated": day(terminated) if terminated else None,
        },
        "administrativeLawJudges": [{"name": "Clara B. Presiding"}],
        "dispositions": [rng.choice(cat.ITC_DISPOSITIONS)] if terminated else [],
        "parties": [
            {"name": names[parties[0]]["name"], "role": "complainant"},
            {"name": names[parties[1]]["name"], "role": "respondent"},
        ],
        "patents": [
            {"number": patent, "title": factory.world.tables["patent"][patent]["title"]}
        ],
        "itcDocumentList": {
            "entries": documents,
            "retrieved": "all",
            "count": len(documents),
        },
    }


def add_alerts(world: World) -> None:
    """Two alerts on district case queries, each with two runs."""
    queries: list[tuple[str, Record]] = [
        ("patent-cases", {"caseTypes": {"include": ["Patent"]}}),
        ("delaware", {"courts": {"include": [cat.DISTRICT_COURTS[0][0]]}}),
    ]
    cases = world.all("district-case")
    for alert_id, (name, query) in enumerate(queries, start=1):
        world.alert_queries[alert_id] = query
        world.alert_runs[alert_id] = {
            "2026-02-20": alert_items(cases[alert_id::40]),
            "2026-02-27": alert_items(cases[alert_id + 20 :: 40]),
        }
        world.put("alert", alert(alert_id, name))


def alert(alert_id: int, name: str) -> Record:
    """An alert's summary."""
    return {
        "alertId": alert_id,
        "type": "New District Court Cases",
        "customName": name,
        "frequency": "Weekly",
        "lastRun": "2026-02-27",
        "alertUrl": link(f"/alerts/runs/{alert_id}"),
        "lawUrl": f"{LAW_BASE}/alerts/{alert_id}",
    }


def alert_items(cases: list[Record]) -> list[Record]:
    """Alert items pointing at district cases."""
    return [
        {
            "url": link(f"/district-cases/{case['districtCaseId']}"),
            "itemId": case["districtCaseId"],
            "districtCaseId": case["districtCaseId"],
        }
        for case in cases
    ]


def fill_counts(world: World) -> None:
    """Judges' case counts per court and patents' case information."""
    counts: dict[tuple[str, int], Counter[str]] = {}
    for case in world.all("district-case"):
        for judge in case["judges"]:
            key = ("federal-judge", judge["federalJudgeId"])
            counts.setdefault(key, Counter())[case["court"]] += 1
        for judge in case["magistrateJudges"]:
            key = ("magistrate-judge", judge["magistrateJudgeId"])
            counts.setdefault(key, Counter())[case["court"]] += 1
    for kind in ("appeals-case", "bankruptcy-case"):
        id_field = "federalJudgeId" if kind == "appeals-case" else "bankruptcyJudgeId"
        judge_kind = "federal-judge" if kind == "appeals-case" else "bankruptcy-judge"
        for case in world.all(kind):
            for judge in case["judges"]:
                key = (judge_kind, judge[id_field])
                counts.setdefault(key, Counter())[case["court"]] += 1
    for (kind, judge_id), per_court in counts.items():
        world.tables[kind][judge_id]["caseCountByCourt"] = count_list(per_court)
    fill_patent_cases(world)


def count_list(per_court: Counter[str]) -> list[dict[str, Any]]:
    """Counts per court, then the total, as the API lists them."""
    found = [{"court": court, "count": n} for court, n in sorted(per_court.items())]
    return [*found, {"court": "total", "count": sum(per_court.values())}]


def fill_patent_cases(world: World) -> None:
    """How many district cases name each patent, and who won the findings."""
    for case in world.all("district-case"):
        for patent in case["patents"]:
            info = world.tables["patent"][patent["number"]]["districtCourtCases"]
            info["numberOfCases"] += 1
            for finding in case["findings"]["active"]:
                info["findings"].append(
                    {
                        "caseId": [case["districtCaseId"]],
                        "type": [finding["name"]],
                        "winner": "Patent Owner",
                    }
                )
