"""The fixtures the package registers with pytest, used as a user would."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_TEST = """
import lexmachina


def test_reads_a_case(lexmachina_fake, lexmachina_client):
    case_id = lexmachina_fake.record_ids("district-case")[0]
    api = lexmachina.FederalDistrictCasesApi(lexmachina_client)
    assert api.get_district_case(case_id).district_case_id == case_id
    assert lexmachina_fake.requests[-1].path == f"/district-cases/{case_id}"


def test_starts_clean(lexmachina_fake):
    assert lexmachina_fake.requests == []
"""


def test_fixtures_work_in_a_users_test_session(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TEST))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "2 passed" in result.stdout, result.stdout + result.stderr


def test_plugin_is_registered_by_the_installed_package() -> None:
    from importlib.metadata import entry_points

    plugins = {e.name: e.value for e in entry_points(group="pytest11")}
    assert plugins.get("lexmachina") == "lexmachina.testing.pytest_plugin"
