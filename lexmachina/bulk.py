"""Fetch many records by id at once, over one shared client, a few at a time.

:func:`fetch_many` calls any single-record method (``get_district_case``,
``get_federal_judge``, ``get_party``, ...) for every id in a list, on a pool
of threads, and answers one :class:`Fetched` per id in the order the ids came.
An id that fails (an unknown id answers 404) is reported with its error
instead of stopping the others. Retries of 429 and 5xx answers, and the wait
a ``Retry-After`` header asks for, happen inside each call, as they do for
any call of the client.

    from lexmachina import ApiClient, FederalDistrictCasesApi
    from lexmachina.bulk import fetch_many

    with ApiClient() as client:
        cases = FederalDistrictCasesApi(client)
        results = fetch_many(cases.get_district_case, [2000001, 2000002])
        for case in results.values:
            print(case.title)
        for case_id, error in results.errors.items():
            print(case_id, error)

:func:`fetch_records` does the same from a record kind (``"district-case"``,
``"federal-judge"``, ...), and :func:`fetch_district_cases` and its siblings
name the common cases.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .exceptions import (
    ApiException,
    ApiValueError,
    ConfigurationError,
    UnauthorizedException,
)

if TYPE_CHECKING:
    # Only for annotations: importing this module stays cheap.
    from .api_client import ApiClient
    from .models import (
        AppealsCaseData,
        BankruptcyCaseData,
        DistrictCaseData,
        StateCaseData,
    )

T = TypeVar("T")

DEFAULT_MAX_WORKERS = 8

Progress = Callable[[int, int], None]

# These say the client cannot call the API at all (bad or missing
# credentials), not that one id is wrong: every other id would fail the same.
FATAL_ERRORS: tuple[type[ApiException], ...] = (
    ConfigurationError,
    UnauthorizedException,
)


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """What fetching one id gave: its ``value``, or the ``error`` it raised."""

    id: Any
    value: T | None = None
    error: ApiException | None = None

    @property
    def ok(self) -> bool:
        """Whether the id was fetched without an error."""
        return self.error is None


class FetchResults(Sequence[Fetched[T]]):
    """One :class:`Fetched` per id asked for, in the order the ids came."""

    def __init__(self, results: list[Fetched[T]]) -> None:
        self._results = results

    @overload
    def __getitem__(self, index: int) -> Fetched[T]: ...

    @overload
    def __getitem__(self, index: slice) -> list[Fetched[T]]: ...

    def __getitem__(self, index: int | slice) -> Fetched[T] | list[Fetched[T]]:
        return self._results[index]

    def __len__(self) -> int:
        return len(self._results)

    def __iter__(self) -> Iterator[Fetched[T]]:
        return iter(self._results)

    @property
    def values(self) -> list[T]:
        """The values fetched without error, in the order of the ids."""
        return [item.value for item in self._results if item.value is not None]

    @property
    def errors(self) -> dict[Any, ApiException]:
        """Each id that failed, mapped to the exception its call raised."""
        return {item.id: item.error for item in self._results if item.error}

    def __repr__(self) -> str:
        failed = len(self.errors)
        return f"FetchResults({len(self) - failed} fetched, {failed} failed)"


def fetch_many(
    method: Callable[..., T],
    ids: Iterable[Hashable],
    *,
    max_workers: int = DEFAULT_MAX_WORKERS,
    progress: Progress | None = None,
    **kwargs: Any,
) -> FetchResults[T]:
    """Call ``method(id, **kwargs)`` for every id, ``max_workers`` at a time.

    ``method`` is a bound API method that takes an id first, such as
    ``FederalDistrictCasesApi(client).get_district_case``; ``kwargs`` go to
    every call (``docket_retrieval="all"``). An id that appears more than
    once is fetched once. Keep ``max_workers`` at or below the client's
    ``connection_pool_maxsize`` (10 by default) so every thread keeps its
    connection.

    ``progress(done, total)`` is called in the calling thread with ``(0,
    total)`` first and again as each distinct id finishes.

    An :class:`~lexmachina.exceptions.ApiException` for one id is kept in
    its result. A missing or refused credential
    (:class:`~lexmachina.exceptions.ConfigurationError`,
    :class:`~lexmachina.exceptions.UnauthorizedException`) and any other
    exception, ``KeyboardInterrupt`` included, cancel the calls not yet
    started and propagate; calls already in flight finish in the background.
    """
    _check_max_workers(max_workers)
    wanted = list(ids)
    unique = list(dict.fromkeys(wanted))
    outcomes = _run_all(method, unique, kwargs, max_workers, progress)
    return FetchResults([outcomes[one_id] for one_id in wanted])


def _check_max_workers(max_workers: int) -> None:
    if isinstance(max_workers, bool) or not isinstance(max_workers, int):
        raise ApiValueError("max_workers takes a whole number")
    if max_workers < 1:
        raise ApiValueError("max_workers must be at least 1")


def _run_all(
    method: Callable[..., T],
    ids: list[Hashable],
    kwargs: dict[str, Any],
    max_workers: int,
    progress: Progress | None,
) -> dict[Hashable, Fetched[T]]:
    outcomes: dict[Hashable, Fetched[T]] = {}
    if progress is not None:
        progress(0, len(ids))
    if not ids:
        return outcomes

    pool = concurrent.futures.ThreadPoolExecutor(
        max_workers=min(max_workers, len(ids)), thread_name_prefix="lexmachina-fetch"
    )
    try:
        futures = {pool.submit(_fetch_one, method, i, kwargs): i for i in ids}
        for future in concurrent.futures.as_completed(futures):
            outcomes[futures[future]] = future.result()
            if progress is not None:
                progress(len(outcomes), len(ids))
    except BaseException:
        # Return at once: queued calls are dropped, running ones end on
        # their own, bounded by the client's timeouts.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return outcomes


def _fetch_one(
    method: Callable[..., T], one_id: Hashable, kwargs: dict[str, Any]
) -> Fetched[T]:
    try:
        return Fetched(one_id, value=method(one_id, **kwargs))
    except FATAL_ERRORS:
        raise
    except ApiException as err:
        return Fetched(one_id, error=err)


# Each kind of record (named as in the API's paths) and the API class and
# method that fetch one of it by id.
RECORD_METHODS: dict[str, tuple[str, str]] = {
    "district-case": ("FederalDistrictCasesApi", "get_district_case"),
    "state-case": ("StateCasesApi", "get_state_case"),
    "appeals-case": ("FederalAppealsCasesApi", "get_appeals_case"),
    "bankruptcy-case": ("BankruptcyCasesApi", "get_bankruptcy_case"),
    "docket-entry": ("DocketsApi", "get_district_docket_entry"),
    "state-docket-entry": ("DocketsApi", "get_state_docket_entry"),
    "itc-document": ("DocketsApi", "get_itc_document_entry"),
    "federal-judge": ("JudgesApi", "get_federal_judge"),
    "magistrate-judge": ("JudgesApi", "get_magistrate"),
    "state-judge": ("JudgesApi", "get_state_judge"),
    "bankruptcy-judge": ("JudgesApi", "get_bankruptcy_judge"),
    "attorney": ("AttorneysApi", "get_attorney"),
    "law-firm": ("LawFirmsApi", "get_law_firm"),
    "party": ("PartiesApi", "get_party"),
    "patent": ("PatentsApi", "get_patent"),
    "ptab-trial": ("PTABTrialsApi", "get_ptab_trial"),
    "ptab-trial-number": ("PTABTrialsApi", "get_ptab_trial_by_number"),
    "itc-investigation": ("ITCInvestigationsApi", "get_itc_investigation"),
}


def record_method(
    api_client: ApiClient, kind: str, *, plain: bool = False
) -> Callable[..., Any]:
    """The bound method that fetches one record of ``kind`` by id.

    ``kind`` is a key of :data:`RECORD_METHODS`, such as ``"district-case"``;
    an unknown kind raises :class:`~lexmachina.exceptions.ApiValueError`.
    With ``plain``, the method answers the record as plain JSON (dicts with
    the wire names) instead of a model.
    """
    found = RECORD_METHODS.get(kind)
    if found is None:
        kinds = ", ".join(sorted(RECORD_METHODS))
        raise ApiValueError(f"no record kind {kind!r}; the kinds are: {kinds}")
    from . import api

    class_name, method_name = found
    api_object = getattr(api, class_name)(api_client)
    if not plain:
        method: Callable[..., Any] = getattr(api_object, method_name)
        return method
    with_info = getattr(api_object, method_name + "_with_http_info")

    def fetch_plain(record_id: Any, **kwargs: Any) -> Any:
        return with_info(record_id, **kwargs).json()

    return fetch_plain


def fetch_records(
    api_client: ApiClient,
    kind: str,
    ids: Iterable[Hashable],
    *,
    max_workers: int = DEFAULT_MAX_WORKERS,
    progress: Progress | None = None,
    plain: bool = False,
    **kwargs: Any,
) -> FetchResults[Any]:
    """Fetch every id of a record ``kind``; see :func:`fetch_many`.

    ``kind`` names the records as :data:`RECORD_METHODS` does:
    ``"district-case"``, ``"federal-judge"``, ``"party"``, ``"patent"``, ...
    With ``plain``, values are plain JSON dicts instead of models.
    """
    method = record_method(api_client, kind, plain=plain)
    return fetch_many(method, ids, max_workers=max_workers, progress=progress, **kwargs)


def fetch_district_cases(
    api_client: ApiClient,
    ids: Iterable[int],
    *,
    max_workers: int = DEFAULT_MAX_WORKERS,
    progress: Progress | None = None,
    docket_retrieval: str | None = None,
) -> FetchResults[DistrictCaseData]:
    """Fetch federal district cases by id; see :func:`fetch_many`.

    Docket entries are left out unless ``docket_retrieval="all"``.
    """
    return fetch_records(
        api_client,
        "district-case",
        ids,
        max_workers=max_workers,
        progress=progress,
        docket_retrieval=docket_retrieval,
    )


def fetch_state_cases(
    api_client: ApiClient,
    ids: Iterable[int],
    *,
    max_workers: int = DEFAULT_MAX_WORKERS,
    progress: Progress | None = None,
    docket_retrieval: str | None = None,
) -> FetchResults[StateCaseData]:
    """Fetch state cases by id; see :func:`fetch_district_cases`."""
    return fetch_records(
        api_client,
        "state-case",
        ids,
        max_workers=max_workers,
        progress=progress,
        docket_retrieval=docket_retrieval,
    )


def fetch_appeals_cases(
    api_client: ApiClient,
    ids: Iterable[int],
    *,
    max_workers: int = DEFAULT_MAX_WORKERS,
    progress: Progress | None = None,
    docket_retrieval: str | None = None,
) -> FetchResults[AppealsCaseData]:
    """Fetch federal appeals cases by id; see :func:`fetch_district_cases`."""
    return fetch_records(
        api_client,
        "appeals-case",
        ids,
        max_workers=max_workers,
        progress=progress,
        docket_retrieval=docket_retrieval,
    )


def fetch_bankruptcy_cases(
    api_client: ApiClient,
    ids: Iterable[int],
    *,
    max_workers: int = DEFAULT_MAX_WORKERS,
    progress: Progress | None = None,
    docket_retrieval: str | None = None,
) -> FetchResults[BankruptcyCaseData]:
    """Fetch bankruptcy cases by id; see :func:`fetch_district_cases`."""
    return fetch_records(
        api_client,
        "bankruptcy-case",
        ids,
        max_workers=max_workers,
        progress=progress,
        docket_retrieval=docket_retrieval,
    )
