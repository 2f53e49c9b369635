"""Every operation of the specification, called through the SDK against Prism.

Prism serves the shared specification: in static mode it answers each
operation's first example, in dynamic mode data generated from the schemas.
The operations are read from the specification, never from a list kept here,
and each is called through the method of every ``<Tag>Api`` class it belongs
to, with arguments derived from its parameter schemas.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import json
import re
import sys
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlsplit

import pytest
from pydantic import BaseModel

import lexmachina
import lexmachina.api
import lexmachina.models
from lexmachina._operation import Operation, Param
from lexmachina.api import (
    AlertsApi,
    AttorneysApi,
    AuthorizationApi,
    FederalDistrictCasesApi,
    FindApi,
    LawFirmsApi,
    PTABTrialsApi,
    SearchApi,
)
from lexmachina.exceptions import (
    ApiException,
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
    HTTPStatusError,
    NotFoundException,
    ResponseParseError,
    UnauthorizedException,
    UnprocessableEntityException,
)
from lexmachina.models import (
    CaseDatesFilter,
    DistrictCaseQuery,
    HTTPValidationError,
    LawFirmSearchResult,
    TimingFilter,
)

from .conftest import SPEC
from .prism import PrismError, PrismServer

pytestmark = pytest.mark.prism

TOKEN = "prism-test-token"
DYNAMIC_RUNS = 5
EXPECTED_OPERATIONS = 57
_MISSING: Any = object()
_SPEC: dict[str, Any] = json.loads(SPEC.read_text(encoding="utf-8"))
_SCHEMAS: dict[str, Any] = _SPEC["components"]["schemas"]


# -- the specification, read once ---------------------------------------------


@dataclasses.dataclass(frozen=True)
class SpecOperation:
    """One operation as the specification states it."""

    operation_id: str
    method: str
    path: str
    tags: tuple[str, ...]
    parameters: tuple[dict[str, Any], ...]
    body_schema: dict[str, Any] | None
    responses: dict[str, Any]

    def response_schema(self, status: str = "200") -> dict[str, Any]:
        schema: dict[str, Any] = self._content(status).get("schema", {})
        return schema

    def example(self, status: str = "200") -> Any:
        """The example Prism serves in static mode: the first one listed."""
        content = self._content(status)
        if "example" in content:
            return content["example"]
        examples = content.get("examples") or {}
        return next(iter(examples.values()))["value"] if examples else _MISSING

    def _content(self, status: str) -> dict[str, Any]:
        response = self.responses.get(status, {})
        content: dict[str, Any] = response.get("content", {})
        json_content: dict[str, Any] = content.get("application/json", {})
        return json_content


def _spec_operations() -> list[SpecOperation]:
    found = []
    for path, item in _SPEC["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {})
            found.append(
                SpecOperation(
                    operation_id=op["operationId"],
                    method=method.upper(),
                    path=path,
                    tags=tuple(op["tags"]),
                    parameters=tuple(op.get("parameters", ())),
                    body_schema=body.get("application/json", {}).get("schema"),
                    responses=op["responses"],
                )
            )
    return found


OPERATIONS = _spec_operations()
_BY_ID = {op.operation_id: op for op in OPERATIONS}
_ALL_TAGS = sorted({tag for op in OPERATIONS for tag in op.tags})


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _SCHEMAS[_ref_name(schema)]
    return schema


def _ref_name(schema: dict[str, Any]) -> str:
    ref: str = schema["$ref"]
    return ref.rsplit("/", 1)[-1]


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" not in schema:
        return schema
    branch: dict[str, Any] = next(s for s in schema["anyOf"] if s.get("type") != "null")
    return branch


def _path_shape(op: SpecOperation) -> tuple[str, str]:
    return op.method, re.sub(r"\{[^}]*\}", "{}", op.path)


def _static_examples(op: SpecOperation) -> list[Any]:
    """Examples Prism may answer for ``op``: its own, and those of operations
    whose path differs only in a parameter's name, since Prism cannot tell
    such routes apart."""
    twins = [other for other in OPERATIONS if _path_shape(other) == _path_shape(op)]
    return [ex for other in twins if (ex := other.example()) is not _MISSING]


# -- arguments of our own choosing, derived from the parameter schemas --------


def _param_value(wire: str, schema: dict[str, Any]) -> Any:
    schema = _not_null(schema)
    if "$ref" in schema and "enum" in _resolve(schema):
        enum_class = getattr(lexmachina.models, _ref_name(schema))
        return next(iter(enum_class))
    kind = schema.get("type")
    if kind == "array":
        first, second = (_param_value(wire, schema["items"]) for _ in range(2))
        if isinstance(first, int):
            return [first, second + 1]
        return [f"{first}-1", f"{second}-2"]
    if kind == "integer":
        return 7
    if kind == "string" and schema.get("format") == "date":
        return datetime.date(2024, 3, 1)
    if kind == "string":
        return f"conformance-{wire}"
    raise AssertionError(f"no sample value for parameter {wire}: {schema}")


def _minimal_json(schema: dict[str, Any]) -> Any:
    """The smallest JSON value the schema accepts: required properties only."""
    schema = _resolve(_not_null(schema))
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: _minimal_json(props[name]) for name in schema.get("required", [])}
    if kind == "array":
        return [
            _minimal_json(schema["items"]) for _ in range(schema.get("minItems", 0))
        ]
    samples: dict[str, Any] = {"integer": 1, "boolean": True, "string": "conformance"}
    if kind == "string" and schema.get("format") == "date":
        return "2024-03-01"
    return samples[str(kind)]


def _body_value(op: SpecOperation, body_model: type[BaseModel]) -> BaseModel:
    assert op.body_schema is not None
    value = _minimal_json(op.body_schema)
    props = _resolve(op.body_schema).get("properties", {})
    if "page" in props and "pageSize" in props:
        value.update(page=1, pageSize=5)
    return body_model.model_validate(value)


# -- the SDK's side: classes, operation descriptions and calls ----------------


def _api_class(tag: str) -> type[Any]:
    words = re.split(r"[^0-9A-Za-z]+", tag)
    name = "".join(w if w.isupper() else w[0].upper() + w[1:] for w in words)
    cls: type[Any] = getattr(lexmachina.api, f"{name}Api")
    return cls


@functools.cache
def _operation_constants() -> dict[str, list[Operation]]:
    """Every ``Operation`` the API modules define, by operation id."""
    modules = {sys.modules[_api_class(tag).__module__] for tag in _ALL_TAGS}
    found: dict[str, list[Operation]] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Operation):
                # A second tag's module re-exports the same object; count it once.
                same = found.setdefault(value.operation_id, [])
                if all(v is not value for v in same):
                    same.append(value)
    return found


def _operation_constant(op: SpecOperation) -> Operation:
    constants = _operation_constants().get(op.operation_id, [])
    # One description per operation, whichever tags it carries.
    assert len(constants) == 1, f"{op.operation_id}: {len(constants)} Operations"
    return constants[0]


def _sdk_arguments(op: SpecOperation) -> dict[str, Any]:
    """Keyword arguments for the SDK method: one per parameter, plus the body."""
    constant = _operation_constant(op)
    by_wire: dict[tuple[str, str], Param] = {
        (p.wire, p.where): p for p in constant.params
    }
    args: dict[str, Any] = {}
    for spec_param in op.parameters:
        key = (spec_param["name"], spec_param["in"])
        assert key in by_wire, f"{op.operation_id}: the SDK lacks parameter {key}"
        args[by_wire[key].name] = _param_value(key[0], spec_param["schema"])
    if op.operation_id == "oauth2_token":
        args["client_secret"] = "prism-test-secret"
    if constant.body is not None:
        args[constant.body_name] = _body_value(op, constant.body)
    return args


def _sdk_method(client: lexmachina.ApiClient, op: SpecOperation, tag: str) -> Any:
    return getattr(_api_class(tag)(client), op.operation_id)


def _client(url: str, token: str | None = TOKEN) -> lexmachina.ApiClient:
    config = lexmachina.Configuration(
        host=url, access_token=token, retries=0, connect_timeout=2, read_timeout=15
    )
    return lexmachina.ApiClient(config)


# -- what a result must look like ---------------------------------------------


def _mismatch(value: Any, schema: dict[str, Any], where: str = "$") -> str | None:
    """Say where ``value`` is not of the type ``schema`` declares, or None."""
    if "anyOf" in schema:
        misses = [_mismatch(value, branch, where) for branch in schema["anyOf"]]
        return None if None in misses else misses[0]
    if "$ref" in schema:
        expected = getattr(lexmachina.models, _ref_name(schema))
        if isinstance(value, expected):
            return None
        return f"{where}: {type(value).__name__}, not {expected.__name__}"
    kind = schema.get("type")
    if kind == "array":
        if not isinstance(value, list):
            return f"{where}: {type(value).__name__}, not a list"
        items = (
            _mismatch(v, schema["items"], f"{where}[{i}]") for i, v in enumerate(value)
        )
        return next((m for m in items if m is not None), None)
    return _scalar_mismatch(value, kind, where)


def _scalar_mismatch(value: Any, kind: str | None, where: str) -> str | None:
    python_types: dict[str | None, tuple[type, ...]] = {
        None: (object,),
        "string": (str,),
        "integer": (int,),
        "boolean": (bool,),
        "null": (type(None),),
        "object": (dict,),
    }
    if isinstance(value, python_types[kind]):
        return None
    return f"{where}: {type(value).__name__}, not {kind}"


def _wire_form(value: Any) -> Any:
    """What the SDK parsed, back in the API's JSON spelling."""
    if isinstance(value, BaseModel):
        return value.to_dict()  # type: ignore[attr-defined]
    if isinstance(value, list):
        return [_wire_form(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


# -- servers --------------------------------------------------------------------


def _started_prism(log_path: Path, *, dynamic: bool) -> PrismServer:
    server = PrismServer(SPEC, log_path, dynamic=dynamic)
    problem = ""
    try:
        server.start()
    except PrismError as err:
        problem = str(err)
    if problem:
        pytest.fail(problem, pytrace=False)
    return server


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    """Prism in static mode: every answer is the operation's first example."""
    log = tmp_path_factory.mktemp("prism") / "prism-static.log"
    server = _started_prism(log, dynamic=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def prism_dynamic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    """Prism in dynamic mode: every answer is generated from the schema."""
    log = tmp_path_factory.mktemp("prism") / "prism-dynamic.log"
    server = _started_prism(log, dynamic=True)
    yield server
    server.stop()


@pytest.fixture
def client(prism: PrismServer) -> Iterator[lexmachina.ApiClient]:
    with _client(prism.url) as api_client:
        yield api_client


def _fail(prism: PrismServer, message: str) -> NoReturn:
    prism.mark()  # so that the log holds every line about the failed call
    pytest.fail(f"{message}\n{prism.log_tail()}", pytrace=False)


def _call(prism: PrismServer, call: Callable[[], Any], label: str) -> Any:
    try:
        return call()
    except ApiException as err:
        problem = f"{label} raised {type(err).__name__}: {err}"
    _fail(prism, problem)


# -- every operation, static mode ----------------------------------------------


def _answers_null(op: SpecOperation) -> bool:
    # A 200 with an empty schema and no example leaves Prism nothing to
    # serve but JSON null.
    return op.response_schema() == {} and op.example() is _MISSING


def _check_static(
    client: lexmachina.ApiClient, prism: PrismServer, op: SpecOperation, tag: str
) -> None:
    method = _sdk_method(client, op, tag)
    label = f"{_api_class(tag).__name__}.{op.operation_id}"
    result = _call(prism, lambda: method(**_sdk_arguments(op)), label)

    problem = _mismatch(result, op.response_schema())
    assert problem is None, f"{label}: {problem}"

    examples = _static_examples(op)
    if examples:
        assert _wire_form(result) in examples, f"{label}: differs from the example"


@pytest.mark.parametrize(
    "op",
    [op for op in OPERATIONS if not _answers_null(op)],
    ids=lambda op: op.operation_id,
)
def test_static_answer_parses_into_the_declared_type_and_equals_the_example(
    prism: PrismServer, client: lexmachina.ApiClient, op: SpecOperation
) -> None:
    start = prism.mark()
    for tag in op.tags:
        _check_static(client, prism, op, tag)
    end = prism.mark()

    assert len(prism.requests_between(start, end)) == len(op.tags)
    assert prism.violations_between(start, end) == []


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if _answers_null(op)], ids=lambda op: op.operation_id
)
def test_static_null_answer_to_an_object_operation_is_a_parse_error(
    client: lexmachina.ApiClient, op: SpecOperation
) -> None:
    for tag in op.tags:
        method = _sdk_method(client, op, tag)
        with pytest.raises(ResponseParseError):
            method(**_sdk_arguments(op))


# -- every operation, dynamic mode ---------------------------------------------


def _dynamic_failures(
    prism: PrismServer, client: lexmachina.ApiClient, op: SpecOperation, tag: str
) -> list[str]:
    method = getattr(_api_class(tag)(client), f"{op.operation_id}_with_http_info")
    label = f"{_api_class(tag).__name__}.{op.operation_id}"
    failures = []
    for run in range(1, DYNAMIC_RUNS + 1):
        response = _call(prism, lambda: method(**_sdk_arguments(op)), label)
        try:
            problem = _mismatch(response.data, op.response_schema())
        except ResponseParseError as err:
            problem = f"{err}; body {response.raw_data[:400]!r}"
        if problem is not None:
            failures.append(f"{label} run {run}: {problem}")
    return failures


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_dynamic_answers_parse_every_time(
    prism_dynamic: PrismServer, op: SpecOperation
) -> None:
    with _client(prism_dynamic.url) as client:
        failures = [
            failure
            for tag in op.tags
            for failure in _dynamic_failures(prism_dynamic, client, op, tag)
        ]
    assert failures == []


# -- error statuses --------------------------------------------------------------

_STATUS_EXCEPTIONS: dict[str, type[HTTPStatusError]] = {
    "401": UnauthorizedException,
    "404": NotFoundException,
    "422": UnprocessableEntityException,
}


@pytest.mark.parametrize("status", sorted(_STATUS_EXCEPTIONS))
def test_a_documented_error_status_raises_its_exception_with_the_example(
    client: lexmachina.ApiClient, status: str
) -> None:
    declaring = [op for op in OPERATIONS if op.example(status) is not _MISSING]
    expected = _STATUS_EXCEPTIONS[status]
    for op in declaring:
        method = _sdk_method(client, op, op.tags[0])
        with pytest.raises(expected) as caught:
            method(**_sdk_arguments(op), _headers={"Prefer": f"code={status}"})
        assert caught.value.status == int(status), op.operation_id
        assert _wire_form(caught.value.data) == op.example(status), op.operation_id
    assert len(declaring) >= 50


def test_a_secured_operation_without_a_token_is_refused_with_401(
    prism: PrismServer,
) -> None:
    secured = [op for op in OPERATIONS if _operation_constant(op).secured]
    with _client(prism.url, token=None) as client:
        for op in secured:
            # The same operation, told not to send the bearer token.
            unsecured = dataclasses.replace(_operation_constant(op), secured=False)
            with pytest.raises(UnauthorizedException) as caught:
                client.call_api(unsecured, _sdk_arguments(op))
            assert caught.value.status == 401
            if op.example("401") is not _MISSING:
                assert caught.value.data == op.example("401"), op.operation_id
    assert len(secured) == len(OPERATIONS) - 1


def test_a_client_without_a_token_sends_nothing_for_a_secured_operation(
    prism: PrismServer,
) -> None:
    start = prism.mark()
    with _client(prism.url, token=None) as client, pytest.raises(ConfigurationError):
        AttorneysApi(client).get_attorney(7)
    end = prism.mark()

    assert prism.requests_between(start, end) == []


def _spec_violation(
    prism: PrismServer, call: Callable[[], Any]
) -> tuple[UnprocessableEntityException, list[str]]:
    start = prism.mark()
    with pytest.raises(UnprocessableEntityException) as caught:
        call()
    end = prism.mark()
    return caught.value, prism.violations_between(start, end)


def test_repeated_ids_pass_the_sdk_and_prism_answers_422(
    prism: PrismServer, client: lexmachina.ApiClient
) -> None:
    err, violations = _spec_violation(
        prism, lambda: AttorneysApi(client).get_attorneys([7, 7])
    )
    assert err.status == 422
    assert isinstance(err.data, HTTPValidationError)
    assert _wire_form(err.data) == _BY_ID["get_attorneys"].example("422")
    assert len(violations) == 1
    assert "attorneyids must NOT have duplicate items" in violations[0]


def test_more_than_500_ids_are_refused_before_sending(
    prism: PrismServer, client: lexmachina.ApiClient
) -> None:
    start = prism.mark()
    with pytest.raises(ApiValueError, match="at most 500"):
        AttorneysApi(client).get_attorneys(list(range(1, 502)))
    assert prism.requests_between(start, prism.mark()) == []


def test_a_hand_made_operation_with_a_bad_page_number_gets_422(
    prism: PrismServer, client: lexmachina.ApiClient
) -> None:
    op = _BY_ID["search_attorneys"]
    loose = Operation(
        operation_id="search_attorneys_loosely",
        method="GET",
        path=op.path,
        params=(
            Param(name="q", wire="q", where="query", type=str, required=True),
            Param(name="page", wire="pageNumber", where="query", type=str),
        ),
        response=dict[str, Any],
    )
    err, violations = _spec_violation(
        prism, lambda: client.call_api(loose, {"q": "smith", "page": "first"})
    )
    # This example's detail is a string, not a list of problems, so it stays
    # the plain parsed body.
    assert err.data == op.example("422") == {"detail": "Invalid page."}
    assert len(violations) == 1
    assert "pagenumber must be integer" in violations[0]


# -- checks the SDK makes before sending ----------------------------------------


def _query() -> Any:
    return DistrictCaseQuery(page=1, page_size=5)


_CLIENT_SIDE_REJECTIONS = [
    pytest.param(
        "AttorneysApi", "get_attorney", ("7",), ApiTypeError, id="str-for-int"
    ),
    pytest.param(
        "AttorneysApi", "get_attorney", (True,), ApiTypeError, id="bool-for-int"
    ),
    pytest.param("AttorneysApi", "get_attorneys", ([],), ApiValueError, id="no-ids"),
    pytest.param(
        "AttorneysApi", "get_attorneys", (7,), ApiTypeError, id="int-for-list"
    ),
    pytest.param(
        "AttorneysApi", "get_attorneys", ([7, "8"],), ApiTypeError, id="str-in-list"
    ),
    pytest.param("ListApi", "list_courts", ("Moon",), ApiValueError, id="bad-enum"),
    pytest.param(
        "AlertsApi",
        "get_alert_run_results",
        (5, "03/01/2024"),
        ApiValueError,
        id="non-iso-date",
    ),
    pytest.param(
        "FederalDistrictCasesApi",
        "query_district_cases",
        ({"page": "first"},),
        ApiValueError,
        id="bad-body-dict",
    ),
    pytest.param(
        "FederalDistrictCasesApi",
        "query_district_cases",
        (["page"],),
        ApiTypeError,
        id="list-for-body",
    ),
    pytest.param(
        "CaseQueryApi",
        "query_state_cases",
        (_query(),),
        ApiTypeError,
        id="wrong-query-model",
    ),
    pytest.param(
        "SearchApi", "search_attorneys", ("smith", "1"), ApiTypeError, id="str-page"
    ),
]


@pytest.mark.parametrize(("cls", "name", "args", "expected"), _CLIENT_SIDE_REJECTIONS)
def test_a_bad_argument_is_rejected_before_anything_is_sent(
    prism: PrismServer,
    client: lexmachina.ApiClient,
    cls: str,
    name: str,
    args: tuple[Any, ...],
    expected: type[ApiException],
) -> None:
    method = getattr(getattr(lexmachina.api, cls)(client), name)
    start = prism.mark()
    with pytest.raises(expected):
        method(*args)
    end = prism.mark()

    assert prism.requests_between(start, end) == []


# -- quirks of this API -----------------------------------------------------------


@dataclasses.dataclass
class Recorded:
    """One request as it arrived at the recording server."""

    method: str
    target: str
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.target).query, keep_blank_values=True)


