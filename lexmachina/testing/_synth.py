"""Build the fake's default world from a seed: the same data on every run."""

from __future__ import annotations

import random

from ._synth_cases import CaseFactory
from ._synth_district import add_district_cases
from ._synth_other import add_appeals_cases, add_bankruptcy_cases, add_state_cases
from ._synth_people import (
    Cast,
    add_firms_and_attorneys,
    add_judges,
    add_parties,
    add_party_groups,
    add_patents,
)
from ._synth_trials import (
    add_alerts,
    add_itc_investigations,
    add_ptab_trials,
    fill_counts,
)
from ._world import World

DEFAULT_SEED = 20260324
DEFAULT_DISTRICT_CASES = 400


def build_world(
    seed: int = DEFAULT_SEED, district_cases: int = DEFAULT_DISTRICT_CASES
) -> World:
    """A populated world; see :func:`fill_world`."""
    world = World()
    fill_world(world, seed, district_cases)
    return world


def fill_world(world: World, seed: int, district_cases: int) -> None:
    """Fill ``world`` with synthetic records; the same seed gives the same records.

    Besides ``district_cases`` district cases it holds a fixed cast (judges,
    40 law firms, 160 attorneys, 240 parties, 60 patents) and smaller sets of
    state, appeals and bankruptcy cases, PTAB trials, ITC investigations,
    alerts and party groups.
    """
    rng = random.Random(seed)
    cast = Cast()
    add_judges(rng, world, cast)
    add_firms_and_attorneys(rng, world, cast)
    add_parties(rng, world, cast)
    add_patents(rng, world, cast)
    add_party_groups(world, cast)

    factory = CaseFactory(rng, world, cast)
    add_district_cases(factory, district_cases)
    add_state_cases(factory, max(district_cases // 4, 1))
    add_appeals_cases(factory, max(district_cases // 8, 1))
    add_bankruptcy_cases(factory, max(district_cases // 10, 1))
    add_ptab_trials(factory, 30)
    add_itc_investigations(factory, 10)

    add_alerts(world)
    fill_counts(world)
