"""Run every script in examples/ against the fake and check the numbers it prints.

The expected figures are worked out here on their own: the cases are picked
from the fake's stored records and read one by one through the SDK, without
the paging, fetch_many or analysis code the examples use.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import os
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import lexmachina
from lexmachina.models import DistrictCaseData
from lexmachina.testing import FakeLexMachina

from .conftest import CLIENT_ID, CLIENT_SECRET, REPO

EXAMPLES = REPO / "examples"
SCRIPTS = ["judgments_by_weekday.py", "time_to_termination.py", "damages_by_court.py"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HAS_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXMACHINA_")}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def run_script(
    script: str, *args: str, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_on(fake: FakeLexMachina, script: str, *args: str, cwd: Path) -> str:
    """Run ``script`` against ``fake`` as against a real API: host plus env."""
    env = clean_env(
        LEXMACHINA_CLIENT_ID=CLIENT_ID, LEXMACHINA_CLIENT_SECRET=CLIENT_SECRET
    )
    done = run_script(script, "--host", fake.url, *args, cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    assert CLIENT_SECRET not in done.stdout + done.stderr
    return done.stdout


def assert_chart_drawn(path: Path) -> None:
    """A PNG was drawn, or, without matplotlib, no file was left behind."""
    if not HAS_MATPLOTLIB:
        assert not path.exists()
        return
    picture = path.read_bytes()
    assert picture.startswith(PNG_MAGIC)
    assert len(picture) > 10_000  # bars, labels and text, not an empty canvas


def table_rows(output: str) -> list[list[str]]:
    """The cells of the table under the first ``---`` rule in ``output``."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---"))
    rows = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


def stored_cases(fake: FakeLexMachina) -> list[dict[str, Any]]:
    ids = fake.record_ids("district-case")
    return [fake.get_record("district-case", i) or {} for i in ids]


def read_through_sdk(
    client: lexmachina.ApiClient, records: list[dict[str, Any]]
) -> list[DistrictCaseData]:
    cases = lexmachina.FederalDistrictCasesApi(client)
    return [cases.get_district_case(r["districtCaseId"]) for r in records]


def test_judgments_by_weekday_counts_each_judgment_once(
    fake: FakeLexMachina, client: lexmachina.ApiClient, tmp_path: Path
) -> None:
    judges = [
        fake.get_record("federal-judge", i) or {}
        for i in fake.record_ids("federal-judge")
    ]
    walshes = [j for j in judges if "walsh" in j["name"].lower()]
    judge = max(walshes, key=lambda j: j["caseCountByCourt"][-1]["count"])
    picked = [
        r
        for r in stored_cases(fake)
        if r["status"] == "Terminated"
        and judge["federalJudgeId"] in [j["federalJudgeId"] for j in r["judges"]]
    ]
    expected: Counter[str] = Counter()
    for case in read_through_sdk(client, picked):
        resolved = case.resolution.docket_entry_filed if case.resolution else None
        day = resolved or case.dates.terminated
        assert day is not None
        expected[day.strftime("%A")] += 1

    output = run_on(fake, "judgments_by_weekday.py", "--judge", "walsh", cwd=tmp_path)

    assert f"Judge {judge['name']} (federal judge {judge['federalJudgeId']})" in output
    assert f"{len(picked)} judgments in {len(picked)} terminated cases" in output
    rows = table_rows(output)
    assert [row[0] for row in rows] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert {row[0]: int(row[1]) for row in rows} == {d: expected[d] for d, *_ in rows}
    share = 100 * expected["Monday"] / len(picked)
    assert rows[0][2] == f"{share:.1f}%"
    assert_chart_drawn(tmp_path / "judgments_by_weekday.png")


def test_time_to_termination_gives_the_median_days_per_case_type(
    fake: FakeLexMachina, client: lexmachina.ApiClient, tmp_path: Path
) -> None:
    parties = [fake.get_record("party", i) or {} for i in fake.record_ids("party")]
    wanted = {p["partyId"] for p in parties if "juniper" in p["name"].lower()}
    picked = [
        r
        for r in stored_cases(fake)
        if r["status"] == "Terminated" and wanted & {p["partyId"] for p in r["parties"]}
    ]
    spans: dict[str, list[int]] = defaultdict(list)
    for case in read_through_sdk(client, picked):
        assert case.dates.terminated is not None
        for case_type in case.case_type:
            spans[case_type].append((case.dates.terminated - case.dates.filed).days)

    output = run_on(fake, "time_to_termination.py", "--party", "JUNIPER", cwd=tmp_path)

    assert f"{len(wanted)} parties matching 'JUNIPER'" in output
    assert f"{len(picked)} terminated district cases" in output
    rows = table_rows(output)
    assert {row[0]: row[1:] for row in rows} == {
        kind: [str(len(d)), f"{statistics.median(d):g}", str(min(d)), str(max(d))]
        for kind, d in spans.items()
    }
    medians = [float(row[2]) for row in rows]
    assert medians == sorted(medians, reverse=True)