@dataclasses.dataclass
class Recorder:
    """A server on 127.0.0.1 that keeps every request and answers ``answer``."""

    url: str = ""
    answer: Any = None
    requests: list[Recorded] = dataclasses.field(default_factory=list)


def _recording_handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 5

        def _record_and_answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            recorder.requests.append(Recorded(self.command, self.path, body))
            payload = json.dumps(recorder.answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _record_and_answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _recording_handler(recorder))
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield recorder
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_ptab_trials_are_found_by_integer_id_and_by_trial_number(
    prism: PrismServer, client: lexmachina.ApiClient
) -> None:
    api = PTABTrialsApi(client)
    examples = _static_examples(_BY_ID["get_ptab_trial"])
    start = prism.mark()
    by_id = api.get_ptab_trial(3887)
    by_number = api.get_ptab_trial_by_number("CBM2015-00182")
    end = prism.mark()

    assert by_id.to_dict() in examples
    assert by_number.to_dict() == _BY_ID["get_ptab_trial_by_number"].example()
    assert prism.paths_between(start, end) == [
        "GET /ptab-trials/3887",
        "GET /ptab-trials/CBM2015-00182",
    ]
    assert prism.violations_between(start, end) == []


def test_ptab_trial_path_values_are_encoded_as_one_segment(recorder: Recorder) -> None:
    recorder.answer = _BY_ID["get_ptab_trial_by_number"].example()
    with _client(recorder.url) as client:
        PTABTrialsApi(client).get_ptab_trial(3887)
        PTABTrialsApi(client).get_ptab_trial_by_number("IPR2020/00 1")

    paths = [request.target for request in recorder.requests]
    assert paths == ["/ptab-trials/3887", "/ptab-trials/IPR2020%2F00%201"]


