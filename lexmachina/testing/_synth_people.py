"""Synthetic judges, law firms, attorneys, parties and patents."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import _catalog as cat
from ._world import LAW_BASE, World

FEDERAL_JUDGE_BASE = 1000
MAGISTRATE_BASE = 2000
STATE_JUDGE_BASE = 3000
BANKRUPTCY_JUDGE_BASE = 4000
LAW_FIRM_BASE = 5000
ATTORNEY_BASE = 10000
PARTY_BASE = 20000
# Merged ids live above this: the old id of a record now known by another.
MERGED_BASE = 90000


@dataclass
class Cast:
    """Who can appear in cases: judges per court, firms with their attorneys."""

    district_judges: dict[str, list[int]] = field(default_factory=dict)
    magistrates: dict[str, list[int]] = field(default_factory=dict)
    appeals_judges: dict[str, list[int]] = field(default_factory=dict)
    state_judges: dict[str, list[int]] = field(default_factory=dict)
    bankruptcy_judges: dict[str, list[int]] = field(default_factory=dict)
    firm_attorneys: dict[int, list[int]] = field(default_factory=dict)
    companies: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    patents: list[str] = field(default_factory=list)


def person_name(rng: random.Random) -> str:
    """A person's name, sometimes with a middle initial."""
    first, last = rng.choice(cat.FIRST_NAMES), rng.choice(cat.LAST_NAMES)
    if rng.random() < 0.4:
        return f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
    return f"{first} {last}"


def company_name(rng: random.Random) -> str:
    """A company's name."""
    word, kind = rng.choice(cat.COMPANY_WORDS), rng.choice(cat.COMPANY_KINDS)
    return f"{word} {kind}, {rng.choice(cat.COMPANY_SUFFIXES)}"


def initials(name: str) -> str:
    """The initials of a person's name."""
    return "".join(part[0] for part in name.replace(".", "").split())


def birthday(rng: random.Random) -> str:
    """A judge's plausible date of birth."""
    return (date(1945, 1, 1) + timedelta(days=rng.randint(0, 30 * 365))).isoformat()


def add_judges(rng: random.Random, world: World, cast: Cast) -> None:
    """Federal, magistrate, state and bankruptcy judges, assigned to courts."""
    next_id = {"federal": FEDERAL_JUDGE_BASE, "magistrate": MAGISTRATE_BASE}
    for court, _, _ in cat.DISTRICT_COURTS:
        cast.district_judges[court] = []
        for _ in range(4):
            next_id["federal"] += 1
            cast.district_judges[court].append(next_id["federal"])
            world.put("federal-judge", federal_judge(rng, next_id["federal"]))
        next_id["magistrate"] += 1
        cast.magistrates[court] = [next_id["magistrate"]]
        world.put("magistrate-judge", magistrate(rng, next_id["magistrate"]))

    for court in cat.APPEALS_COURTS:
        cast.appeals_judges[court] = []
        for _ in range(3):
            next_id["federal"] += 1
            cast.appeals_judges[court].append(next_id["federal"])
            world.put("federal-judge", federal_judge(rng, next_id["federal"]))
    add_state_and_bankruptcy_judges(rng, world, cast)


def add_state_and_bankruptcy_judges(
    rng: random.Random, world: World, cast: Cast
) -> None:
    """Three judges per state court, two per bankruptcy court."""
    judge_id = STATE_JUDGE_BASE
    for court, state in cat.STATE_COURTS:
        cast.state_judges[court] = []
        for _ in range(3):
            judge_id += 1
            cast.state_judges[court].append(judge_id)
            posting = f"{court}, {state}"
            record = {"name": person_name(rng), "stateJudgeId": judge_id}
            world.put("state-judge", {**record, "courtPosting": posting})

    judge_id = BANKRUPTCY_JUDGE_BASE
    for court in cat.BANKRUPTCY_COURTS:
        cast.bankruptcy_judges[court] = []
        for _ in range(2):
            judge_id += 1
            cast.bankruptcy_judges[court].append(judge_id)
            name = person_name(rng)
            record = {"name": name, "bankruptcyJudgeId": judge_id}
            world.put("bankruptcy-judge", {**record, "initials": initials(name)})