def test_damages_by_court_adds_up_the_active_awards(
    fake: FakeLexMachina, client: lexmachina.ApiClient, tmp_path: Path
) -> None:
    picked = [r for r in stored_cases(fake) if "Trademark" in r["caseType"]]
    cases: Counter[str] = Counter()
    awards: dict[str, list[Decimal]] = defaultdict(list)
    for case in read_through_sdk(client, picked):
        cases[case.court] += 1
        active = case.damages.active
        if active:
            total = sum((Decimal(str(a.amount)) for a in active), Decimal(0))
            awards[case.court].append(total)

    output = run_on(
        fake, "damages_by_court.py", "--case-type", "Trademark", cwd=tmp_path
    )

    assert any(awards.values()), "the fake should award damages in some case"
    rows = table_rows(output)
    assert {row[0]: row[1:] for row in rows} == {
        court: [
            str(count),
            str(len(awards[court])),
            f"${sum(awards[court], Decimal(0)):,.0f}",
            f"${statistics.median(awards[court]):,.0f}" if awards[court] else "-",
        ]
        for court, count in cases.items()
    }
    totals = [int(row[3].strip("$").replace(",", "")) for row in rows]
    assert totals == sorted(totals, reverse=True)
    assert_chart_drawn(tmp_path / "damages_by_court.png")


@pytest.mark.parametrize("script", SCRIPTS)
def test_without_credentials_each_example_runs_on_its_own_fake(
    fake: FakeLexMachina, script: str, tmp_path: Path
) -> None:
    on_test_fake = run_on(fake, script, cwd=tmp_path)

    done = run_script(script, cwd=tmp_path, env=clean_env())

    assert done.returncode == 0, done.stderr
    assert "using the built-in fake server" in done.stderr
    assert done.stdout == on_test_fake
    assert table_rows(done.stdout)


def test_fake_wins_over_credentials_and_host_in_the_environment(
    tmp_path: Path,
) -> None:
    env = clean_env(
        LEXMACHINA_CLIENT_ID="someone",
        LEXMACHINA_CLIENT_SECRET="not-used",
        LEXMACHINA_HOST="http://127.0.0.1:9",
    )

    done = run_script("time_to_termination.py", "--fake", cwd=tmp_path, env=env)

    assert done.returncode == 0, done.stderr
    assert "Patent" in [row[0] for row in table_rows(done.stdout)]


def test_no_match_exits_1_with_a_message(fake: FakeLexMachina, tmp_path: Path) -> None:
    env = clean_env(
        LEXMACHINA_CLIENT_ID=CLIENT_ID, LEXMACHINA_CLIENT_SECRET=CLIENT_SECRET
    )

    done = run_script(
        "judgments_by_weekday.py",
        "--host",
        fake.url,
        "--judge",
        "Nobody Q. Such",
        cwd=tmp_path,
        env=env,
    )

    assert done.returncode == 1
    assert "No federal judge's name contains 'Nobody Q. Such'" in done.stderr
    assert done.stdout == ""


def test_refused_credentials_exit_1_without_the_secret(
    fake: FakeLexMachina, tmp_path: Path
) -> None:
    env = clean_env(
        LEXMACHINA_CLIENT_ID=CLIENT_ID, LEXMACHINA_CLIENT_SECRET="Wrong-Secret-9321"
    )

    done = run_script("damages_by_court.py", "--host", fake.url, cwd=tmp_path, env=env)

    assert done.returncode == 1
    assert "UnauthorizedException" in done.stderr
    assert "Wrong-Secret-9321" not in done.stdout + done.stderr


def load_example(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(EXAMPLES))
    return importlib.import_module(name)


def test_without_matplotlib_the_table_still_prints(
    fake: FakeLexMachina,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = load_example("damages_by_court", monkeypatch)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails
    monkeypatch.setenv("LEXMACHINA_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("LEXMACHINA_CLIENT_SECRET", CLIENT_SECRET)
    chart = tmp_path / "chart.png"

    code = example.main(["--host", fake.url, "--chart", str(chart)])

    out, err = capsys.readouterr()
    assert code == 0
    assert "pip install 'lexmachina[examples]'" in err
    assert len(table_rows(out)) == 8
    assert not chart.exists()


def test_limit_caps_the_cases_looked_at(
    fake: FakeLexMachina,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = load_example("damages_by_court", monkeypatch)
    monkeypatch.setenv("LEXMACHINA_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("LEXMACHINA_CLIENT_SECRET", CLIENT_SECRET)

    code = example.main(["--host", fake.url, "--limit", "7", "--no-chart"])

    out, _ = capsys.readouterr()
    assert code == 0
    assert sum(int(row[1]) for row in table_rows(out)) == 7
    fetched = [r for r in fake.requests if r.path.startswith("/district-cases/")]
    assert len(fetched) == 7


def test_weekday_names_follow_date_weekday(monkeypatch: pytest.MonkeyPatch) -> None:
    example = load_example("judgments_by_weekday", monkeypatch)
    sunday = datetime.date(2024, 3, 24)

    counts = example.count_by_weekday([sunday, sunday, None])

    assert counts == Counter({"Sunday": 2})


def test_the_workflow_page_runs_as_written_and_shows_its_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("pandas", reason="install the extra: lexmachina[pandas]")
    page = (REPO / "docs" / "workflow.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    # The first block connects to production; the second to a fake.
    assert "Configuration()" in blocks[0] and "FakeLexMachina" in blocks[1]
    scope: dict[str, Any] = {}
    try:
        for block in blocks[1:]:
            exec(block, scope)  # the page's own code, against a fake
    finally:
        if "client" in scope:
            scope["client"].close()
        if "fake" in scope:
            scope["fake"].stop()

    out = capsys.readouterr().out
    shown = re.search(r"```\n(\s+count\s+median\n.*?)```", page, flags=re.DOTALL)
    assert shown is not None
    assert [line.split() for line in shown.group(1).splitlines()] == [
        line.split() for line in str(scope["by_type"]).splitlines()
    ]
    assert f"FetchResults({len(scope['case_ids'])} fetched, 0 failed)" in page
    assert str(scope["results"]) in out
    assert scope["weekdays"].total() == len(scope["cases"])