def test_the_misspelled_law_firm_search_works_under_both_names(
    prism: PrismServer, client: lexmachina.ApiClient
) -> None:
    example = _BY_ID["seach_law_firms"].example()
    start = prism.mark()
    for cls in (LawFirmsApi, SearchApi):
        api = cls(client)
        for method in (api.seach_law_firms, api.search_law_firms):
            result = method("smith", page_number=2, page_size=3)
            assert isinstance(result, LawFirmSearchResult)
            assert result.to_dict() == example
    end = prism.mark()

    assert prism.paths_between(start, end) == ["GET /search-law-firms"] * 4
    assert prism.violations_between(start, end) == []


def test_the_date_path_parameter_goes_out_as_an_iso_date(
    prism: PrismServer, client: lexmachina.ApiClient, recorder: Recorder
) -> None:
    example = _BY_ID["get_alert_run_results"].example()
    for day in (datetime.date(2024, 3, 1), "2024-03-01"):
        assert AlertsApi(client).get_alert_run_results(5, day).to_dict() == example
        assert AlertsApi(client).get_alert_run_results(5, var_date=day).to_dict() == (
            example
        )

    recorder.answer = example
    with _client(recorder.url) as recording:
        AlertsApi(recording).get_alert_run_results(5, datetime.date(2024, 3, 1))
    assert recorder.requests[0].target == "/alerts/runs/5/2024-03-01"


