"""Interleaved timing: contenders take turns so drift hits them all alike."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping

WARMUP_CALLS = 3


def interleaved_medians(
    contenders: Mapping[str, Callable[[], object]], rounds: int
) -> dict[str, float]:
    """Median seconds per call of each contender over ``rounds`` rounds.

    Each round calls every contender once; the order reverses every other
    round, so neither side always runs on a warmer cache.
    """
    for call in contenders.values():
        for _ in range(WARMUP_CALLS):
            call()
    gc.collect()

    samples: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            samples[name].append(_time_once(contenders[name]))
    return {name: statistics.median(values) for name, values in samples.items()}


def interleaved_samples(
    contenders: Mapping[str, Callable[[], float]], rounds: int
) -> dict[str, float]:
    """Median of each contender's own figure (not a time) over ``rounds``."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            samples[name].append(contenders[name]())
    return {name: statistics.median(values) for name, values in samples.items()}


def _time_once(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started
