"""Case query filters: each field of a query body as a test on one case."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ._http import issue
from ._params import Invalid
from ._world import Record

Test = Callable[[Record], bool]


def include_exclude(spec: Any, values: Callable[[Record], Iterable[Any]]) -> Test:
    """Keep cases with any ``include`` value and none of the ``exclude`` values."""
    include = set((spec or {}).get("include") or [])
    exclude = set((spec or {}).get("exclude") or [])

    def test(case: Record) -> bool:
        found = set(values(case))
        if include and not include & found:
            return False
        return not exclude & found

    return test


def normalized_role(role: str) -> str:
    """A role compared without case, spaces or punctuation (``Third Party``)."""
    return re.sub(r"[^a-z]", "", role.lower())


def by_role(spec: Any, members: Callable[[Record], dict[int, set[str]]]) -> Test:
    """Keep cases matching ``include``/``exclude`` and their per-role variants.

    ``includePlaintiff: [7]`` keeps cases where 7 appears as a plaintiff;
    ``members`` maps each id in a case to the roles it appears in.
    """
    rules = [(key, set(ids)) for key, ids in (spec or {}).items() if ids]

    def test(case: Record) -> bool:
        found = members(case)
        for key, ids in rules:
            # "include"/"exclude" are both seven letters; the rest is a role.
            wanted, role = key.startswith("include"), key[7:]
            hits = [
                i for i in ids & found.keys() if not role or has_role(found[i], role)
            ]
            if wanted != bool(hits):
                return False
        return True

    return test


def has_role(roles: set[str], role: str) -> bool:
    """Whether ``role`` (``ThirdParty``) is among ``roles`` (``Third Party``)."""
    return normalized_role(role) in {normalized_role(r) for r in roles}


def party_roles(case: Record) -> dict[int, set[str]]:
    """Each party id of a case and its roles."""
    found: dict[int, set[str]] = {}
    for party in case.get("parties", []):
        found.setdefault(party["partyId"], set()).add(party["role"])
    return found


def client_roles(field: str, id_field: str, clients: str) -> Callable[[Record], Any]:
    """Each firm or attorney id of a case and the roles of its clients."""

    def members(case: Record) -> dict[int, set[str]]:
        roles = party_roles(case)
        found: dict[int, set[str]] = {}
        for item in case.get(field, []):
            mine = found.setdefault(item[id_field], set())
            for party_id in item[clients]:
                mine |= roles.get(party_id, set())
        return found

    return members


def parse_date(value: Any, loc: list[str | int]) -> str | None:
    """A filter date, checked to be ``YYYY-MM-DD``."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        msg = "Input should be a valid date in the format YYYY-MM-DD"
        raise Invalid([issue(loc, msg, "date_from_datetime_parsing")]) from None


def in_dates(spec: Any, where: Callable[[Record], Record]) -> Test:
    """Keep cases whose dates fall within each named window (``filed``...)."""
    windows = []
    for name, window in (spec or {}).items():
        if window is None:
            continue
        loc: list[str | int] = ["body", "dates", name]
        after = parse_date(window.get("onOrAfter"), [*loc, "onOrAfter"])
        before = parse_date(window.get("onOrBefore"), [*loc, "onOrBefore"])
        windows.append((name, after, before))

    def test(case: Record) -> bool:
        dates = where(case)
        for name, after, before in windows:
            value = dates.get(name)
            if value is None:
                return False
            if (after and value < after) or (before and value > before):
                return False
        return True

    return test


def resolution_in(spec: Any, field: str) -> Test:
    """Keep cases whose resolution matches an included summary/specific pair."""
    include = (spec or {}).get("include") or []
    exclude = (spec or {}).get("exclude") or []

    def matches(case: Record, wanted: Record) -> bool:
        found = case.get(field) or {}
        return all(found.get(key) == value for key, value in wanted.items() if value)

    def test(case: Record) -> bool:
        if include and not any(matches(case, wanted) for wanted in include):
            return False
        return not any(matches(case, unwanted) for unwanted in exclude)

    return test


def ids_of(field: str, id_field: str) -> Callable[[Record], list[Any]]:
    """The ids found in list ``field`` of a case."""
    return lambda case: [item[id_field] for item in case.get(field, [])]
