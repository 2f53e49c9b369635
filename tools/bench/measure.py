"""The measurements: each compares the SDK with raw urllib3 on the same bodies."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import urllib3
from urllib3.util import Retry, Timeout

import lexmachina
from bench.figures import Figure, ratio_at_least, ratio_at_most
from bench.timing import interleaved_medians, interleaved_samples
from lexmachina.models import DistrictCaseData, HealthStatus

TOKEN = "benchmark-token"
THREADS = 8
IMPORT_LIMIT_MS = 50.0
MS = 1000.0


@dataclass(frozen=True)
class Rounds:
    """How many repetitions each measurement makes."""

    small: int
    case: int
    large: int
    threaded_calls: int
    threaded_runs: int
    imports: int
    memory: int
    gzip: int


FULL = Rounds(1500, 400, 80, 250, 9, 15, 3, 40)
QUICK = Rounds(20, 10, 4, 10, 1, 3, 1, 4)


@dataclass(frozen=True)
class Endpoint:
    """One body and the ways each side fetches and parses it."""

    label: str
    path: str
    model: Any
    json_limit: float
    rounds: int


class Bench:
    """The SDK and raw urllib3, both pointed at the benchmark server."""

    def __init__(self, url: str, rounds: Rounds) -> None:
        self.url = url
        self.rounds = rounds
        self.client = _sdk_client(url, {"Accept-Encoding": "identity"})
        self.pool = urllib3.PoolManager(num_pools=4, maxsize=_pool_size())
        self.raw_headers = {
            "Accept": "application/json",
            "Authorization": f"Bearer {TOKEN}",
        }

    def close(self) -> None:
        """Release both pools."""
        self.client.close()
        self.pool.clear()

    def fetch(self, path: str) -> bytes:
        """The body at ``path`` via raw urllib3, as the SDK's pool would."""
        response = self.pool.urlopen(
            "GET",
            self.url + path,
            headers=self.raw_headers,
            retries=Retry(3, redirect=5),
            timeout=Timeout(connect=10.0, read=60.0),
        )
        return response.data

    def endpoints(self) -> list[Endpoint]:
        """The three bodies, smallest first, with their targets against JSON."""
        return [
            Endpoint("small (health)", "/health", HealthStatus, 1.1, self.rounds.small),
            Endpoint(
                "case (spec example)",
                "/district-cases/1",
                DistrictCaseData,
                1.4,
                self.rounds.case,
            ),
            Endpoint(
                "large case",
                "/district-cases/2",
                DistrictCaseData,
                2.0,
                self.rounds.large,
            ),
        ]

    def sdk_models(self, path: str) -> Callable[[], object]:
        """The public call that returns models for ``path``."""
        if path == "/health":
            status = lexmachina.StatusApi(self.client)
            return status.get_health
        cases = lexmachina.FederalDistrictCasesApi(self.client)
        case_id = int(path.rsplit("/", 1)[1])
        return lambda: cases.get_district_case(case_id)

    def sdk_json(self, path: str) -> Callable[[], object]:
        """The public call that returns plain JSON for ``path``."""
        if path == "/health":
            status = lexmachina.StatusApi(self.client)
            return lambda: status.get_health_with_http_info().json()
        cases = lexmachina.FederalDistrictCasesApi(self.client)
        case_id = int(path.rsplit("/", 1)[1])
        return lambda: cases.get_district_case_with_http_info(case_id).json()


def per_call(bench: Bench) -> list[Figure]:
    """Per-call time: SDK models and SDK JSON against both baselines."""
    figures: list[Figure] = []
    for endpoint in bench.endpoints():
        figures += _per_call_endpoint(bench, endpoint)
    return figures


def _per_call_endpoint(bench: Bench, endpoint: Endpoint) -> list[Figure]:
    path, model = endpoint.path, endpoint.model
    medians = interleaved_medians(
        {
            "sdk": bench.sdk_models(path),
            "typed": lambda: model.model_validate_json(bench.fetch(path)),
            "json": lambda: json.loads(bench.fetch(path)),
            "sdk_json": bench.sdk_json(path),
        },
        endpoint.rounds,
    )
    ms = {name: seconds * MS for name, seconds in medians.items()}
    section = f"per call, ms: {endpoint.label}"
    return [
        ratio_at_most(
            section,
            "SDK models vs urllib3 + model_validate_json",
            ms["sdk"],
            ms["typed"],
            "ms",
            1.05,
        ),
        ratio_at_most(
            section,
            "SDK models vs urllib3 + json.loads",
            ms["sdk"],
            ms["json"],
            "ms",
            endpoint.json_limit,
        ),
        ratio_at_most(
            section,
            "SDK .json() vs urllib3 + json.loads",
            ms["sdk_json"],
            ms["json"],
            "ms",
            1.05,
        ),
    ]


def parse_breakdown(bench: Bench) -> list[Figure]:
    """Where the large case's time goes: parsing alone, without HTTP.

    Shows how much of the models' cost is the cyclic garbage collector
    rescanning the objects being built, which ``json.loads`` meets less.
    """
    body = bench.fetch("/district-cases/2")
    medians = interleaved_medians(
        {
            "models": lambda: DistrictCaseData.model_validate_json(body),
            "models_no_gc": lambda: _without_gc(
                lambda: DistrictCaseData.model_validate_json(body)
            ),
            "json": lambda: json.loads(body),
        },
        bench.rounds.large,
    )
    ms = {name: seconds * MS for name, seconds in medians.items()}
    section = "parse only, large case, ms (in process, no HTTP)"
    return [
        Figure(
            section,
            "model_validate_json vs json.loads",
            ms["models"],
            ms["json"],
            "ms",
            "report",
            True,
        ),
        Figure(
            section,
            "the same with GC paused vs json.loads",
            ms["models_no_gc"],
            ms["json"],
            "ms",
            "report",
            True,
        ),
    ]


