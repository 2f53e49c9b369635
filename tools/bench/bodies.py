"""The response bodies the benchmark serves: small, the spec's case, and large."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASE_PATH = "/district-cases/{district_case_id}"
HEALTH = {
    "legalDataIsAvailable": True,
    "userAccountDataIsAvailable": True,
    "searchDataIsAvailable": True,
}
# Grows the example's lists until the case is about 0.7 MB of JSON.
LARGE_FACTOR = 16


@dataclass(frozen=True)
class Bodies:
    """The three JSON bodies, as the bytes the server sends."""

    health: bytes
    case: bytes
    large: bytes


def load_bodies(spec_path: Path) -> Bodies:
    """Build the bodies from the district case example in the specification."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    case = _district_case_example(spec)
    return Bodies(
        health=_dump(HEALTH),
        case=_dump(case),
        large=_dump(_grown(case, LARGE_FACTOR)),
    )


def _district_case_example(spec: dict[str, Any]) -> dict[str, Any]:
    answer = spec["paths"][CASE_PATH]["get"]["responses"]["200"]
    examples = answer["content"]["application/json"]["examples"]
    value: dict[str, Any] = next(iter(examples.values()))["value"]
    return value


def _grown(case: dict[str, Any], factor: int) -> dict[str, Any]:
    # Repeating list items keeps every item valid, so the large document
    # exercises exactly the validation the example does, only more of it.
    grown = copy.deepcopy(case)
    for key, value in case.items():
        if isinstance(value, list):
            grown[key] = value * factor
        if isinstance(value, dict):
            grown[key] = _grown_lists(value, factor)
    return grown


def _grown_lists(section: dict[str, Any], factor: int) -> dict[str, Any]:
    return {
        key: value * factor if isinstance(value, list) else value
        for key, value in section.items()
    }


def _dump(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()
