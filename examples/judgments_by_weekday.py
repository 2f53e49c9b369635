"""On which day of the week does a federal district judge enter judgments?

Searches the judge by name, queries every terminated district case before
them (all pages), fetches each case, and counts the judgment dates by
weekday: the date of the docket entry that resolved the case, or the
termination date when the case has no resolution. Prints a table and draws
a bar chart to a PNG.

    python examples/judgments_by_weekday.py                 # fake server
    python examples/judgments_by_weekday.py --judge "Gilstrap" --sandbox

When several federal judges match the name, the one with the most cases is
used and the others are listed.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import _common

import lexmachina
from lexmachina import bulk, paging
from lexmachina.models import DistrictCaseData, FederalJudgeResult

WEEKDAYS = list(calendar.day_name)  # Monday first, as date.weekday() counts


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
    parser.add_argument("--judge", default="Walsh", help="part of the judge's name")
    parser.add_argument(
        "--chart",
        type=Path,
        default=Path("judgments_by_weekday.png"),
        help="where to draw the chart (default: %(default)s)",
    )
    parser.add_argument("--no-chart", action="store_true", help="draw no chart")
    parser.add_argument(
        "--limit", type=int, help="look at no more than this many cases"
    )
    _common.add_connection_arguments(parser)
    return parser.parse_args(argv)


def run(client: lexmachina.ApiClient, args: argparse.Namespace) -> int:
    judge = find_judge(client, args.judge)
    if judge is None:
        _common.note(f"No federal judge's name contains {args.judge!r}.")
        return 1

    query = {
        "judges": {"include": [judge.federal_judge_id]},
        "caseStatus": "Terminated",
    }
    refs = paging.iter_district_cases(client, query, limit=args.limit)
    ids = [ref.district_case_id for ref in refs]
    fetched = bulk.fetch_district_cases(
        client, ids, max_workers=args.workers, progress=_common.show_progress
    )
    report_failures(fetched.errors)

    counts = count_by_weekday(judgment_date(case) for case in fetched.values)
    print(
        f"Judge {judge.name} (federal judge {judge.federal_judge_id}): "
        f"{sum(counts.values())} judgments in {len(ids)} terminated cases"
    )
    print()
    print(weekday_table(counts))
    if not args.no_chart:
        draw_chart(args.chart, judge.name or args.judge, counts)
    return 0


def find_judge(client: lexmachina.ApiClient, name: str) -> FederalJudgeResult | None:
    """The federal judge matching ``name`` with the most cases, or ``None``."""
    found = lexmachina.JudgesApi(client).search_judges(q=name).federal_judges or []
    if not found:
        return None
    found.sort(key=total_cases, reverse=True)
    if len(found) > 1:
        others = ", ".join(f"{j.name} ({total_cases(j)})" for j in found[1:])
        _common.note(f"Also matching, with fewer cases: {others}")
    return found[0]


def total_cases(judge: FederalJudgeResult) -> int:
    counts = judge.case_count_by_court or []
    return sum(c.count or 0 for c in counts if c.court != "total")


def judgment_date(case: DistrictCaseData) -> datetime.date | None:
    """When the case was decided: its resolution's docket entry, else termination."""
    if case.resolution is not None and case.resolution.docket_entry_filed:
        return case.resolution.docket_entry_filed
    return case.dates.terminated if case.dates else None


def count_by_weekday(dates: Iterable[datetime.date | None]) -> Counter[str]:
    return Counter(WEEKDAYS[day.weekday()] for day in dates if day is not None)


def weekday_table(counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    rows = [(day, counts[day], f"{100 * counts[day] / total:.1f}%") for day in WEEKDAYS]
    return _common.format_table(["Weekday", "Judgments", "Share"], rows)


def report_failures(errors: dict[object, lexmachina.ApiException]) -> None:
    for case_id, error in errors.items():
        _common.note(f"case {case_id} left out: {error}")


def draw_chart(path: Path, judge_name: str, counts: Counter[str]) -> None:
    labels = [day[:3] for day in WEEKDAYS]
    values = [float(counts[day]) for day in WEEKDAYS]
    title = f"Judgments by weekday: Judge {judge_name}"
    if _common.save_bar_chart(
        path, labels, values, title=title, value_label="judgments"
    ):
        _common.note(f"Chart written to {path}")


if __name__ == "__main__":
    sys.exit(main())
