"""The benchmark runs end to end in quick mode and prints every figure.

Nothing here judges speed: timing on a shared machine is for people to read,
not for tests to assert.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import lexmachina
from test.conftest import REPO, SPEC

sys.path.insert(0, str(REPO / "tools"))
from bench.bodies import load_bodies
from bench.process import running_server

EXPECTED_ROWS = {
    "per call, ms: small (health)": 3,
    "per call, ms: case (spec example)": 3,
    "per call, ms: large case": 3,
    "parse only, large case, ms (in process, no HTTP)": 2,
    "throughput, 8 threads, small body": 1,
    "peak memory, large case (tracemalloc)": 1,
    "compression, large case (SDK default headers vs identity)": 2,
    "import, ms (fresh interpreter, wall clock)": 1,
}
ROW = re.compile(
    r"^  (?P<name>\S.*?)\s+(?P<value>[\d,.]+) (?P<unit>\S+)\s+base\s+"
    r"(?P<base>[\d,.]+)\s+ratio\s+(?P<ratio>\d+\.\d\d)\s+target .+ (ok|MISSED)$"
)


@pytest.fixture(scope="module")
def quick_run() -> str:
    env = {**os.environ, "LEXMACHINA_SPEC": str(SPEC)}
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "benchmark.py"), "--quick"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _sections(output: str) -> dict[str, list[re.Match[str]]]:
    sections: dict[str, list[re.Match[str]]] = {}
    current: list[re.Match[str]] = []
    for line in output.splitlines():
        if line.startswith("== "):
            current = sections.setdefault(line[3:], [])
        elif match := ROW.match(line):
            current.append(match)
    return sections


@pytest.mark.slow
def test_quick_run_prints_every_figure_with_its_ratio(quick_run: str) -> None:
    sections = _sections(quick_run)

    assert {name: len(rows) for name, rows in sections.items()} == EXPECTED_ROWS
    assert "16 figures" in quick_run


@pytest.mark.slow
def test_ratios_are_the_values_over_their_baselines(quick_run: str) -> None:
    rows = [row for rows in _sections(quick_run).values() for row in rows]

    for row in rows:
        value = float(row["value"].replace(",", ""))
        base = float(row["base"].replace(",", ""))
        assert base > 0, row.group(0)
        assert float(row["ratio"]) == pytest.approx(value / base, rel=0.02, abs=0.01)


@pytest.mark.slow
def test_serves_the_spec_example_and_a_large_case(quick_run: str) -> None:
    sizes = re.search(r"health (\S+) B, case (\S+) B, large (\S+) B", quick_run)

    assert sizes is not None
    health, case, large = (int(size.replace(",", "")) for size in sizes.groups())
    assert health < 200
    assert 40_000 < case < 60_000
    assert 600_000 < large < 800_000


def test_client_asks_for_gzip_and_decodes_it() -> None:
    bodies = load_bodies(SPEC)
    with running_server(bodies) as url:
        packed = _district_case(url, {})
        plain = _district_case(url, {"Accept-Encoding": "identity"})

    assert packed.headers["Content-Encoding"] == "gzip"
    assert int(packed.headers["Content-Length"]) < len(bodies.large) // 4
    assert packed.raw_data == plain.raw_data == bodies.large
    assert packed.data == plain.data


def _district_case(
    url: str, headers: dict[str, str]
) -> lexmachina.ApiResponse[lexmachina.DistrictCaseData]:
    config = lexmachina.Configuration(
        host=url, access_token="bench", connect_timeout=2, read_timeout=10
    )
    with lexmachina.ApiClient(config) as client:
        for name, value in headers.items():
            client.set_default_header(name, value)
        api = lexmachina.FederalDistrictCasesApi(client)
        return api.get_district_case_with_http_info(2)
