"""Write one API class module per tag, plus the lazy package index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from codegen_models import lazy_index, model_module
from codegen_spec import (
    HEADER,
    OperationInfo,
    ParamInfo,
    Spec,
    TypeRenderer,
    class_name_for_tag,
    compose_doc,
    docstring,
    snake_case,
    strip_null,
    wrap_text,
)

# Operation ids the spec misspells: the spelling stays, and the right one is
# added as an alias on the same class.
ALIASES = {"seach_law_firms": "search_law_firms"}

_EXCEPTIONS = {
    "401": (
        "UnauthorizedException",
        "the credentials or the access token were refused",
    ),
    "404": ("NotFoundException", "nothing was found, usually an unknown id"),
    "422": (
        "UnprocessableEntityException",
        "the server rejected an argument; its ``data.detail`` says which",
    ),
}
_WITH_HTTP_INFO = "but return the status and headers with the data."
_WITHOUT_PRELOAD = "but return the unread response; release it when done."
_RAW = "urllib3.BaseHTTPResponse"
_OPTIONS = (
    "*,\n"
    "        _request_timeout: float | tuple[float, float] | None = None,\n"
    "        _headers: Mapping[str, str] | None = None,"
)


def api_module(tag: str) -> str:
    """Return the module name (inside ``lexmachina.api``) of a tag's class."""
    return snake_case(class_name_for_tag(tag))


def response_type(op: OperationInfo, types: TypeRenderer) -> str:
    """Return the Python type expression of an operation's 200 body."""
    if op.operation_id == "oauth2_token":
        # The spec leaves the token answer open; it is an RFC 6749 token
        # object, read into a dict whose repr masks the token.
        types.needs_token_response = True
        return "TokenResponse"
    if op.response_schema:
        return types.render(op.response_schema)
    # An empty schema promises nothing (list_appealability_rulings answers a list).
    types.needs_any = True
    return "Any"


def body_name(spec: Spec, op: OperationInfo) -> str:
    """Return the Python argument name of an operation's JSON body."""
    assert op.body_schema is not None
    return snake_case(spec.titles[op.body_schema])


def api_files(spec: Spec) -> dict[str, str]:
    """Return every file of ``lexmachina/api``, by name."""
    files = {f"{api_module(tag)}.py": _module_source(spec, tag) for tag in spec.tags}
    classes = {class_name_for_tag(tag): api_module(tag) for tag in spec.tags}
    doc = "The API classes, one per tag of the specification, each loaded on first use."
    files["__init__.py"] = lazy_index(doc, classes)
    return files


@dataclass
class _ParamCode:
    """The Python pieces of one parameter: signature part and ``Param`` value."""

    signature: str
    declaration: str


@dataclass
class _ModuleWriter:
    """Collect the code and the imports of one API module."""

    spec: Spec
    tag: str
    types: TypeRenderer = field(init=False)
    uses_param: bool = False

    def __post_init__(self) -> None:
        self.types = TypeRenderer(self.spec.titles, self.spec.schemas)

    def param_code(self, param: ParamInfo) -> _ParamCode:
        item = self.types.render(param.item_schema)
        kind = item
        if param.item_schema.get("format") == "date" or self._is_enum(param):
            item = f"{item} | str"
        annotation = f"list[{item}]" if param.many else item
        return _ParamCode(
            signature=self._signature_part(param, annotation),
            declaration=self._declaration(param, kind),
        )

    def _is_enum(self, param: ParamInfo) -> bool:
        schema = param.item_schema
        return (
            "$ref" in schema
            and "enum" in self.spec.schemas[schema["$ref"].rsplit("/", 1)[-1]]
        )

    def _signature_part(self, param: ParamInfo, annotation: str) -> str:
        if param.required:
            return f"{param.name}: {annotation}"
        if param.default is not None:
            return f"{param.name}: {annotation} = {param.default!r}"
        return f"{param.name}: {annotation} | None = None"

    def _declaration(self, param: ParamInfo, kind: str) -> str:
        parts = [
            f"name={param.name!r}",
            f"wire={param.wire!r}",
            f"where={param.where!r}",
            f"type={kind}",
        ]
        if param.required:
            parts.append("required=True")
        if param.many:
            parts.append("many=True")
        if param.max_items is not None:
            parts.append(f"max_items={param.max_items}")
        if param.default is not None:
            parts.append(f"default={param.default!r}")
        return f"Param({', '.join(parts)})"


