"""Walk every page of a case query or name search, and look up any number of ids.

Case queries (``query_district_cases``, ``query_state_cases``,
``query_appeals_cases``) page through ``page`` and ``pageSize`` in the query
body and answer only ``cases``; the walk stops at the first page that comes
back short. Name searches (``search_attorneys``, ``seach_law_firms``,
``search_parties``) page through the ``pageNumber`` and ``pageSize`` query
parameters and answer a ``totalCount``; the walk stops once that many items
were asked for. Pages are always asked for by number: the ``nextPage`` links
in the answers are never followed.

Batch lookups (``get_parties`` and seven others) take 1 to 500 ids a request;
the ``*_batched`` helpers split any number of ids into such requests.

Every function here sends requests only as its results are consumed, and
raises what the ``ApiClient`` raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ._operation import Operation, check_body
from .api import (
    attorneys_api,
    case_query_api,
    entities_api,
    federal_appeals_cases_api,
    federal_district_cases_api,
    judges_api,
    law_firms_api,
    parties_api,
    patents_api,
)
from .api_client import ApiClient
from .api_response import ApiResponse
from .exceptions import ApiTypeError, ApiValueError, NotFoundException
from .models import (
    AppealsCaseQuery,
    AppealsCaseReference,
    AttorneyData,
    AttorneyReference,
    AttorneyResult,
    BankruptcyJudgeData,
    DistrictCaseQuery,
    DistrictCaseReference,
    FederalJudgeData,
    LawFirmData,
    LawFirmReference,
    LawFirmResult,
    MagistrateJudgeData,
    PartyData,
    PartyReference,
    PartyResult,
    PatentData,
    StateCaseQuery,
    StateCaseReference,
    StateJudgeData,
)

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
MAX_IDS_PER_REQUEST = 500


@dataclass(frozen=True)
class Paging:
    """How one operation pages: where page and size go, where the items are.

    ``items_attr`` names the list on the parsed model, ``items_key`` on the
    wire. ``in_body`` is true for the case queries, which page in the body.
    """

    operation: Operation
    items_attr: str
    items_key: str
    in_body: bool


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results: its number (from 1), its items, and the total.

    ``total_count`` is the server's count of every match, for the name
    searches; the case queries do not tell it, so it is ``None`` there.
    """

    number: int
    items: list[T]
    total_count: int | None


def _paging(operation: Operation, items_attr: str, items_key: str) -> Paging:
    return Paging(operation, items_attr, items_key, operation.body is not None)


PAGED_OPERATIONS: dict[str, Paging] = {
    paging.operation.operation_id: paging
    for paging in (
        _paging(federal_district_cases_api.QUERY_DISTRICT_CASES, "cases", "cases"),
        _paging(case_query_api.QUERY_STATE_CASES, "cases", "cases"),
        _paging(federal_appeals_cases_api.QUERY_APPEALS_CASES, "cases", "cases"),
        _paging(attorneys_api.SEARCH_ATTORNEYS, "attorneys", "attorneys"),
        _paging(law_firms_api.SEACH_LAW_FIRMS, "law_firms", "lawFirms"),
        _paging(parties_api.SEARCH_PARTIES, "parties", "parties"),
    )
}

BATCHED_OPERATIONS: dict[str, Operation] = {
    operation.operation_id: operation
    for operation in (
        attorneys_api.GET_ATTORNEYS,
        judges_api.GET_FEDERAL_JUDGES,
        judges_api.GET_BANKRUPTCY_JUDGES,
        entities_api.GET_MAGISTRATES,
        entities_api.GET_STATE_JUDGES,
        law_firms_api.GET_LAW_FIRMS,
        parties_api.GET_PARTIES,
        patents_api.GET_PATENTS,
    )
}

# The specification spells this operation id "seach_law_firms"; both work.
_ALIASES = {"search_law_firms": "seach_law_firms"}


def paging_for(operation: Operation | str) -> Paging:
    """The paging of ``operation`` (an ``Operation`` or an operation id).

    Raises :class:`~lexmachina.exceptions.ApiValueError` for an operation
    that does not page.
    """
    operation_id = _operation_id(operation)
    paging = PAGED_OPERATIONS.get(_ALIASES.get(operation_id, operation_id))
    if paging is None:
        names = ", ".join(sorted(PAGED_OPERATIONS))
        raise ApiValueError(f"{operation_id} does not page; these do: {names}")
    return paging