def test_a_datetime_for_a_date_parameter_never_goes_out_as_a_timestamp(
    recorder: Recorder,
) -> None:
    recorder.answer = _BY_ID["get_alert_run_results"].example()
    morning = datetime.datetime(2024, 3, 1, 9, 30)
    refused = contextlib.suppress(ApiTypeError, ApiValueError)
    with _client(recorder.url) as client, refused:
        AlertsApi(client).get_alert_run_results(5, morning)

    sent = [request.target for request in recorder.requests]
    assert sent in ([], ["/alerts/runs/5/2024-03-01"]), (
        "a datetime must go out as its date or be refused, not as a timestamp"
    )


def test_list_query_parameters_repeat_the_key(
    prism: PrismServer, client: lexmachina.ApiClient, recorder: Recorder
) -> None:
    start = prism.mark()
    found = AttorneysApi(client).get_attorneys([3, 1, 2])
    end = prism.mark()
    assert _wire_form(found) == _BY_ID["get_attorneys"].example()
    assert prism.violations_between(start, end) == []

    recorder.answer = []
    with _client(recorder.url) as recording:
        AttorneysApi(recording).get_attorneys([3, 1, 2])
        FindApi(recording).find_district_case_by_number(["1:20-cv-1", "2:21 cv&2"])
    first, second = recorder.requests
    assert urlsplit(first.target).query == "attorneyIds=3&attorneyIds=1&attorneyIds=2"
    assert second.query == [("caseNumbers", "1:20-cv-1"), ("caseNumbers", "2:21 cv&2")]