def _without_gc(call: Callable[[], object]) -> object:
    gc.disable()
    try:
        return call()
    finally:
        gc.enable()


def threaded(bench: Bench) -> list[Figure]:
    """Calls per second with 8 threads sharing one client or one pool."""
    status = lexmachina.StatusApi(bench.client)
    calls = bench.rounds.threaded_calls
    medians = interleaved_samples(
        {
            "sdk": lambda: _calls_per_second(status.get_health, calls),
            "raw": lambda: _calls_per_second(
                lambda: json.loads(bench.fetch("/health")), calls
            ),
        },
        bench.rounds.threaded_runs,
    )
    return [
        ratio_at_least(
            f"throughput, {THREADS} threads, small body",
            "shared ApiClient vs shared PoolManager",
            medians["sdk"],
            medians["raw"],
            "calls/s",
            0.9,
        )
    ]


def _calls_per_second(call: Callable[[], object], calls_per_thread: int) -> float:
    start = threading.Barrier(THREADS + 1)
    failures: list[BaseException] = []

    def work() -> None:
        start.wait(timeout=30)
        try:
            for _ in range(calls_per_thread):
                call()
        except BaseException as err:  # reported by the caller, not lost
            failures.append(err)

    workers = [threading.Thread(target=work, daemon=True) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    start.wait(timeout=30)
    started = time.perf_counter()
    for worker in workers:
        worker.join(timeout=120)
    elapsed = time.perf_counter() - started

    if failures or any(worker.is_alive() for worker in workers):
        raise RuntimeError(f"threaded run failed: {failures[:1]!r}")
    return THREADS * calls_per_thread / elapsed


def import_time(rounds: Rounds, repo: Path) -> list[Figure]:
    """Wall-clock import time in fresh interpreters, SDK against its deps."""
    medians = interleaved_samples(
        {
            "sdk": lambda: _import_ms("import lexmachina", repo),
            "deps": lambda: _import_ms("import urllib3, pydantic", repo),
        },
        rounds.imports,
    )
    sdk, deps = medians["sdk"], medians["deps"]
    return [
        Figure(
            "import, ms (fresh interpreter, wall clock)",
            "import lexmachina vs import urllib3, pydantic",
            sdk,
            deps,
            "ms",
            f"<= +{IMPORT_LIMIT_MS:g} ms",
            sdk - deps <= IMPORT_LIMIT_MS,
        )
    ]


def _import_ms(statement: str, repo: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", statement],
        cwd=repo,
        check=True,
        timeout=60,
    )
    return (time.perf_counter() - started) * MS


def memory(bench: Bench) -> list[Figure]:
    """Peak traced memory of a large call: SDK models against json.loads."""
    cases = lexmachina.FederalDistrictCasesApi(bench.client)
    peaks = interleaved_samples(
        {
            "sdk": lambda: _peak_kb(lambda: cases.get_district_case(2)),
            "raw": lambda: _peak_kb(
                lambda: json.loads(bench.fetch("/district-cases/2"))
            ),
        },
        bench.rounds.memory,
    )
    return [
        ratio_at_most(
            "peak memory, large case (tracemalloc)",
            "SDK models vs urllib3 + json.loads",
            peaks["sdk"],
            peaks["raw"],
            "KB",
            2.0,
        )
    ]


def _peak_kb(call: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return (peak - before) / 1024


def compression(bench: Bench) -> list[Figure]:
    """The large case with the SDK's default headers against identity."""
    default = _sdk_client(bench.url, {})
    try:
        return _compression_figures(bench, default)
    finally:
        default.close()


def _compression_figures(bench: Bench, default: lexmachina.ApiClient) -> list[Figure]:
    plain = lexmachina.FederalDistrictCasesApi(bench.client)
    packed = lexmachina.FederalDistrictCasesApi(default)
    wire = {
        name: float(api.get_district_case_with_http_info(2).headers["Content-Length"])
        for name, api in (("default", packed), ("identity", plain))
    }
    medians = interleaved_medians(
        {
            "default": lambda: packed.get_district_case_with_http_info(2).raw_data,
            "identity": lambda: plain.get_district_case_with_http_info(2).raw_data,
        },
        bench.rounds.gzip,
    )
    section = "compression, large case (SDK default headers vs identity)"
    return [
        ratio_at_most(
            section,
            "bytes on the wire",
            wire["default"] / 1024,
            wire["identity"] / 1024,
            "KB",
            0.5,
        ),
        Figure(
            section,
            "fetch + decode, no parse",
            medians["default"] * MS,
            medians["identity"] * MS,
            "ms",
            "report",
            True,
        ),
    ]


def _sdk_client(url: str, headers: dict[str, str]) -> lexmachina.ApiClient:
    client = lexmachina.ApiClient(
        lexmachina.Configuration(host=url, access_token=TOKEN)
    )
    for name, value in headers.items():
        client.set_default_header(name, value)
    return client


def _pool_size() -> int:
    return lexmachina.Configuration(
        host="http://127.0.0.1", access_token=TOKEN
    ).connection_pool_maxsize