def iter_pages(
    api_client: ApiClient,
    operation: Operation | str,
    args: Mapping[str, Any],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
    plain: bool = False,
) -> Iterator[Page[Any]]:
    """Yield every page of ``operation`` called with ``args``, asked for lazily.

    ``args`` are the operation's arguments as its API method takes them,
    such as ``{"district_case_query": query}`` or ``{"q": "acme"}``; their
    own page and page size are replaced, and ``args`` is left unchanged.
    ``limit`` caps the number of items over all pages: no page is asked for
    once that many arrived. With ``plain``, items are plain JSON dicts with
    the wire names instead of models, which is cheaper for bulk work.
    """
    _check_sizes(page_size, limit)
    paging = paging_for(operation)
    base = _base_args(paging, args)
    remaining = limit
    number = 1
    while remaining is None or remaining > 0:
        response = api_client.call_api(
            paging.operation, _page_args(paging, base, number, page_size)
        )
        items, total = _read_page(paging, response, plain)
        last = _is_last_page(number, page_size, len(items), total)
        if remaining is not None:
            items = items[:remaining]
            remaining -= len(items)
        yield Page(number, items, total)
        if last:
            return
        number += 1


def paginate(
    api_client: ApiClient,
    operation: Operation | str,
    args: Mapping[str, Any],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[Any]:
    """Yield the items, as models, of every page; see :func:`iter_pages`."""
    for page in iter_pages(
        api_client, operation, args, page_size=page_size, limit=limit
    ):
        yield from page.items


def paginate_json(
    api_client: ApiClient,
    operation: Operation | str,
    args: Mapping[str, Any],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield the items of every page as plain JSON dicts; see :func:`iter_pages`."""
    for page in iter_pages(
        api_client, operation, args, page_size=page_size, limit=limit, plain=True
    ):
        yield from page.items


def iter_district_cases(
    api_client: ApiClient,
    query: DistrictCaseQuery | Mapping[str, Any],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[DistrictCaseReference]:
    """Yield every federal district case ``query`` selects, page by page.

    The query's own ``page`` and ``pageSize`` are ignored; ``page_size``
    cases are asked for at a time and ``limit`` caps the total.
    """
    args = {"district_case_query": query}
    return paginate(
        api_client, "query_district_cases", args, page_size=page_size, limit=limit
    )


def iter_state_cases(
    api_client: ApiClient,
    query: StateCaseQuery | Mapping[str, Any],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[StateCaseReference]:
    """Yield every state case ``query`` selects; see :func:`iter_district_cases`."""
    args = {"state_case_query": query}
    return paginate(
        api_client, "query_state_cases", args, page_size=page_size, limit=limit
    )


def iter_appeals_cases(
    api_client: ApiClient,
    query: AppealsCaseQuery | Mapping[str, Any],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[AppealsCaseReference]:
    """Yield every appeals case ``query`` selects; see :func:`iter_district_cases`."""
    args = {"appeals_case_query": query}
    return paginate(
        api_client, "query_appeals_cases", args, page_size=page_size, limit=limit
    )


def iter_search_attorneys(
    api_client: ApiClient,
    q: str,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[AttorneyResult]:
    """Yield every attorney whose name matches ``q``, page by page."""
    args = {"q": q}
    return paginate(
        api_client, "search_attorneys", args, page_size=page_size, limit=limit
    )


def iter_search_law_firms(
    api_client: ApiClient,
    q: str,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[LawFirmResult]:
    """Yield every law firm whose name matches ``q``, page by page."""
    args = {"q": q}
    return paginate(
        api_client, "seach_law_firms", args, page_size=page_size, limit=limit
    )


def iter_search_parties(
    api_client: ApiClient,
    q: str,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    limit: int | None = None,
) -> Iterator[PartyResult]:
    """Yield every party whose name matches ``q``, page by page."""
    args = {"q": q}
    return paginate(
        api_client, "search_parties", args, page_size=page_size, limit=limit
    )


def _operation_id(operation: Operation | str) -> str:
    if isinstance(operation, Operation):
        return operation.operation_id
    if isinstance(operation, str):
        return operation
    raise ApiTypeError(
        f"operation takes an Operation or an operation id, "
        f"not {type(operation).__name__}"
    )


def _check_sizes(page_size: int, limit: int | None) -> None:
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise ApiTypeError("page_size takes a whole number")
    if page_size < 1:
        raise ApiValueError("page_size must be at least 1")
    if limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise ApiTypeError("limit takes a whole number or None")
    if limit < 0:
        raise ApiValueError("limit must be zero or more")


def _base_args(paging: Paging, args: Mapping[str, Any]) -> dict[str, Any]:
    """A private copy of ``args``, its query body checked once and made a model."""
    base = dict(args)
    operation = paging.operation
    if not paging.in_body:
        return base
    base[operation.body_name] = check_body(operation, base.get(operation.body_name))
    return base


def _page_args(
    paging: Paging, base: dict[str, Any], number: int, page_size: int
) -> dict[str, Any]:
    if not paging.in_body:
        return {**base, "page_number": number, "page_size": page_size}
    name = paging.operation.body_name
    # model_copy leaves the caller's query untouched and marks page and
    # page_size as set, so they are sent.
    query = base[name].model_copy(update={"page": number, "page_size": page_size})
    return {**base, name: query}


def _read_page(
    paging: Paging, response: ApiResponse[Any], plain: bool
) -> tuple[list[Any], int | None]:
    if plain:
        answer = response.json()
        if not isinstance(answer, dict):
            return [], None
        return list(answer.get(paging.items_key) or []), answer.get("totalCount")
    data = response.data
    items = getattr(data, paging.items_attr, None) or []
    return list(items), getattr(data, "total_count", None)


def _is_last_page(number: int, page_size: int, count: int, total: Any) -> bool:
    if count < page_size:
        return True
    return isinstance(total, int) and number * page_size >= total


def get_batched(
    api_client: ApiClient,
    operation: Operation | str,
    ids: Iterable[Any],
    *,
    batch_size: int = MAX_IDS_PER_REQUEST,
    plain: bool = False,
) -> list[Any]:
    """Look up any number of ``ids`` with a batch operation, ``batch_size`` a request.

    Repeated ids are asked for once. Requests go out one after another, in
    the order of ``ids``, and their results are joined in that order. A
    request answered 404 ("none of these ids were found") adds nothing;
    ids that are unknown simply have no result. No ids, no request.
    """
    return list(
        iter_batched(api_client, operation, ids, batch_size=batch_size, plain=plain)
    )


def iter_batched(
    api_client: ApiClient,
    operation: Operation | str,
    ids: Iterable[Any],
    *,
    batch_size: int = MAX_IDS_PER_REQUEST,
    plain: bool = False,
) -> Iterator[Any]:
    """Like :func:`get_batched`, but yield results as each request answers."""
    op = _batch_operation(operation)
    _check_batch_size(batch_size)
    (param,) = [param for param in op.params if param.many]
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), batch_size):
        chunk = unique[start : start + batch_size]
        yield from _lookup(api_client, op, {param.name: chunk}, plain)


def _batch_operation(operation: Operation | str) -> Operation:
    operation_id = _operation_id(operation)
    found = BATCHED_OPERATIONS.get(operation_id)
    if found is None:
        names = ", ".join(sorted(BATCHED_OPERATIONS))
        raise ApiValueError(f"{operation_id} is not a batch lookup; these are: {names}")
    return found


def _check_batch_size(batch_size: int) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise ApiTypeError("batch_size takes a whole number")
    if not 1 <= batch_size <= MAX_IDS_PER_REQUEST:
        raise ApiValueError(f"batch_size must be from 1 to {MAX_IDS_PER_REQUEST}")


def _lookup(
    api_client: ApiClient, op: Operation, args: dict[str, Any], plain: bool
) -> list[Any]:
    try:
        response = api_client.call_api(op, args)
    except NotFoundException:
        return []
    found = response.json() if plain else response.data
    return list(found or [])


def get_attorneys_batched(
    api_client: ApiClient, attorney_ids: Iterable[int]
) -> list[AttorneyData | AttorneyReference]:
    """Look up any number of attorneys by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_attorneys", attorney_ids)


def get_federal_judges_batched(
    api_client: ApiClient, federal_judge_ids: Iterable[int]
) -> list[FederalJudgeData]:
    """Look up any number of federal judges by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_federal_judges", federal_judge_ids)


def get_bankruptcy_judges_batched(
    api_client: ApiClient, bankruptcy_judge_ids: Iterable[int]
) -> list[BankruptcyJudgeData]:
    """Look up any number of bankruptcy judges by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_bankruptcy_judges", bankruptcy_judge_ids)


def get_magistrates_batched(
    api_client: ApiClient, magistrate_judge_ids: Iterable[int]
) -> list[MagistrateJudgeData]:
    """Look up any number of magistrate judges by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_magistrates", magistrate_judge_ids)


def get_state_judges_batched(
    api_client: ApiClient, state_judge_ids: Iterable[int]
) -> list[StateJudgeData]:
    """Look up any number of state judges by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_state_judges", state_judge_ids)


def get_law_firms_batched(
    api_client: ApiClient, law_firm_ids: Iterable[int]
) -> list[LawFirmData | LawFirmReference]:
    """Look up any number of law firms by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_law_firms", law_firm_ids)


def get_parties_batched(
    api_client: ApiClient, party_ids: Iterable[int]
) -> list[PartyData | PartyReference]:
    """Look up any number of parties by id; see :func:`get_batched`."""
    return get_batched(api_client, "get_parties", party_ids)


def get_patents_batched(
    api_client: ApiClient, patent_numbers: Iterable[str]
) -> list[PatentData]:
    """Look up any number of patents by number; see :func:`get_batched`."""
    return get_batched(api_client, "get_patents", patent_numbers)
