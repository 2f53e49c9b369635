"""Synthetic federal district cases: parties, outcomes, damages, findings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from . import _catalog as cat
from ._synth_cases import (
    DISTRICT_CASE_BASE,
    TODAY,
    CaseFactory,
    Side,
    by_status,
    case_number,
    complaint_summary,
    day,
    docket_of,
)
from ._world import Record

COURT_WEIGHTS = (5, 4, 3, 3, 2, 3, 2, 2)


def add_district_cases(factory: CaseFactory, count: int) -> None:
    """``count`` district cases over ten years and eight courts."""
    courts = [court for court, _, _ in cat.DISTRICT_COURTS]
    for index in range(1, count + 1):
        court = factory.rng.choices(courts, COURT_WEIGHTS)[0]
        case = district_case(factory, DISTRICT_CASE_BASE + index, court)
        factory.store_case("district-case", case)


def district_case(factory: CaseFactory, case_id: int, court: str) -> Record:
    """One district case; ids of judges, firms and parties resolve elsewhere."""
    rng = factory.rng
    case_types = case_types_for(factory)
    filed, terminated = factory.timeline()
    sides = factory.sides(cat.PARTY_ROLES)
    last = terminated or min(filed + timedelta(days=rng.randint(30, 600)), TODAY)
    entries = factory.docket(filed, last)
    outcome = resolution(factory, terminated, entries)
    return {
        "districtCaseId": case_id,
        "title": factory.title(sides),
        "court": court,
        "caseNo": case_number(rng, filed, "cv"),
        "status": "Terminated" if terminated else "Open",
        "caseType": case_types,
        "caseTags": sorted(rng.sample(cat.CASE_TAGS, rng.choice([0, 0, 1, 2]))),
        "dates": dates(filed, terminated, outcome, entries),
        "resolution": outcome,
        "events": events(filed, terminated, outcome),
        **judges_of(factory, court),
        **outcomes(factory, outcome, sides, case_types, entries),
        **factory.people_of(sides),
        "patents": patents_of(factory, case_types),
        "orders": {"expertWitnessesAdmissibilityOrders": by_status([])},
        "mdl": {"mdlNo": [], "masterCaseIds": [], "truncatedData": False},
        "appealsCases": [],
        "docket": docket_of(entries),
        "complaintSummary": complaint_summary(rng, case_id, filed),
        "natureOfSuit": nature_of_suit(case_types[0]),
    }


def case_types_for(factory: CaseFactory) -> list[str]:
    """One case type, sometimes two."""
    weights = (6, 5, 4, 2, 2, 1, 1, 3, 2, 1)
    first = factory.rng.choices(cat.DISTRICT_CASE_TYPES, weights)[0]
    if factory.rng.random() < 0.85:
        return [first]
    second = factory.rng.choice(cat.DISTRICT_CASE_TYPES)
    return sorted({first, second})


def resolution(
    factory: CaseFactory, terminated: date | None, entries: list[Record]
) -> Record | None:
    """How a terminated case ended, pointing at its last docket entry."""
    if terminated is None:
        return None
    weights = (3, 1, 2, 3, 1, 1, 8, 1, 2, 2)
    summary, specific = factory.rng.choices(cat.RESOLUTIONS, weights)[0]
    return {
        "summary": summary,
        "specific": specific,
        "docketEntryFiled": day(terminated),
        "docketEntryId": entries[-1]["docketEntryId"],
    }


def dates(
    filed: date, terminated: date | None, outcome: Record | None, entries: list[Record]
) -> Record:
    """The dates block; a case decided at trial has a trial date."""
    trial = None
    if outcome is not None and outcome["specific"] == "Trial" and terminated:
        trial = day(terminated - timedelta(days=14))
    return {
        "filed": day(filed),
        "terminated": day(terminated) if terminated else None,
        "trial": trial,
        "lastDocket": entries[-1]["filedOn"],
    }


def events(filed: date, terminated: date | None, outcome: Record | None) -> list[Any]:
    """Filed, and for ended cases the trial and termination events."""
    found = [{"type": "Filed", "occurred": day(filed)}]
    if outcome is not None and outcome["specific"] == "Trial" and terminated:
        trial = terminated - timedelta(days=14)
        found.append({"type": "Trial", "occurred": day(trial)})
    if terminated is not None:
        found.append({"type": "Terminated", "occurred": day(terminated)})
    return found


def judges_of(factory: CaseFactory, court: str) -> Record:
    """A district judge of ``court`` and, for some cases, its magistrate."""
    names = factory.world.tables
    judge_id = factory.rng.choice(factory.cast.district_judges[court])
    judge = {
        "name": names["federal-judge"][judge_id]["name"],
        "federalJudgeId": judge_id,
    }
    magistrates = []
    if factory.rng.random() < 0.5:
        mag_id = factory.cast.magistrates[court][0]
        mag_name = names["magistrate-judge"][mag_id]["name"]
        magistrates.append({"name": mag_name, "magistrateJudgeId": mag_id})
    return {"judges": [judge], "magistrateJudges": magistrates}


def outcomes(
    factory: CaseFactory,
    outcome: Record | None,
    sides: list[Side],
    case_types: list[str],
    entries: list[Record],
) -> Record:
    """Damages, findings and remedies of a case the claimant won."""
    empty = {
        "remedies": by_status([]),
        "findings": by_status([]),
        "damages": by_status([]),
    }
    if outcome is None or outcome["summary"] != "Claimant Win":
        return empty
    plaintiffs, defendants = sides[0].party_ids, sides[1].party_ids
    common = {
        "judgmentSource": outcome["specific"],
        "docketEntryId": entries[-1]["docketEntryId"],
    }
    area = case_types[0] if case_types[0] in cat.DAMAGES_BY_AREA else "General"
    amount = factory.rng.randint(5, 5000) * 10_000
    damage = {
        "name": factory.rng.choice(cat.DAMAGES_BY_AREA[area]),
        "type": "Compensatory",
        **common,
        "awardedToPartyIds": plaintiffs,
        "awardedAgainstPartyIds": defendants,
        "amount": f"{amount}.00",
        "awarded": outcome["docketEntryFiled"],
    }
    found = {**empty, "damages": by_status([damage])}
    if area in cat.FINDINGS_BY_AREA:
        finding = {
            "name": cat.FINDINGS_BY_AREA[area][0],
            "type": "Liability",
            **common,
            "inFavorOfPartyIds": plaintiffs,
            "patentInvalidityReasons": [],
            "againstPartyIds": defendants,
            "docketEntryFiled": outcome["docketEntryFiled"],
        }
        found["findings"] = by_status([finding])
    if factory.rng.random() < 0.3:
        remedy = {
            "name": "Permanent Injunction",
            "type": "Injunction",
            **common,
            "awardedToPartyIds": plaintiffs,
            "againstPartyIds": defendants,
            "docketEntryFiled": outcome["docketEntryFiled"],
        }
        found["remedies"] = by_status([remedy])
    return found


def patents_of(factory: CaseFactory, case_types: list[str]) -> list[Record]:
    """One or two patents for a patent case, none otherwise."""
    if "Patent" not in case_types:
        return []
    numbers = factory.rng.sample(factory.cast.patents, factory.rng.randint(1, 2))
    table = factory.world.tables["patent"]
    return [{"number": n, "title": table[n]["title"]} for n in sorted(numbers)]


def nature_of_suit(case_type: str) -> Record | None:
    """The civil cover sheet's nature of suit, where the case type has one."""
    found = cat.NATURES_OF_SUIT.get(case_type)
    if found is None:
        return None
    return {"code": found[0], "title": found[1]}