def test_dates_in_queries_and_bodies_go_out_as_iso_8601(
    prism: PrismServer, client: lexmachina.ApiClient, recorder: Recorder
) -> None:
    def send_both(api_client: lexmachina.ApiClient) -> None:
        FederalDistrictCasesApi(api_client).analyze_district_cases_from_alert(
            5, "CaseCountByType", datetime.date(2024, 1, 2), "2024-12-31"
        )
        filed = TimingFilter(on_or_after=datetime.date(2024, 1, 2))
        query = DistrictCaseQuery(dates=CaseDatesFilter(filed=filed), page=1)
        FederalDistrictCasesApi(api_client).query_district_cases(query)

    start = prism.mark()
    send_both(client)
    end = prism.mark()
    assert prism.violations_between(start, end) == []

    recorder.answer = _BY_ID["analyze_district_cases_from_alert"].example()
    with _client(recorder.url) as recording, pytest.raises(ResponseParseError):
        send_both(recording)  # the second answer is the wrong shape on purpose
    analyze, query = recorder.requests
    assert analyze.query[1:] == [
        ("on_or_after", "2024-01-02"),
        ("on_or_before", "2024-12-31"),
    ]
    assert json.loads(query.body) == {
        "dates": {"filed": {"onOrAfter": "2024-01-02"}},
        "page": 1,
    }


