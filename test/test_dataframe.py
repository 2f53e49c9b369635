"""to_dataframe: flattened snake_case columns from models and dicts."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import lexmachina
from lexmachina import bulk, paging
from lexmachina.dataframe import flatten, snake_case, to_dataframe
from lexmachina.exceptions import ApiTypeError, ApiValueError
from lexmachina.models import CaseStatus, DistrictCaseData, PartyResult
from lexmachina.testing import FakeLexMachina

pd = pytest.importorskip("pandas", reason="install the extra: lexmachina[pandas]")


def some_cases(
    fake: FakeLexMachina, client: lexmachina.ApiClient, count: int = 12
) -> list[DistrictCaseData]:
    ids = fake.record_ids("district-case")[:count]
    return bulk.fetch_district_cases(client, ids).values


def test_models_give_one_row_each_with_flattened_columns(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = some_cases(fake, client)

    frame = to_dataframe(cases)

    assert list(frame["district_case_id"]) == [c.district_case_id for c in cases]
    assert list(frame["case_no"]) == [c.case_no for c in cases]
    stored = fake.get_record("district-case", cases[0].district_case_id) or {}
    assert frame["dates_filed"][0] == pd.Timestamp(stored["dates"]["filed"])
    assert str(frame["dates_filed"].dtype).startswith("datetime64")
    assert frame["status"][0] == stored["status"]
    assert "dates" not in frame.columns


def test_a_null_object_in_some_rows_adds_no_column_and_leaves_gaps(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = some_cases(fake, client, 30)
    open_rows = [i for i, case in enumerate(cases) if case.resolution is None]
    assert open_rows and len(open_rows) < len(cases), "want open and closed cases"

    frame = to_dataframe(cases)

    assert "resolution" not in frame.columns
    assert frame["resolution_summary"][open_rows].isna().all()
    closed = next(i for i in range(len(cases)) if i not in open_rows)
    assert frame["resolution_summary"][closed] == cases[closed].resolution.summary  # type: ignore[union-attr]


def test_lists_stay_lists_or_join(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    cases = some_cases(fake, client)

    kept = to_dataframe(cases)
    joined = to_dataframe(cases, lists="join", list_sep=" | ")

    assert kept["case_type"][0] == cases[0].case_type
    assert joined["case_type"].tolist() == [" | ".join(c.case_type) for c in cases]
    first_judge = cases[0].judges[0]
    for frame in (kept, joined):
        assert frame["judges"][0][0] == {
            "name": first_judge.name,
            "federal_judge_id": first_judge.federal_judge_id,
        }


def test_plain_json_dicts_get_the_same_column_names_as_models(
    fake: FakeLexMachina, client: lexmachina.ApiClient
) -> None:
    query: dict[str, Any] = {"district_case_query": {}}
    as_json = list(paging.paginate_json(client, "query_district_cases", query, limit=4))
    as_models = list(paging.iter_district_cases(client, {}, limit=4))

    from_json = to_dataframe(as_json)
    from_models = to_dataframe(as_models)

    assert sorted(from_json.columns) == sorted(from_models.columns)
    assert "district_case_id" in from_json.columns
    assert from_json["district_case_id"].tolist() == [
        ref.district_case_id for ref in as_models
    ]


def test_enums_become_their_values_and_extra_fields_are_kept() -> None:
    record: dict[str, Any] = {"status": CaseStatus.OPEN, "newThing": {"deepKey": 1}}

    assert flatten(record) == {"status": "Open", "new_thing_deep_key": 1}
    wire = {"name": "Acme", "partyId": 7, "url": "u", "futureField": "x"}
    frame = to_dataframe([PartyResult.model_validate(wire)])
    assert frame.columns.tolist() == ["name", "party_id", "url", "future_field"]
    assert frame["future_field"].tolist() == ["x"]


def test_separator_and_names() -> None:
    assert flatten({"dates": {"lastDocket": "2020-01-02"}}, sep=".") == {
        "dates.last_docket": "2020-01-02"
    }
    assert snake_case("districtCaseId") == "district_case_id"
    assert snake_case("ITCInvestigationId") == "itc_investigation_id"
    assert snake_case("already_snake") == "already_snake"


def test_no_items_give_an_empty_frame() -> None:
    assert to_dataframe([]).empty


def test_bad_input_is_refused() -> None:
    with pytest.raises(ApiTypeError, match="models or dicts, not str"):
        to_dataframe(["a"])  # type: ignore[list-item]
    with pytest.raises(ApiValueError, match="'keep' or 'join'"):
        to_dataframe([{}], lists="split")  # type: ignore[arg-type]


def test_without_pandas_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import fails

    with pytest.raises(ImportError, match=r"pip install 'lexmachina\[pandas\]'"):
        to_dataframe([{"a": 1}])
