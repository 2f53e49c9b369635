"""How long do a party's federal district cases take, from filing to termination?

Searches parties by name (every page of the search), queries every
terminated district case any of them took part in (every page), fetches each
case, and prints the median number of days from filing to termination per
case type. A case with several case types counts under each.

    python examples/time_to_termination.py                   # fake server
    python examples/time_to_termination.py --party "Juniper Networks" --sandbox
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable

import _common

import lexmachina
from lexmachina import bulk, paging
from lexmachina.models import DistrictCaseData, PartyResult


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
    parser.add_argument("--party", default="Juniper", help="part of the party's name")
    parser.add_argument(
        "--max-parties",
        type=int,
        default=50,
        help="use at most this many matching parties (default: %(default)s)",
    )
    parser.add_argument(
        "--limit", type=int, help="look at no more than this many cases"
    )
    _common.add_connection_arguments(parser)
    return parser.parse_args(argv)


def run(client: lexmachina.ApiClient, args: argparse.Namespace) -> int:
    parties = find_parties(client, args.party, args.max_parties)
    if not parties:
        _common.note(f"No party's name contains {args.party!r}.")
        return 1

    party_ids = [party.party_id for party in parties]
    query = {"parties": {"include": party_ids}, "caseStatus": "Terminated"}
    refs = paging.iter_district_cases(client, query, limit=args.limit)
    ids = [ref.district_case_id for ref in refs]
    fetched = bulk.fetch_district_cases(
        client, ids, max_workers=args.workers, progress=_common.show_progress
    )
    for case_id, error in fetched.errors.items():
        _common.note(f"case {case_id} left out: {error}")

    days = days_by_case_type(fetched.values)
    print(f"{len(parties)} parties matching {args.party!r}: {name_list(parties)}")
    print(f"{len(fetched.values)} terminated district cases")
    print()
    print(duration_table(days))
    return 0


def find_parties(
    client: lexmachina.ApiClient, name: str, most: int
) -> list[PartyResult]:
    """The parties whose name contains ``name``, at most ``most`` of them."""
    return list(paging.iter_search_parties(client, name, limit=most))


def name_list(parties: list[PartyResult], shown: int = 5) -> str:
    names = ", ".join(party.name or "?" for party in parties[:shown])
    more = len(parties) - shown
    return f"{names} and {more} more" if more > 0 else names


def days_to_termination(case: DistrictCaseData) -> int | None:
    """Days from filing to termination, or ``None`` for an undated case."""
    dates = case.dates
    if dates is None or dates.filed is None or dates.terminated is None:
        return None
    return (dates.terminated - dates.filed).days


def days_by_case_type(cases: Iterable[DistrictCaseData]) -> dict[str, list[int]]:
    """For each case type, the days each of its cases took."""
    found: dict[str, list[int]] = defaultdict(list)
    for case in cases:
        days = days_to_termination(case)
        if days is None:
            continue
        for case_type in case.case_type or ["(none)"]:
            found[case_type].append(days)
    return dict(found)


def duration_table(days: dict[str, list[int]]) -> str:
    """One row per case type, slowest median first."""
    rows = [
        (case_type, len(spans), f"{statistics.median(spans):g}", min(spans), max(spans))
        for case_type, spans in days.items()
    ]
    rows.sort(key=lambda row: (-float(row[2]), row[0]))
    headers = ["Case type", "Cases", "Median days", "Shortest", "Longest"]
    return _common.format_table(headers, rows)


if __name__ == "__main__":
    sys.exit(main())