def test_booleans_go_out_as_true_and_false(recorder: Recorder) -> None:
    # No operation of this API takes a boolean parameter; this one is made up
    # to pin down the encoding should one appear.
    flags = Operation(
        operation_id="flags",
        method="GET",
        path="/flags",
        params=(
            Param(name="one", wire="one", where="query", type=bool),
            Param(name="many", wire="many", where="query", type=bool, many=True),
        ),
        response=dict[str, Any],
    )
    recorder.answer = {}
    with _client(recorder.url) as client:
        answer = client.call_api(flags, {"one": True, "many": [False, True]})

    assert answer.data == {}
    assert recorder.requests[0].query == [
        ("one", "true"),
        ("many", "false"),
        ("many", "true"),
    ]


# -- answers the SDK cannot parse -------------------------------------------------


def _token_parse_error(prism: PrismServer) -> ResponseParseError:
    with _client(prism.url, token=None) as client:
        api = AuthorizationApi(client)
        with pytest.raises(ResponseParseError) as caught:
            api.oauth2_token(client_id="prism", client_secret="prism-test-secret")
    return caught.value


def test_a_json_null_token_answer_is_not_called_invalid_json(
    prism: PrismServer,
) -> None:
    # Prism has nothing to serve for the token's empty schema but JSON null:
    # valid JSON, just not the object the SDK reads a token from.
    err = _token_parse_error(prism)

    assert "not valid JSON" not in str(err)
    assert "object" in str(err)


