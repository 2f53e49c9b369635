"""Synthetic state, appeals and bankruptcy cases, PTAB trials, ITC investigations."""

from __future__ import annotations

from datetime import date, timedelta

from . import _catalog as cat
from ._synth_cases import (
    APPEALS_CASE_BASE,
    BANKRUPTCY_CASE_BASE,
    STATE_CASE_BASE,
    TODAY,
    CaseFactory,
    case_number,
    day,
    docket_of,
)
from ._world import Record, link


def add_state_cases(factory: CaseFactory, count: int) -> None:
    """``count`` state cases over four courts in three states."""
    for index in range(1, count + 1):
        court, state = factory.rng.choice(cat.STATE_COURTS)
        case = state_case(factory, STATE_CASE_BASE + index, court, state)
        factory.store_case("state-case", case)


def state_case(factory: CaseFactory, case_id: int, court: str, state: str) -> Record:
    """One state case."""
    rng = factory.rng
    filed, terminated = factory.timeline()
    sides = factory.sides(cat.PARTY_ROLES)
    last = terminated or min(filed + timedelta(days=200), TODAY)
    entries = factory.docket(filed, last, state=True)
    judge_id = rng.choice(factory.cast.state_judges[court])
    judge = factory.world.tables["state-judge"][judge_id]
    outcome, rulings, damages = None, [], []
    if terminated is not None:
        summary, specific = rng.choice(cat.RESOLUTIONS[:7])
        outcome = {
            "summary": summary,
            "specific": specific,
            "docketEntryFiled": day(terminated),
            "stateDocketEntryId": entries[-1]["stateDocketEntryId"],
        }
        if summary == "Claimant Win":
            won, lost = sides[0].party_ids, sides[1].party_ids
            rulings.append(
                {
                    "judgmentEvent": rng.choice(cat.STATE_JUDGMENT_EVENTS),
                    "awardedToPartyIds": won,
                    "awardedAgainstPartyIds": lost,
                    "awarded": day(terminated),
                }
            )
            damages.append(
                {
                    "name": rng.choice(cat.STATE_DAMAGES),
                    "awardedToPartyId": won,
                    "awardedAgainstPartyIds": lost,
                    "amount": f"{rng.randint(1, 900) * 1000}.00",
                    "awarded": day(terminated),
                }
            )
    return {
        "stateCaseId": case_id,
        "title": factory.title(sides),
        "state": state,
        "court": court,
        "caseNo": f"{filed.year}-{rng.randint(10000, 99999)}",
        "status": "Terminated" if terminated else "Open",
        "caseType": [rng.choice(cat.STATE_CASE_TYPES)],
        "caseTags": [],
        "dates": {
            "filed": day(filed),
            "terminated": day(terminated) if terminated else None,
            "trial": None,
        },
        "resolution": outcome,
        "events": [{"type": "Filed", "occurred": day(filed)}],
        "judges": [{"name": judge["name"], "stateJudgeId": judge_id}],
        "rulings": {"active": rulings},
        **factory.people_of(sides),
        "damages": {"active": damages},
        "docket": docket_of(entries),
    }


def add_appeals_cases(factory: CaseFactory, count: int) -> None:
    """Appeals of terminated district cases, linked both ways."""
    ended = [
        case
        for case in factory.world.all("district-case")
        if case["status"] == "Terminated" and case["dates"]["terminated"] < "2025-06-01"
    ]
    origins = factory.rng.sample(ended, min(count, len(ended)))
    for index, origin in enumerate(sorted(origins, key=lambda c: c["districtCaseId"])):
        case = appeals_case(factory, APPEALS_CASE_BASE + index + 1, origin)
        factory.store_case("appeals-case", case)
        origin["appealsCases"].append(appeal_summary(case))


