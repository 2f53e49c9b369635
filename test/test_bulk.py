"""fetch_many against the fake server: order, per-id errors, 429s, cancelling."""

from __future__ import annotations

import time
from typing import Any

import pytest

import lexmachina
from lexmachina import bulk
from lexmachina.exceptions import (
    ApiTypeError,
    ApiValueError,
    NotFoundException,
    UnauthorizedException,
)
from lexmachina.testing import FakeLexMachina, Fault

CASE_PATH = "/district-cases/{id}"


def case_requests(fake: FakeLexMachina) -> list[Any]:
    return [r for r in fake.requests if r.path.startswith("/district-cases/")]


def test_values_come_in_input_order_and_unknown_ids_fail_alone(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    known = fake.record_ids("district-case")[:12]
    ids = [known[5], 1, *known[:5], 999_999_999, *known[6:]]
    cases = lexmachina.FederalDistrictCasesApi(client)

    results = bulk.fetch_many(cases.get_district_case, ids, max_workers=4)

    assert [r.id for r in results] == ids
    assert [r.value.district_case_id for r in results if r.value] == [
        i for i in ids if i in known
    ]
    assert set(results.errors) == {1, 999_999_999}
    assert all(isinstance(e, NotFoundException) for e in results.errors.values())
    assert [r.ok for r in results][:3] == [True, False, True]
    title = fake.get_record("district-case", known[5])["title"]  # type: ignore[index]
    assert results[0].value is not None and results[0].value.title == title


def test_repeated_ids_are_fetched_once_and_answered_at_every_place(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    first, second = fake.record_ids("district-case")[:2]
    cases = lexmachina.FederalDistrictCasesApi(client)

    results = bulk.fetch_many(cases.get_district_case, [first, second, first])

    assert [r.id for r in results] == [first, second, first]
    assert results[0].value == results[2].value
    assert len(case_requests(fake)) == 2


def test_429_with_retry_after_is_retried_inside_each_call(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    ids = fake.record_ids("district-case")[:10]
    fake.fail(CASE_PATH, status=429, times=3, retry_after="1")
    cases = lexmachina.FederalDistrictCasesApi(client)

    results = bulk.fetch_many(cases.get_district_case, ids, max_workers=4)

    assert results.errors == {}
    assert [case.district_case_id for case in results.values] == ids
    assert len(case_requests(fake)) == len(ids) + 3
    assert fake.faults == []


def test_429_beyond_the_retries_fails_only_the_ids_it_hit(
    fake: FakeLexMachina, config: lexmachina.Configuration
) -> None:
    config.retries = 0
    ids = fake.record_ids("district-case")[:6]
    fake.fail(CASE_PATH, status=429, times=2, retry_after="0")

    with lexmachina.ApiClient(config) as client:
        results = bulk.fetch_records(client, "district-case", ids, max_workers=3)

    assert len(results.errors) == 2
    assert all(e.status == 429 for e in results.errors.values())
    assert len(results.values) == 4


def test_progress_counts_every_distinct_id_in_the_calling_thread(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    import threading

    ids = [*fake.record_ids("district-case")[:7], 5]
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total, threading.current_thread().name))

    bulk.fetch_records(client, "district-case", ids, progress=progress)

    assert [(done, total) for done, total, _ in seen] == [(n, 8) for n in range(9)]
    assert {name for _, _, name in seen} == {threading.current_thread().name}


def test_keyword_arguments_reach_every_call(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    ids = fake.record_ids("district-case")[:3]

    results = bulk.fetch_district_cases(client, ids, docket_retrieval="all")

    assert [r.query.get("docket_retrieval") for r in case_requests(fake)] == [
        ["all"]
    ] * 3
    for case in results.values:
        stored = fake.get_record("district-case", case.district_case_id)
        assert case.docket.count == len(stored["docket"]["entries"])  # type: ignore[index]
        assert len(case.docket.entries or []) == case.docket.count


def test_an_id_of_the_wrong_type_fails_before_sending(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    good = fake.record_ids("district-case")[0]

    results = bulk.fetch_records(client, "district-case", ["abc", good])

    assert isinstance(results.errors["abc"], ApiTypeError)
    assert [case.district_case_id for case in results.values] == [good]
    assert len(case_requests(fake)) == 1


@pytest.mark.parametrize("kind", sorted(bulk.RECORD_METHODS))
def test_every_record_kind_fetches_its_records(
    fake: FakeLexMachina, client: lexmachina.ApiClient, kind: str
) -> None:
    fake_kind = "ptab-trial" if kind == "ptab-trial-number" else kind
    stored = [fake.get_record(fake_kind, i) for i in fake.record_ids(fake_kind)[:2]]
    if kind == "ptab-trial-number":
        ids = [record["ptabTrialNumber"] for record in stored]  # type: ignore[index]
    else:
        ids = fake.record_ids(fake_kind)[:2]
    unknown: Any = "IPR1900-99999" if kind == "ptab-trial-number" else 88_888_888
    if isinstance(ids[0], str) and kind != "ptab-trial-number":
        unknown = "0000001"

    results = bulk.fetch_records(client, kind, [*ids, unknown])

    assert list(results.errors) == [unknown]
    assert isinstance(results.errors[unknown], NotFoundException)
    for one_id, value, record in zip(ids, results.values, stored, strict=True):
        assert record is not None
        id_key = next(key for key, field in record.items() if field == one_id)
        assert value.to_dict()[id_key] == one_id


def test_an_unknown_kind_and_a_bad_worker_count_are_refused(
    client: lexmachina.ApiClient,
) -> None:
    with pytest.raises(ApiValueError, match="district-case"):
        bulk.fetch_records(client, "district-cases", [1])
    with pytest.raises(ApiValueError, match="at least 1"):
        bulk.fetch_records(client, "party", [1], max_workers=0)


def test_no_ids_send_nothing(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    seen: list[tuple[int, int]] = []

    results = bulk.fetch_records(
        client, "party", [], progress=lambda *a: seen.append(a)
    )

    assert list(results) == []
    assert seen == [(0, 0)]
    assert fake.requests == []


def test_refused_credentials_stop_the_whole_fetch(fake: FakeLexMachina) -> None:
    config = lexmachina.Configuration(
        host=fake.url, client_id="test-client", client_secret="wrong", read_timeout=5
    )
    ids = fake.record_ids("district-case")[:60]

    with lexmachina.ApiClient(config) as client, pytest.raises(UnauthorizedException):
        bulk.fetch_records(client, "district-case", ids, max_workers=2)

    # Two threads, each stopped at its first refusal: far fewer than 60 tries.
    assert fake.token_requests < 10


def test_an_interrupt_cancels_the_calls_not_yet_started(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    fake.inject(Fault("slow", CASE_PATH, times=None, delay=0.02))
    ids = fake.record_ids("district-case")[:100]

    def interrupt_after_three(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        bulk.fetch_records(
            client, "district-case", ids, max_workers=4, progress=interrupt_after_three
        )

    # At most the 3 done, the 4 in flight and a few picked up meanwhile.
    assert len(case_requests(fake)) <= 3 + 2 * 4


def test_fetch_many_matches_a_loop_and_prints_both_timings(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    fake.inject(Fault("slow", CASE_PATH, times=None, delay=0.05))
    ids = fake.record_ids("district-case")[:40]
    cases = lexmachina.FederalDistrictCasesApi(client)

    started = time.perf_counter()
    looped = [cases.get_district_case(case_id) for case_id in ids]
    loop_seconds = time.perf_counter() - started
    started = time.perf_counter()
    fetched = bulk.fetch_many(cases.get_district_case, ids)
    pool_seconds = time.perf_counter() - started

    print(
        f"\n{len(ids)} cases, 50 ms server delay each: one by one "
        f"{loop_seconds:.2f} s, fetch_many(max_workers=8) {pool_seconds:.2f} s"
    )
    assert fetched.values == looped
    assert len(case_requests(fake)) == 2 * len(ids)


def test_plain_answers_the_wire_json(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    ids = fake.record_ids("party")[:3]

    results = bulk.fetch_records(client, "party", [*ids, 4], plain=True)

    assert results.values == [fake.get_record("party", i) for i in ids]
    assert isinstance(results.errors[4], NotFoundException)