def test_a_parse_error_keeps_the_status_and_the_body(prism: PrismServer) -> None:
    err = _token_parse_error(prism)

    assert err.status == 200
    assert err.body == b"null"


# -- coverage, last ----------------------------------------------------------------


def _conforming_tags(client: lexmachina.ApiClient, op: SpecOperation) -> list[str]:
    conforming = []
    for tag in op.tags:
        try:
            result = _sdk_method(client, op, tag)(**_sdk_arguments(op))
        except ApiException:
            continue
        if _mismatch(result, op.response_schema()) is None:
            conforming.append(tag)
    return conforming


def test_every_operation_of_the_specification_is_covered(
    prism: PrismServer, prism_dynamic: PrismServer
) -> None:
    covered, calls = set(), 0
    with _client(prism.url) as static, _client(prism_dynamic.url) as dynamic:
        for op in OPERATIONS:
            # Prism's static answer to an empty schema is null; its dynamic
            # one is an object.
            tags = _conforming_tags(dynamic if _answers_null(op) else static, op)
            calls += len(tags)
            if tags == list(op.tags):
                covered.add(op.operation_id)

    print(
        f"\nconformance: {len(covered)} of {len(OPERATIONS)} operations covered "
        f"through {calls} <Tag>Api methods; {DYNAMIC_RUNS} dynamic runs each"
    )
    assert sorted(covered) == sorted(op.operation_id for op in OPERATIONS)
    assert len(covered) == EXPECTED_OPERATIONS
