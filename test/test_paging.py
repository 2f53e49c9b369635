"""Paging and batching against the fake server, counted from its request log."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

import lexmachina
from lexmachina import paging
from lexmachina.exceptions import ApiTypeError, ApiValueError
from lexmachina.models import DistrictCaseQuery
from lexmachina.testing import FakeLexMachina, RecordedRequest

DISTRICT_CASES = 400  # the fake's default


def calls(fake: FakeLexMachina, path: str) -> list[RecordedRequest]:
    return [request for request in fake.requests if request.path == path]


def bodies(fake: FakeLexMachina, path: str) -> list[dict[str, Any]]:
    return [json.loads(request.body) for request in calls(fake, path)]


def district_ids_in_order(fake: FakeLexMachina) -> list[int]:
    """The fake's district cases in its default order: filed date, then id."""
    cases = [
        fake.get_record("district-case", i) for i in fake.record_ids("district-case")
    ]
    cases.sort(key=lambda c: (c["dates"]["filed"], c["districtCaseId"]))  # type: ignore[index]
    return [c["districtCaseId"] for c in cases]  # type: ignore[index]


def test_district_cases_walk_every_page_in_order(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = list(paging.iter_district_cases(client, {}, page_size=150))

    assert [c.district_case_id for c in cases] == district_ids_in_order(fake)
    sent = bodies(fake, "/query-district-cases")
    assert [(b["page"], b["pageSize"]) for b in sent] == [(1, 150), (2, 150), (3, 150)]


def test_a_full_last_page_costs_one_empty_page(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = list(paging.iter_district_cases(client, {}, page_size=100))

    assert len(cases) == DISTRICT_CASES
    assert len({c.district_case_id for c in cases}) == DISTRICT_CASES
    assert [b["page"] for b in bodies(fake, "/query-district-cases")] == [1, 2, 3, 4, 5]


def test_limit_stops_asking_for_pages(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = list(paging.iter_district_cases(client, {}, page_size=50, limit=120))

    assert [c.district_case_id for c in cases] == district_ids_in_order(fake)[:120]
    assert [b["page"] for b in bodies(fake, "/query-district-cases")] == [1, 2, 3]


def test_a_limit_on_a_page_boundary_asks_for_no_further_page(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = list(paging.iter_district_cases(client, {}, page_size=50, limit=100))

    assert len(cases) == 100
    assert len(calls(fake, "/query-district-cases")) == 2


def test_limit_zero_sends_nothing(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    assert list(paging.iter_district_cases(client, {}, limit=0)) == []
    assert calls(fake, "/query-district-cases") == []


def test_pages_are_fetched_only_as_items_are_consumed(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    walk = paging.iter_district_cases(client, {}, page_size=10)
    assert calls(fake, "/query-district-cases") == []

    for _ in range(11):
        next(walk)

    assert len(calls(fake, "/query-district-cases")) == 2


def test_an_empty_result_is_one_request(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    query = {"courts": {"include": ["No Such Court"]}}

    assert list(paging.iter_district_cases(client, query)) == []
    assert len(calls(fake, "/query-district-cases")) == 1


def test_the_filter_goes_with_every_page_and_the_query_is_not_changed(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    query = {"caseStatus": "Open", "page": 7, "pageSize": 3}
    model = DistrictCaseQuery.model_validate(query)
    open_ids = {
        i
        for i in fake.record_ids("district-case")
        if fake.get_record("district-case", i)["status"] == "Open"  # type: ignore[index]
    }

    from_dict = list(paging.iter_district_cases(client, query, page_size=40))
    from_model = list(paging.iter_district_cases(client, model, page_size=40))

    assert 0 < len(open_ids) < DISTRICT_CASES
    assert {c.district_case_id for c in from_dict} == open_ids
    assert from_model == from_dict
    assert query == {"caseStatus": "Open", "page": 7, "pageSize": 3}
    assert (model.page, model.page_size) == (7, 3)
    sent = bodies(fake, "/query-district-cases")
    assert all(b["caseStatus"] == "Open" and b["pageSize"] == 40 for b in sent)
    assert sent[0]["page"] == 1


def test_state_and_appeals_cases_page_too(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    state_ids = fake.record_ids("state-case")
    texas = {
        i
        for i in state_ids
        if fake.get_record("state-case", i)["state"] == "TX"  # type: ignore[index]
    }

    state = list(
        paging.iter_state_cases(client, {"courts": {"state": "TX"}}, page_size=7)
    )
    appeals = list(paging.iter_appeals_cases(client, {}, page_size=7))

    assert {c.state_case_id for c in state} == texas
    assert len(calls(fake, "/query-state-cases")) == len(texas) // 7 + 1
    appeals_count = len(fake.record_ids("appeals-case"))
    assert sorted(c.appeals_case_id for c in appeals) == fake.record_ids("appeals-case")
    assert len(calls(fake, "/query-appeals-cases")) == appeals_count // 7 + 1


def test_plain_json_items_use_wire_names(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    args: dict[str, Any] = {"district_case_query": {}}

    items = list(paging.paginate_json(client, "query_district_cases", args, limit=3))

    assert [type(item) for item in items] == [dict, dict, dict]
    assert [item["districtCaseId"] for item in items] == district_ids_in_order(fake)[:3]


def names_containing(fake: FakeLexMachina, kind: str, text: str) -> list[str]:
    records = [fake.get_record(kind, i) for i in fake.record_ids(kind)]
    return [r["name"] for r in records if text in r["name"].lower()]  # type: ignore[index]


def test_search_pages_by_number_until_the_total(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    expected = names_containing(fake, "party", "a")

    found = list(paging.iter_search_parties(client, "a", page_size=10))

    assert sorted(p.name for p in found) == sorted(expected)
    sent = calls(fake, "/search-parties")
    pages = math.ceil(len(expected) / 10)
    assert [r.query["pageNumber"] for r in sent] == [
        [str(n)] for n in range(1, pages + 1)
    ]
    assert all(r.query["pageSize"] == ["10"] and r.query["q"] == ["a"] for r in sent)


def test_a_search_total_on_a_page_boundary_needs_no_extra_page(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    total = len(names_containing(fake, "attorney", "a"))

    found = list(paging.iter_search_attorneys(client, "a", page_size=total))

    assert len(found) == total > 1
    assert len(calls(fake, "/search-attorneys")) == 1


def test_search_pages_report_numbers_and_total(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    total = len(names_containing(fake, "law-firm", "a"))

    pages = list(paging.iter_pages(client, "search_law_firms", {"q": "a"}, page_size=4))

    assert [p.number for p in pages] == list(range(1, math.ceil(total / 4) + 1))
    assert {p.total_count for p in pages} == {total}
    assert sum(len(p.items) for p in pages) == total


def test_a_search_without_matches_is_one_request(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    assert list(paging.iter_search_law_firms(client, "zzzqqq")) == []
    assert len(calls(fake, "/search-law-firms")) == 1


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"page_size": 0}, ApiValueError),
        ({"page_size": 2.5}, ApiTypeError),
        ({"limit": -1}, ApiValueError),
    ],
)
def test_bad_sizes_fail_before_sending(
    fake: FakeLexMachina,
    client: lexmachina.ApiClient,
    kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        next(paging.iter_search_parties(client, "a", **kwargs))
    assert fake.requests == []


def test_an_operation_that_does_not_page_is_refused(
    client: lexmachina.ApiClient,
) -> None:
    with pytest.raises(ApiValueError, match="get_health does not page"):
        next(paging.paginate(client, "get_health", {}))


def party_ids_and_unknowns(fake: FakeLexMachina, count: int) -> list[int]:
    """``count`` ids: the fake's parties, newest first, then unknown ids."""
    known = fake.record_ids("party")[::-1]
    unknown = range(9_000_000, 9_000_000 + max(count - len(known), 0))
    return [*known, *unknown][:count]


def party_batches(fake: FakeLexMachina) -> list[list[int]]:
    return [[int(i) for i in r.query["partyIds"]] for r in calls(fake, "/parties")]


@pytest.mark.parametrize("count", [0, 1, 500, 501, 1234])
def test_batches_hold_at_most_500_ids_in_order(
    fake: FakeLexMachina, client: lexmachina.ApiClient, count: int
) -> None:
    ids = party_ids_and_unknowns(fake, count)
    known = set(fake.record_ids("party"))

    found = paging.get_parties_batched(client, ids)

    assert [p.party_id for p in found] == [i for i in ids if i in known]
    batches = party_batches(fake)
    assert [len(b) for b in batches] == [
        min(500, count - start) for start in range(0, count, 500)
    ]
    assert [i for batch in batches for i in batch] == ids


def test_repeated_ids_are_asked_for_once(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    first, second = fake.record_ids("party")[:2]

    found = paging.get_parties_batched(client, [second, first, second, first])

    assert [p.party_id for p in found] == [second, first]
    assert party_batches(fake) == [[second, first]]


def test_patents_batch_by_number_as_plain_json(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    numbers = fake.record_ids("patent")[:25]

    found = paging.get_batched(
        client, "get_patents", numbers, batch_size=10, plain=True
    )

    assert [p["number"] for p in found] == numbers
    sizes = [len(r.query["patentNumbers"]) for r in calls(fake, "/patents")]
    assert sizes == [10, 10, 5]


@pytest.mark.parametrize(
    ("helper", "kind", "path", "id_attr"),
    [
        ("get_attorneys_batched", "attorney", "/attorneys", "attorney_id"),
        ("get_law_firms_batched", "law-firm", "/law-firms", "law_firm_id"),
        (
            "get_federal_judges_batched",
            "federal-judge",
            "/federal-judges",
            "federal_judge_id",
        ),
        (
            "get_bankruptcy_judges_batched",
            "bankruptcy-judge",
            "/bankruptcy-judges",
            "bankruptcy_judge_id",
        ),
        (
            "get_magistrates_batched",
            "magistrate-judge",
            "/magistrate-judges",
            "magistrate_judge_id",
        ),
        ("get_state_judges_batched", "state-judge", "/state-judges", "state_judge_id"),
    ],
)
def test_every_named_batch_helper_reaches_its_path(
    fake: FakeLexMachina,
    client: lexmachina.ApiClient,
    helper: str,
    kind: str,
    path: str,
    id_attr: str,
) -> None:
    ids = fake.record_ids(kind)[:3]

    found = getattr(paging, helper)(client, ids)

    assert [getattr(item, id_attr) for item in found] == ids
    assert len(calls(fake, path)) == 1


def test_a_batch_size_over_500_is_refused(client: lexmachina.ApiClient) -> None:
    with pytest.raises(ApiValueError, match="from 1 to 500"):
        paging.get_batched(client, "get_parties", [1], batch_size=501)