def _module_source(spec: Spec, tag: str) -> str:
    writer = _ModuleWriter(spec, tag)
    ops = spec.operations_for(tag)
    home = [op for op in ops if op.home_tag == tag]
    constants = [_constant_source(spec, writer, op) for op in home]
    mixins = [_mixin_source(spec, writer, op) for op in home]
    class_source = _class_source(tag, ops)
    exports = _exports(tag, ops)
    imports = _module_imports(writer, ops, bool(home))
    doc = docstring(f"The {tag} operations of the Lex Machina API.", 0)
    parts = [f"{HEADER}\n{doc}", imports, exports, *constants, *mixins, class_source]
    return "\n\n".join(parts) + "\n"


def mixin_name(op: OperationInfo) -> str:
    """Return the name of the class that holds an operation's three methods."""
    words = op.operation_id.split("_")
    return "".join(word.capitalize() for word in words) + "Methods"


def _exports(tag: str, ops: list[OperationInfo]) -> str:
    # Constants first, then the class: the order ruff's RUF022 asks for.
    names = [*sorted(op.constant for op in ops), class_name_for_tag(tag)]
    return "__all__ = [" + ", ".join(repr(name) for name in names) + "]"


def _module_imports(
    writer: _ModuleWriter, ops: list[OperationInfo], has_home: bool
) -> str:
    lines = ["from __future__ import annotations", ""]
    if has_home:
        lines += _method_imports(writer)
    for module, names in sorted(_imported_operations(writer.tag, ops).items()):
        lines.append(f"from .{module} import {', '.join(names)}")
    if has_home:
        lines += [
            "",
            "if TYPE_CHECKING:",
            "    import urllib3",
            "",
            "    from ..api_response import ApiResponse",
        ]
    return "\n".join(lines)


def _method_imports(writer: _ModuleWriter) -> list[str]:
    lines = []
    if writer.types.needs_datetime:
        lines.append("import datetime")
    lines.append("from collections.abc import Mapping")
    typing_names = "TYPE_CHECKING, Any" if writer.types.needs_any else "TYPE_CHECKING"
    lines += [f"from typing import {typing_names}", ""]
    lines.append("from .._api_base import ApiBase")
    used = "Operation, Param" if writer.uses_param else "Operation"
    lines.append(f"from .._operation import {used}")
    if writer.types.needs_token_response:
        lines.append("from .._auth import TokenResponse")
    for title in sorted(writer.types.models):
        lines.append(f"from ..models.{model_module(title)} import {title}")
    return lines


