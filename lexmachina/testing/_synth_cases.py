"""Synthetic district, state, appeals and bankruptcy cases with their dockets."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ._synth_people import Cast
from ._world import LAW_BASE, Record, World

# The synthetic world's "today": cases filed after it do not exist, and open
# cases stay open. Fixed so that the data is the same on every run.
TODAY = date(2026, 3, 1)
FIRST_FILING = date(2015, 1, 1)
DISTRICT_CASE_BASE = 100000
STATE_CASE_BASE = 300000
APPEALS_CASE_BASE = 400000
BANKRUPTCY_CASE_BASE = 500000
DOCKET_ENTRY_BASE = 1_000_000
STATE_DOCKET_ENTRY_BASE = 3_000_000


@dataclass(frozen=True)
class Side:
    """One side of a case: its role, parties, law firm and attorneys."""

    role: str
    party_ids: list[int]
    firm_id: int
    attorney_ids: list[int]


def by_status(items: list[Record]) -> Record:
    """A by-status group with everything active."""
    return {"active": items, "voided": [], "reversed": []}


def day(value: date) -> str:
    """A date as the API writes it."""
    return value.isoformat()


class CaseFactory:
    """Builds cases into a world, drawing ids and people from a cast."""

    def __init__(self, rng: random.Random, world: World, cast: Cast) -> None:
        self.rng = rng
        self.world = world
        self.cast = cast
        self.next_entry = DOCKET_ENTRY_BASE
        self.next_state_entry = STATE_DOCKET_ENTRY_BASE

    def sides(self, roles: tuple[str, ...]) -> list[Side]:
        """Distinct parties, firms and attorneys for each role."""
        parties = self.rng.sample(self.cast.companies + self.cast.people, 6)
        firms = self.rng.sample(sorted(self.cast.firm_attorneys), len(roles))
        found = []
        for index, role in enumerate(roles):
            count = 1 if self.rng.random() < 0.7 else 2
            members = parties[index * 3 : index * 3 + count]
            lawyers = self.cast.firm_attorneys[firms[index]]
            chosen = self.rng.sample(lawyers, self.rng.randint(1, 2))
            found.append(Side(role, members, firms[index], chosen))
        return found

    def people_of(self, sides: list[Side]) -> Record:
        """The parties, lawFirms and attorneys fields for ``sides``."""
        names = self.world.tables
        parties = [
            {"name": names["party"][pid]["name"], "partyId": pid, "role": side.role}
            for side in sides
            for pid in side.party_ids
        ]
        firms = [
            {
                "name": names["law-firm"][side.firm_id]["name"],
                "lawFirmId": side.firm_id,
                "clientPartyIds": list(side.party_ids),
            }
            for side in sides
        ]
        attorneys = [
            {
                "name": names["attorney"][aid]["name"],
                "attorneyId": aid,
                "lawFirmIds": [side.firm_id],
                "clientsPartyIds": list(side.party_ids),
            }
            for side in sides
            for aid in side.attorney_ids
        ]
        return {"lawFirms": firms, "attorneys": attorneys, "parties": parties}

    def title(self, sides: list[Side]) -> str:
        """``First plaintiff v. first defendant``, with ``et al`` as needed."""
        names = []
        for side in sides[:2]:
            name = self.world.tables["party"][side.party_ids[0]]["name"]
            names.append(name + (" et al" if len(side.party_ids) > 1 else ""))
        return " v. ".join(names)

    def timeline(self) -> tuple[date, date | None]:
        """A filing date over ten years, and a termination date or None."""
        filed = FIRST_FILING + timedelta(days=self.rng.randint(0, 3999))
        ends = filed + timedelta(days=self.rng.randint(40, 1400))
        if ends >= TODAY or self.rng.random() < 0.12:
            return filed, None
        return filed, ends

    def docket(self, filed: date, last: date, state: bool = False) -> list[Record]:
        """Docket entries from the complaint on ``filed`` to ``last``."""
        span = max((last - filed).days, 1)
        offsets = sorted(self.rng.sample(range(1, span + 1), min(span, 4)))
        dates = [filed, *(filed + timedelta(days=o) for o in offsets[:-1]), last]
        texts = ["COMPLAINT", "ANSWER to Complaint", "MOTION", "ORDER", "JUDGMENT"]
        return [
            self.entry(number, when, texts[min(number - 1, 3)], state)
            for number, when in enumerate(dates, start=1)
        ]

    def entry(self, number: int, when: date, text: str, state: bool) -> Record:
        """One docket entry with a fresh id."""
        tags = ["Complaint"] if number == 1 else []
        if state:
            self.next_state_entry += 1
            entry_id = self.next_state_entry
            return {
                "filedOn": day(when),
                "tags": tags,
                "text": text,
                "stateDocketEntryId": entry_id,
            }
        self.next_entry += 1
        return {
            "filedOn": day(when),
            "tags": tags,
            "text": text,
            "number": number,
            "docketEntryId": self.next_entry,
        }

    def store_case(self, kind: str, case: Record) -> None:
        """Store a case and its docket entries."""
        self.world.add_record(kind, case)


def case_number(rng: random.Random, filed: date, kind: str) -> str:
    """A docket number such as ``1:19-cv-01234``."""
    office = rng.randint(1, 6)
    return f"{office}:{filed.year % 100:02d}-{kind}-{rng.randint(1, 9999):05d}"


def docket_of(entries: list[Record]) -> Record:
    """A docket holding every entry (answers strip them unless asked)."""
    return {"entries": entries, "retrieved": "all", "count": len(entries)}


def complaint_summary(rng: random.Random, case_id: int, filed: date) -> Any:
    """A complaint summary for some cases, else None."""
    if rng.random() < 0.7:
        return None
    return {
        "summary": "The plaintiff alleges the defendant breached its obligations.",
        "documentLawUrl": f"{LAW_BASE}/cases/{case_id}/complaint",
        "summarized": day(filed + timedelta(days=3)),
    }