def federal_judge(rng: random.Random, judge_id: int) -> dict[str, object]:
    """A federal judge (case counts are filled in once cases exist)."""
    name = person_name(rng)
    return {
        "name": name,
        "federalJudgeId": judge_id,
        "initials": initials(name),
        "dateOfBirth": birthday(rng),
        "caseCountByCourt": [],
        "nominatingPresident": rng.choice([*cat.PRESIDENTS, None]),
    }


def magistrate(rng: random.Random, judge_id: int) -> dict[str, object]:
    """A magistrate judge (case counts are filled in once cases exist)."""
    name = person_name(rng)
    return {
        "name": name,
        "magistrateJudgeId": judge_id,
        "initials": initials(name),
        "caseCountByCourt": [],
    }


def add_firms_and_attorneys(rng: random.Random, world: World, cast: Cast) -> None:
    """Forty law firms with four attorneys each; a few ids are merged ones."""
    attorney_id = ATTORNEY_BASE
    for index in range(1, 41):
        firm_id = LAW_FIRM_BASE + index
        names = rng.sample(cat.LAST_NAMES, 2)
        firm = f"{names[0]} & {names[1]} LLP"
        world.put("law-firm", {"name": firm, "lawFirmId": firm_id})
        cast.firm_attorneys[firm_id] = []
        for _ in range(4):
            attorney_id += 1
            cast.firm_attorneys[firm_id].append(attorney_id)
            attorney = {"name": person_name(rng), "attorneyId": attorney_id}
            world.put("attorney", attorney)
    merge_some(world, "law-firm", LAW_FIRM_BASE)
    merge_some(world, "attorney", ATTORNEY_BASE)


def merge_some(world: World, kind: str, base: int) -> None:
    """Give the first three records of ``kind`` an old id that resolves to them."""
    table = world.merged.setdefault(kind, {})
    for offset in range(1, 4):
        table[MERGED_BASE + base + offset] = base + offset


def add_parties(rng: random.Random, world: World, cast: Cast) -> None:
    """Companies and people who sue and are sued; a few ids are merged ones."""
    used: set[str] = set()
    for index in range(1, 241):
        party_id = PARTY_BASE + index
        is_company = index % 4 != 0
        name = company_name(rng) if is_company else person_name(rng)
        while name in used:
            name = company_name(rng) if is_company else person_name(rng)
        used.add(name)
        world.put("party", {"name": name, "partyId": party_id})
        (cast.companies if is_company else cast.people).append(party_id)
    merge_some(world, "party", PARTY_BASE)


def add_patents(rng: random.Random, world: World, cast: Cast) -> None:
    """Sixty patents, owned by companies in the cast."""
    for _ in range(60):
        number = str(rng.randint(7_000_000, 11_999_999))
        filed = date(2004, 1, 1) + timedelta(days=rng.randint(0, 12 * 365))
        issued = filed + timedelta(days=rng.randint(500, 1500))
        owner = world.tables["party"][rng.choice(cast.companies)]["name"]
        subject = rng.choice(cat.PATENT_SUBJECTS)
        world.put("patent", patent(number, subject, owner, filed, issued, rng))
        cast.patents.append(number)


def patent(
    number: str,
    subject: str,
    owner: str,
    filed: date,
    issued: date,
    rng: random.Random,
) -> dict[str, object]:
    """A patent record (its case information is filled in once cases exist)."""
    inventors = [person_name(rng).upper() for _ in range(rng.randint(1, 3))]
    return {
        "number": number,
        "title": f"System and method for {subject}",
        "abstract": f"A {subject} arrangement that improves on earlier designs.",
        "inventors": {
            "inventors": inventors,
            "originalAssignee": [owner],
            "filingDate": filed.isoformat(),
            "issueDate": issued.isoformat(),
        },
        "districtCourtCases": {"numberOfCases": 0, "findings": []},
    }


def add_party_groups(world: World, cast: Cast) -> None:
    """Two named groups of parties."""
    for group_id, (name, members) in enumerate(
        [("competitors", cast.companies[:5]), ("individuals", cast.people[:4])],
        start=1,
    ):
        query = "&".join(f"id={member}" for member in members)
        world.put(
            "party-group",
            {
                "partyGroupName": name,
                "parties": list(members),
                "partyGroupId": group_id,
                "lawUrl": f"{LAW_BASE}/party/summary?{query}",
            },
        )