def appeals_case(factory: CaseFactory, case_id: int, origin: Record) -> Record:
    """An appeal of district case ``origin``, by its losing side."""
    rng = factory.rng
    court = rng.choice(cat.APPEALS_COURTS)
    filed = date.fromisoformat(origin["dates"]["terminated"]) + timedelta(days=30)
    terminated = filed + timedelta(days=rng.randint(200, 500))
    ended = terminated < TODAY
    last = terminated if ended else filed + timedelta(days=60)
    entries = factory.docket(filed, last)
    sides = factory.sides(cat.APPEALS_ROLES)
    judge_ids = factory.cast.appeals_judges[court]
    judges = factory.world.tables["federal-judge"]
    decision = rng.choice(cat.APPELLATE_DECISIONS)
    return {
        "appealsCaseId": case_id,
        "title": factory.title(sides),
        "court": court,
        "civilActionNumber": f"{filed.year % 100:02d}-{rng.randint(1000, 9999)}",
        "status": "Terminated" if ended else "Open",
        "caseTags": [],
        "dates": {
            "filed": day(filed),
            "terminated": day(terminated) if ended else None,
            "lastDocket": entries[-1]["filedOn"],
        },
        "judges": [{"name": judges[j]["name"], "federalJudgeId": j} for j in judge_ids],
        **factory.people_of(sides),
        "originatingVenues": ["Federal District Court"],
        "originatingCases": [
            {
                "districtCaseId": origin["districtCaseId"],
                "districtCaseUrl": link(f"/district-cases/{origin['districtCaseId']}"),
                "judges": origin["judges"],
                "caseTypes": origin["caseType"],
            }
        ],
        "appealabilityRulings": [],
        "caseResolution": {
            "summary": decision,
            "specific": decision,
            "docketEntryFiled": day(terminated),
        }
        if ended
        else None,
        "supremeCourtAndRehearingDecisions": [],
        "docket": docket_of(entries),
    }


def appeal_summary(case: Record) -> Record:
    """How a district case names its appeal."""
    resolution = None
    if case["caseResolution"] is not None:
        resolution = {
            **case["caseResolution"],
            "docketEntryId": case["docket"]["entries"][-1]["docketEntryId"],
        }
    return {
        "appealsCaseId": case["appealsCaseId"],
        "appealsCaseUrl": link(f"/appeals-cases/{case['appealsCaseId']}"),
        "resolution": resolution,
        "filedOn": case["dates"]["filed"],
        "terminated": case["dates"]["terminated"],
    }


def add_bankruptcy_cases(factory: CaseFactory, count: int) -> None:
    """``count`` bankruptcy cases in two courts."""
    rng = factory.rng
    for index in range(1, count + 1):
        court = rng.choice(cat.BANKRUPTCY_COURTS)
        filed, terminated = factory.timeline()
        last = terminated or min(filed + timedelta(days=100), TODAY)
        entries = factory.docket(filed, last)
        sides = factory.sides(("Debtor", "Creditor"))
        judge_id = rng.choice(factory.cast.bankruptcy_judges[court])
        name = factory.world.tables["bankruptcy-judge"][judge_id]["name"]
        case = {
            "bankruptcyCaseId": BANKRUPTCY_CASE_BASE + index,
            "title": "In re " + factory.title(sides[:1]),
            "court": court,
            "civilActionNumber": case_number(rng, filed, "bk"),
            "status": "Terminated" if terminated else "Open",
            "caseTags": [rng.choice(cat.BANKRUPTCY_CASE_TYPES)],
            "dates": {
                "filed": day(filed),
                "terminated": day(terminated) if terminated else None,
                "lastDocket": entries[-1]["filedOn"],
            },
            "judges": [{"name": name, "bankruptcyJudgeId": judge_id}],
            **factory.people_of(sides),
            "assets": f"{rng.randint(1, 500)}000000.00",
            "liabilities": f"{rng.randint(1, 900)}000000.00",
            "docket": docket_of(entries),
        }
        factory.store_case("bankruptcy-case", case)
