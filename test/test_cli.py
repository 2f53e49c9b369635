"""The ``lexmachina`` command, in-process and as a subprocess, against the fake."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lexmachina
from lexmachina import cli
from lexmachina.testing import FakeLexMachina, RecordedRequest

from .conftest import CLIENT_ID, CLIENT_SECRET, REPO


@pytest.fixture
def creds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEXMACHINA_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("LEXMACHINA_CLIENT_SECRET", CLIENT_SECRET)


def run(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, *argv: str
) -> tuple[int, str, str]:
    code = cli.run(["--host", fake.url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def calls(fake: FakeLexMachina, path: str) -> list[RecordedRequest]:
    return [request for request in fake.requests if request.path == path]


def assert_one_error_line(err: str, *fragments: str) -> None:
    assert err.startswith("lexmachina: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def test_token_prints_only_a_token_the_api_accepts(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    code, out, err = run(capsys, fake, "token")

    assert (code, err) == (0, "")
    token = out.rstrip("\n")
    assert out == token + "\n" and " " not in token and len(token) >= 16
    config = lexmachina.Configuration(host=fake.url, access_token=token)
    with lexmachina.ApiClient(config) as client:
        assert lexmachina.StatusApi(client).get_health().legal_data_is_available


def test_operations_lists_all_57_with_method_path_and_classes(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina
) -> None:
    code, out, _ = run(capsys, fake, "operations")

    lines = out.splitlines()
    assert code == 0 and len(lines) == 57
    row = next(line.split() for line in lines if line.startswith("query_state_cases "))
    assert row[:3] == ["query_state_cases", "POST", "/query-state-cases"]
    assert " ".join(row[3:]) == "CaseQueryApi, StateCasesApi"
    assert any(line.startswith("seach_law_firms ") for line in lines)


def test_operations_as_json(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina
) -> None:
    code, out, _ = run(capsys, fake, "operations", "--json")

    rows = {row["operationId"]: row for row in json.loads(out)}
    assert code == 0 and len(rows) == 57
    assert rows["get_parties"]["batches"] and not rows["get_parties"]["pages"]
    assert rows["search_parties"]["pages"]
    assert (
        rows["get_ptab_trial_by_number"]["path"] == "/ptab-trials/{ptab_trial_number}"
    )


def test_call_prints_the_answer_with_wire_names(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    party_id = fake.record_ids("party")[5]

    code, out, err = run(
        capsys, fake, "call", "get_party", "--param", f"party_id={party_id}"
    )

    assert (code, err) == (0, "")
    assert json.loads(out) == fake.get_record("party", party_id)


def test_list_params_repeat_or_take_commas_by_either_name(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    a, b, c = fake.record_ids("party")[:3]
    params = ["--param", f"partyIds={c},{a}", "--param", f"party_ids={b}"]

    code, out, _ = run(capsys, fake, "call", "get_parties", *params)

    assert code == 0
    assert [p["partyId"] for p in json.loads(out)] == [c, a, b]
    assert calls(fake, "/parties")[0].query["partyIds"] == [str(c), str(a), str(b)]


def test_enum_and_date_params_are_converted(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    code, out, _ = run(
        capsys, fake, "call", "list_case_types", "--param", "court_type=federaldistrict"
    )
    assert code == 0 and isinstance(json.loads(out), list)
    assert calls(fake, "/list-case-types/FederalDistrict")

    alert_id = fake.record_ids("alert")[0]
    code, out, err = run(
        capsys,
        fake,
        "call",
        "analyze_district_cases_from_alert",
        "--param",
        f"alert_id={alert_id}",
        "--param",
        "analytic_type=case_count_by_type",
        "--param",
        "on_or_after=2020-02-03",
    )
    assert (code, err) == (0, "")
    sent = calls(fake, f"/analyze-district-cases/from-alert/{alert_id}")[0]
    assert sent.query["on_or_after"] == ["2020-02-03"]


def test_body_inline_from_a_file_and_from_stdin(
    capsys: pytest.CaptureFixture[str],
    fake: FakeLexMachina,
    creds: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = {"caseStatus": "Open", "pageSize": 7}
    path = tmp_path / "query.json"
    path.write_text(json.dumps(body))
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(body)))

    answers = [
        run(capsys, fake, "call", "query_district_cases", "--body", given)
        for given in (json.dumps(body), f"@{path}", "@-")
    ]

    assert [code for code, _, _ in answers] == [0, 0, 0]
    assert [len(json.loads(out)["cases"]) for _, out, _ in answers] == [7, 7, 7]
    sent = [json.loads(r.body) for r in calls(fake, "/query-district-cases")]
    assert sent == [body, body, body]


def open_district_ids(fake: FakeLexMachina) -> set[int]:
    ids = fake.record_ids("district-case")
    return {
        i
        for i in ids
        if fake.get_record("district-case", i)["status"] == "Open"  # type: ignore[index]
    }


def test_all_writes_json_lines_and_page_progress(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    expected = open_district_ids(fake)
    body = '{"caseStatus": "Open"}'

    argv = ["call", "query_district_cases", "--body", body, "--all", "--page-size=25"]

    code, out, err = run(capsys, fake, *argv)

    lines = out.splitlines()
    assert code == 0
    assert {json.loads(line)["districtCaseId"] for line in lines} == expected
    assert len(lines) == len(expected)
    pages = len(calls(fake, "/query-district-cases"))
    assert pages == len(expected) // 25 + 1
    assert err.endswith(f"\rpage {pages}, {len(expected)} items\n")


def test_all_with_a_limit_on_a_search(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    argv = ["call", "search_parties", "--param", "q=a", "--all", "--page-size=10"]

    code, out, err = run(capsys, fake, *argv, "--limit", "25")

    found = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(found) == 25
    assert all("a" in party["name"].lower() for party in found)
    sent = calls(fake, "/search-parties")
    assert [r.query["pageNumber"] for r in sent] == [["1"], ["2"], ["3"]]
    assert err == "\rpage 1, 10 items\rpage 2, 20 items\rpage 3, 25 items\n"


def test_all_splits_batch_lookups_into_500_ids(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    known = fake.record_ids("party")
    ids = [*known, *range(9_000_000, 9_000_000 + 600 - len(known))]

    joined = ",".join(map(str, ids))
    argv = ["call", "get_parties", "--param", f"partyIds={joined}", "--all"]

    code, out, _ = run(capsys, fake, *argv)

    assert code == 0
    assert [json.loads(line)["partyId"] for line in out.splitlines()] == known
    assert [len(r.query["partyIds"]) for r in calls(fake, "/parties")] == [500, 100]


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (
            ["call", "get_patnet"],
            ["no operation 'get_patnet'", "did you mean get_patent?"],
        ),
        (["call", "get_party", "--param", "party_id=x1"], ["whole number", "'x1'"]),
        (["call", "get_party", "--param", "partyid"], ["NAME=VALUE"]),
        (["call", "get_party", "--param", "nope=1"], ["no parameter 'nope'"]),
        (["call", "get_party"], ["'party_id' is required"]),
        (["call", "list_courts", "--param", "court_type=Moon"], ["one of"]),
        (["call", "get_health", "--all"], ["--all works with"]),
        (["call", "get_health", "--limit", "3"], ["go with --all"]),
        (["call", "get_health", "--body", "{}"], ["takes no body"]),
        (["call", "query_district_cases", "--body", "{nope"], ["not valid JSON"]),
        (["call", "query_district_cases", "--body", "[1]"], ["JSON object"]),
        (["call", "query_district_cases", "--body", '{"x": 1}'], ["not a valid"]),
        (["call", "oauth2_token"], ["lexmachina token"]),
        (["call", "search_parties", "--param", "q=a", "--all", "--page-size", "0"], []),
        (["--sandbox", "call", "get_health"], ["not allowed with argument --host"]),
        (["call", "get_health", "--sandbox"], ["--host or --sandbox, not both"]),
        (["frobnicate"], ["invalid choice"]),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_send_nothing(
    capsys: pytest.CaptureFixture[str],
    fake: FakeLexMachina,
    creds: None,
    argv: list[str],
    fragments: list[str],
) -> None:
    code, out, err = run(capsys, fake, *argv)

    assert (code, out) == (2, "")
    assert_one_error_line(err, *fragments)
    assert fake.requests == []


def test_missing_credentials_exit_2(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina
) -> None:
    code, _, err = run(capsys, fake, "token")

    assert code == 2
    assert_one_error_line(err, "LEXMACHINA_CLIENT_ID", "LEXMACHINA_CLIENT_SECRET")
    assert fake.requests == []


def test_an_api_error_exits_1(
    capsys: pytest.CaptureFixture[str], fake: FakeLexMachina, creds: None
) -> None:
    code, out, err = run(capsys, fake, "call", "get_party", "--param", "party_id=1")

    assert (code, out) == (1, "")
    assert_one_error_line(err, "404")


def test_a_refused_secret_exits_1_without_showing_it(
    capsys: pytest.CaptureFixture[str],
    fake: FakeLexMachina,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wrong = "wrong-Secret-9f8e7d6c"
    monkeypatch.setenv("LEXMACHINA_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("LEXMACHINA_CLIENT_SECRET", wrong)

    code, out, err = run(capsys, fake, "token")

    assert (code, out) == (1, "")
    assert_one_error_line(err, "401")
    assert wrong not in err


def test_an_unreachable_host_exits_1(
    capsys: pytest.CaptureFixture[str], creds: None
) -> None:
    with FakeLexMachina() as stopped:
        url = stopped.url

    code = cli.run(["call", "get_health", "--host", url])

    _, err = capsys.readouterr()
    assert code == 1
    assert_one_error_line(err, "ApiConnectionError")


def test_the_host_can_come_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    fake: FakeLexMachina,
    creds: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LEXMACHINA_HOST", fake.url)

    code = cli.run(["call", "get_health"])

    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["legalDataIsAvailable"] is True
    assert len(calls(fake, "/health")) == 1


def test_demo_still_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.run(["demo"])

    out, _ = capsys.readouterr()
    assert code == 0
    assert "the SDK works end to end" in out


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.pop("LEXMACHINA_HOST", None)
    env.update(
        LEXMACHINA_CLIENT_ID=CLIENT_ID, LEXMACHINA_CLIENT_SECRET=CLIENT_SECRET, **extra
    )
    return env


def lexmachina_process(*argv: str) -> subprocess.CompletedProcess[str]:
    finished = subprocess.run(
        [sys.executable, "-m", "lexmachina", *argv],
        cwd=REPO,
        env=subprocess_env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    # Decoded by hand: text mode would turn the progress line's \r into \n.
    return subprocess.CompletedProcess(
        finished.args,
        finished.returncode,
        finished.stdout.decode(),
        finished.stderr.decode(),
    )


def test_as_a_process_with_debug_logs_and_no_secrets(fake: FakeLexMachina) -> None:
    token_run = lexmachina_process("--debug", "--host", fake.url, "token")
    token = token_run.stdout.strip()
    party_id = fake.record_ids("party")[0]
    param = f"party_id={party_id}"
    call_run = lexmachina_process(
        "call", "get_party", "--param", param, "--host", fake.url, "--debug"
    )

    assert (token_run.returncode, call_run.returncode) == (0, 0)
    assert token_run.stdout == token + "\n"
    assert json.loads(call_run.stdout) == fake.get_record("party", party_id)
    for stderr in (token_run.stderr, call_run.stderr):
        assert "DEBUG lexmachina.client" in stderr
        assert CLIENT_SECRET not in stderr
        assert "Traceback" not in stderr
    assert token not in token_run.stderr
    assert "path=/parties/" in call_run.stderr


def test_as_a_process_all_pages_as_json_lines(fake: FakeLexMachina) -> None:
    result = lexmachina_process(
        "--host", fake.url, "call", "query_appeals_cases", "--all", "--page-size", "9"
    )

    ids = [json.loads(line)["appealsCaseId"] for line in result.stdout.splitlines()]
    assert result.returncode == 0
    assert sorted(ids) == fake.record_ids("appeals-case")
    count = len(ids)
    pages = count // 9 + 1
    assert result.stderr.startswith("\rpage 1, 9 items\rpage 2, 18 items")
    assert result.stderr.endswith(f"\rpage {pages}, {count} items\n")


def test_as_a_process_an_error_is_one_line(fake: FakeLexMachina) -> None:
    result = lexmachina_process(
        "--host", fake.url, "call", "get_party", "--param", "x=1"
    )

    assert result.returncode == 2 and result.stdout == ""
    assert_one_error_line(result.stderr, "no parameter 'x'")