def _imported_operations(tag: str, ops: list[OperationInfo]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for op in ops:
        if op.home_tag != tag:
            names = found.setdefault(api_module(op.home_tag), [])
            names += [op.constant, mixin_name(op)]
    return {module: sorted(names) for module, names in found.items()}


def _constant_source(spec: Spec, writer: _ModuleWriter, op: OperationInfo) -> str:
    params = [writer.param_code(p).declaration for p in op.params]
    writer.uses_param = writer.uses_param or bool(params)
    parts = [
        f"operation_id={op.operation_id!r}",
        f"method={op.method!r}",
        f"path={op.path!r}",
    ]
    if params:
        parts.append(f"params=({', '.join(params)},)")
    if op.body_schema:
        title = spec.titles[op.body_schema]
        writer.types.models.add(title)
        parts.append(f"body={title}")
        parts.append(f"body_name={body_name(spec, op)!r}")
    parts.append(f"response={response_type(op, writer.types)}")
    parts.append(f"secured={op.secured}")
    return f"{op.constant} = Operation({', '.join(parts)})"


def _class_source(tag: str, ops: list[OperationInfo]) -> str:
    bases = ", ".join(mixin_name(op) for op in ops)
    doc = docstring(f'The operations tagged "{tag}".', 4)
    return f"class {class_name_for_tag(tag)}({bases}):\n{doc}"


def _mixin_source(spec: Spec, writer: _ModuleWriter, op: OperationInfo) -> str:
    doc = docstring(f"The methods of ``{op.method} {op.path}``.", 4)
    head = f"class {mixin_name(op)}(ApiBase):\n{doc}"
    parts = [head, _methods_source(spec, writer, op)]
    if op.operation_id in ALIASES:
        parts.append(f"    {ALIASES[op.operation_id]} = {op.operation_id}")
    return "\n\n".join(parts)


def _methods_source(spec: Spec, writer: _ModuleWriter, op: OperationInfo) -> str:
    signature, call_args, arg_names = _signature(spec, writer, op)
    returns = response_type(op, writer.types)
    constant = op.constant
    name = op.operation_id
    forward = ", ".join(
        [*arg_names, "_request_timeout=_request_timeout", "_headers=_headers"]
    )
    call = f"{constant}, {{{call_args}}}, _request_timeout, _headers"
    return "\n\n".join(
        [
            f"    def {name}({signature}) -> {returns}:\n"
            f"{docstring(method_doc(spec, op), 8)}\n"
            f"        return self.{name}_with_http_info({forward}).data",
            f"    def {name}_with_http_info({signature}) -> ApiResponse[{returns}]:\n"
            f"{_variant_doc(name, _WITH_HTTP_INFO)}\n"
            f"        return self.api_client.call_api({call})",
            f"    def {name}_without_preload_content({signature}) -> {_RAW}:\n"
            f"{_variant_doc(name, _WITHOUT_PRELOAD)}\n"
            f"        return self.api_client.call_api_raw({call})",
        ]
    )


def _variant_doc(name: str, what: str) -> str:
    return docstring("\n".join(wrap_text(f"Like `{name}`, {what}", 74)), 8)


def _signature(
    spec: Spec, writer: _ModuleWriter, op: OperationInfo
) -> tuple[str, str, list[str]]:
    codes = [writer.param_code(p) for p in op.params]
    parts = ["self", *(c.signature for c in codes)]
    names = [p.name for p in op.params]
    if op.body_schema:
        title = spec.titles[op.body_schema]
        writer.types.models.add(title)
        writer.types.needs_any = True
        parts.insert(1, f"{body_name(spec, op)}: {title} | dict[str, Any]")
        names.insert(0, body_name(spec, op))
    parts.append(_OPTIONS)
    call_args = ", ".join(f"{n!r}: {n}" for n in names)
    return ", ".join(parts), call_args, names


def method_doc(spec: Spec, op: OperationInfo) -> str:
    """Return the docstring of an operation's main method."""
    blocks = [[f"{op.summary}."]]
    if op.description:
        blocks.append(wrap_text(op.description, 74))
    blocks.extend(_notes(spec, op))
    blocks.append(_raises(op))
    return compose_doc(blocks)


def _notes(spec: Spec, op: OperationInfo) -> list[list[str]]:
    notes: list[str] = []
    for param in op.params:
        schema = strip_null(param.schema)
        if "maxItems" in schema:
            low, high = schema.get("minItems", 0), schema["maxItems"]
            notes.append(f"``{param.name}`` takes {low} to {high} values per call.")
    wires = {p.wire for p in op.params}
    if {"pageNumber", "pageSize"} <= wires:
        notes.append(
            "Results come one page at a time: ``page_number`` counts from 1 and "
            "``page_size`` sets how many per page. The answer's ``total_count`` "
            "says how many there are in all; ask for the next page by number, "
            "as the ``next_page`` links the API sends back are malformed."
        )
    if op.body_schema and {"page", "pageSize"} <= set(
        spec.schemas[op.body_schema].get("properties", {})
    ):
        notes.append(
            "Results come one page at a time: set ``page`` (from 1) and "
            "``page_size`` (5 unless set) on the query. The answer holds only "
            "``cases``, so ask for the next page until one comes back short."
        )
    return [wrap_text(note, 74, plain=False) for note in notes]


def _raises(op: OperationInfo) -> list[str]:
    codes = [code for code, _ in op.responses if code in _EXCEPTIONS]
    lines = ["Raises:"]
    for code in codes:
        name, why = _EXCEPTIONS[code]
        lines.extend(wrap_text(f"    {name}: {why} ({code}).", 74, plain=False))
    lines.append("    ApiException: any other failure; see ``lexmachina.exceptions``.")
    return lines


def describe_type(expression: str) -> str:
    """Return a type expression as the docs show it (it already reads well)."""
    return expression


def first_example(op: OperationInfo) -> Any:
    """Return the value of the operation's first documented 200 example, if any."""
    content = op.raw["responses"]["200"].get("content", {}).get("application/json", {})
    examples = content.get("examples", {})
    return next(iter(examples.values()))["value"] if examples else None
