"""How much in damages do federal district courts award in one type of case?

Queries every district case of a case type (all pages), fetches each case,
and adds up the damages still in force (``damages.active``; voided and
reversed awards are left out) per court. Prints, per court, the cases, the
cases with damages, the total awarded and the median award per case with
damages, and draws the totals to a PNG. Awards without a stated amount
(``NotSpecified``, or per-defendant amounts) are counted as awards of 0.

    python examples/damages_by_court.py                       # fake server
    python examples/damages_by_court.py --case-type Trademark --sandbox
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import _common

import lexmachina
from lexmachina import bulk, paging
from lexmachina.models import DistrictCaseData, UnspecifiedDamagesAmount

COURT_PREFIX = "U.S. District Court for the "


@dataclass
class CourtDamages:
    """What one court awarded: a total per case with damages."""

    cases: int = 0
    awards: list[Decimal] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum(self.awards, Decimal(0))


def main(argv: list[str] | None = None) -> int:
    """Run the analysis; return the exit code."""
    args = parse_arguments(argv)
    try:
        with _common.open_client(args) as client:
            return run(client, args)
    except lexmachina.ApiException as err:
        _common.note(f"error: {type(err).__name__}: {err}")
        return 1


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case-type", default="Patent", help="default: %(default)s")
    parser.add_argument(
        "--filed-since", help="only cases filed on or after this date (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--chart",
        type=Path,
        default=Path("damages_by_court.png"),
        help="where to draw the chart (default: %(default)s)",
    )
    parser.add_argument("--no-chart", action="store_true", help="draw no chart")
    parser.add_argument(
        "--limit", type=int, help="look at no more than this many cases"
    )
    _common.add_connection_arguments(parser)
    return parser.parse_args(argv)


def run(client: lexmachina.ApiClient, args: argparse.Namespace) -> int:
    query: dict[str, object] = {"caseTypes": {"include": [args.case_type]}}
    if args.filed_since:
        query["dates"] = {"filed": {"onOrAfter": args.filed_since}}
    refs = paging.iter_district_cases(client, query, limit=args.limit)
    ids = [ref.district_case_id for ref in refs]
    fetched = bulk.fetch_district_cases(
        client, ids, max_workers=args.workers, progress=_common.show_progress
    )
    for case_id, error in fetched.errors.items():
        _common.note(f"case {case_id} left out: {error}")

    courts = damages_by_court(fetched.values)
    with_damages = sum(len(court.awards) for court in courts.values())
    print(
        f"{args.case_type} cases: {len(fetched.values)}, "
        f"{with_damages} of them with damages awarded"
    )
    print()
    print(damages_table(courts))
    if not args.no_chart:
        draw_chart(args.chart, args.case_type, courts)
    return 0


def case_award(case: DistrictCaseData) -> Decimal | None:
    """The sum of the case's damages in force, or ``None`` if it has none."""
    active = case.damages.active if case.damages else None
    if not active:
        return None
    return sum((amount_of(award.amount) for award in active), Decimal(0))


def amount_of(amount: object) -> Decimal:
    """An award's amount in dollars; 0 when the amount is not stated."""
    if isinstance(amount, UnspecifiedDamagesAmount) or not isinstance(amount, str):
        return Decimal(0)
    try:
        return Decimal(amount)
    except InvalidOperation:
        return Decimal(0)


def damages_by_court(cases: Iterable[DistrictCaseData]) -> dict[str, CourtDamages]:
    courts: dict[str, CourtDamages] = defaultdict(CourtDamages)
    for case in cases:
        court = courts[case.court or "(unknown court)"]
        court.cases += 1
        award = case_award(case)
        if award is not None:
            court.awards.append(award)
    return dict(courts)


def dollars(amount: Decimal) -> str:
    return f"${amount:,.0f}"


def damages_table(courts: dict[str, CourtDamages]) -> str:
    """One row per court, the largest total first."""
    ordered = sorted(courts.items(), key=lambda item: (-item[1].total, item[0]))
    rows = [
        (
            name,
            court.cases,
            len(court.awards),
            dollars(court.total),
            dollars(statistics.median(court.awards)) if court.awards else "-",
        )
        for name, court in ordered
    ]
    headers = ["Court", "Cases", "With damages", "Total awarded", "Median award"]
    return _common.format_table(headers, rows)


def draw_chart(path: Path, case_type: str, courts: dict[str, CourtDamages]) -> None:
    ordered = sorted(courts.items(), key=lambda item: -item[1].total)
    labels = [name.removeprefix(COURT_PREFIX) for name, _ in ordered]
    millions = [float(court.total) / 1e6 for _, court in ordered]
    title = f"Damages awarded in {case_type} cases, by court"
    if _common.save_bar_chart(
        path, labels, millions, title=title, value_label="$ millions", horizontal=True
    ):
        _common.note(f"Chart written to {path}")


if __name__ == "__main__":
    sys.exit(main())
