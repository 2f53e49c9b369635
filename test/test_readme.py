"""README.md keeps its promises: the two commands, the seed example, every endpoint."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import SPEC

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
SEED_DOC = Path(__file__).resolve().parent.parent / "docs" / "AuthorizationApi.md"


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_readme_has_exactly_two_shell_commands() -> None:
    commands = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    assert [c.strip() for c in commands[:2]] == [
        "python3 -m venv .venv && .venv/bin/pip install -q . && "
        ".venv/bin/python -m lexmachina demo",
        "bash tools/test.sh",
    ]


def test_readme_carries_the_seed_example_unchanged() -> None:
    seed = (SPEC.parent.parent / "seed" / "AuthorizationApi.md").read_text()
    example = _python_blocks(seed)[0]
    assert example in _python_blocks(README)
    assert example in _python_blocks(SEED_DOC.read_text())


def test_readme_lists_every_endpoint() -> None:
    spec = json.loads(SPEC.read_text())
    listed = set(re.findall(r"^(GET|POST) \| `([^`]+)`", README, flags=re.MULTILINE))
    expected = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
    }
    assert len(expected) == 57
    assert listed == expected


def test_readme_client_example_runs_against_the_fake() -> None:
    import io
    from contextlib import redirect_stdout

    from lexmachina.testing import FakeLexMachina

    example = _python_blocks(README)[1]
    with FakeLexMachina(clients={"id-x": "secret-y"}) as fake:
        case_id = fake.record_ids("district-case")[0]
        code = (
            example.replace('client_id="..."', 'host=URL, client_id="id-x"')
            .replace('client_secret="..."', 'client_secret="secret-y"')
            .replace("2000008418", str(case_id))
        )
        out = io.StringIO()
        with redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {"URL": fake.url})
        case = fake.get_record("district-case", case_id)
    assert case is not None
    assert out.getvalue().startswith(case["title"])
