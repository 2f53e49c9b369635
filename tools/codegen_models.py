"""Write one pydantic model module per schema, plus the lazy package index."""

from __future__ import annotations

from typing import Any

from codegen_spec import (
    HEADER,
    Spec,
    TypeRenderer,
    attribute_name,
    docstring,
    is_nullable,
    ref_name,
    snake_case,
    upper_snake_case,
    wrap_text,
)


def model_module(title: str) -> str:
    """Return the module name (inside ``lexmachina.models``) of a schema."""
    return snake_case(title)


def model_files(spec: Spec) -> dict[str, str]:
    """Return every file of ``lexmachina/models`` but ``_base.py``, by name."""
    usage = _usage(spec)
    files = {
        f"{model_module(title)}.py": _model_source(spec, name, usage)
        for name, title in spec.titles.items()
    }
    files["__init__.py"] = _index_source(sorted(spec.titles.values()))
    return files


_ROLES = ("the body of", "returned by", "taken by", "part of")


def _usage(spec: Spec) -> dict[str, dict[str, list[str]]]:
    """Say, for each schema title, where it appears: its summary if it has none."""
    usage: dict[str, dict[str, list[str]]] = {
        title: {role: [] for role in _ROLES} for title in spec.titles.values()
    }

    def note(refs: set[str], role: str, where: str) -> None:
        for ref in sorted(refs):
            places = usage[spec.titles[ref]][role]
            if where not in places:
                places.append(where)

    for op in spec.operations:
        if op.body_schema:
            note({op.body_schema}, "the body of", op.operation_id)
        note(_refs(op.response_schema), "returned by", op.operation_id)
        note(
            {r for p in op.params for r in _refs(p.schema)}, "taken by", op.operation_id
        )
    for name, schema in spec.schemas.items():
        note(_refs(schema), "part of", spec.titles[name])
    return usage


def _refs(schema: Any) -> set[str]:
    if isinstance(schema, list):
        return {ref for item in schema for ref in _refs(item)}
    if not isinstance(schema, dict):
        return set()
    found = {ref_name(schema["$ref"])} if "$ref" in schema else set()
    return found | {ref for value in schema.values() for ref in _refs(value)}


def summary_line(title: str, usage: dict[str, dict[str, list[str]]]) -> str:
    """Return a one-line description of a schema that has none in the spec."""
    phrases = [_phrase(role, places) for role, places in usage[title].items() if places]
    if not phrases:
        return f"The `{title}` object of the Lex Machina API."
    text = "; ".join(phrases)
    return f"{text[0].upper()}{text[1:]}."


def _phrase(role: str, places: list[str]) -> str:
    shown = ", ".join(f"`{place}`" for place in sorted(places)[:3])
    more = f" and {len(places) - 3} more" if len(places) > 3 else ""
    return f"{role} {shown}{more}"


def class_doc(
    title: str, schema: dict[str, Any], usage: dict[str, dict[str, list[str]]]
) -> str:
    """Return the docstring text of a model class."""
    description = schema.get("description")
    text = description or summary_line(title, usage)
    return "\n".join(wrap_text(text, 78))


def _model_source(spec: Spec, name: str, usage: dict[str, dict[str, list[str]]]) -> str:
    schema = spec.schemas[name]
    title = spec.titles[name]
    doc = class_doc(title, schema, usage)
    if "enum" in schema:
        return _enum_source(title, schema, doc)
    return _object_source(spec, title, schema, doc)


def _enum_source(title: str, schema: dict[str, Any], doc: str) -> str:
    members = [f"    {upper_snake_case(v)} = {_py_literal(v)}" for v in schema["enum"]]
    names = [upper_snake_case(v) for v in schema["enum"]]
    if len(set(names)) != len(names):
        raise SystemExit(f"generate: enum {title} has clashing member names")
    body = "\n".join(members)
    return (
        f"{HEADER}\n\nfrom ._base import OpenEnum\n\n\n"
        f"class {title}(OpenEnum):\n{docstring(doc, 4)}\n\n{body}\n"
    )


class _FieldWriter:
    """Render the field lines of one object schema, noting the imports they need."""

    def __init__(self, spec: Spec, title: str) -> None:
        self.spec = spec
        self.title = title
        self.types = TypeRenderer(spec.titles, spec.schemas)
        self.uses_field = False
        self.uses_lenient = False

    def lines(self, schema: dict[str, Any]) -> list[str]:
        required = set(schema.get("required", []))
        props: dict[str, dict[str, Any]] = schema.get("properties", {})
        names = [attribute_name(wire) for wire in props]
        if len(set(names)) != len(names):
            raise SystemExit(f"generate: {self.title} has clashing attribute names")
        return [
            self._line(n, w, p, w in required)
            for n, (w, p) in zip(names, props.items(), strict=True)
        ]

    def _line(self, name: str, wire: str, prop: dict[str, Any], required: bool) -> str:
        annotation = self.types.render(prop)
        lenient = (required and not is_nullable(prop)) or "default" in prop
        if lenient:
            self.uses_lenient = True
            annotation = f"Lenient[{annotation}]"
        elif not required and not is_nullable(prop):
            annotation = f"{annotation} | None"
        arguments = self._field_arguments(name, wire, prop, required)
        if arguments is None:
            return f"    {name}: {annotation}"
        if arguments and arguments[0].startswith("default=") and len(arguments) == 1:
            return f"    {name}: {annotation} = {arguments[0].removeprefix('default=')}"
        self.uses_field = True
        return f"    {name}: {annotation} = Field({', '.join(arguments)})"

    def _field_arguments(
        self, name: str, wire: str, prop: dict[str, Any], required: bool
    ) -> list[str] | None:
        arguments: list[str] = []
        if "default" in prop:
            arguments.append(self._default(prop))
        elif not required or is_nullable(prop):
            # The API leaves out null values, required ones included.
            arguments.append("default=None")
        if name != wire:
            arguments.append(f"validation_alias={wire!r}")
            arguments.append(f"serialization_alias={wire!r}")
        if prop.get("description"):
            arguments.append(f"description={_py_literal(prop['description'])}")
        return arguments or None

    def _default(self, prop: dict[str, Any]) -> str:
        value = prop["default"]
        if value == []:
            return "default_factory=list"
        if "$ref" in prop and self.spec.is_enum(
            self.spec.titles[ref_name(prop["$ref"])]
        ):
            enum_title = self.spec.titles[ref_name(prop["$ref"])]
            return f"default={enum_title}.{upper_snake_case(value)}"
        return f"default={_py_literal(value)}"


def _object_source(spec: Spec, title: str, schema: dict[str, Any], doc: str) -> str:
    writer = _FieldWriter(spec, title)
    fields = writer.lines(schema) or ["    pass"]
    imports = _model_imports(writer, title)
    body = "\n".join(fields)
    return (
        f"{HEADER}\n\n{imports}\n\n\n"
        f"class {title}(LexMachinaModel):\n{docstring(doc, 4)}\n\n{body}\n"
    )


def _model_imports(writer: _FieldWriter, title: str) -> str:
    lines: list[str] = []
    if writer.types.needs_datetime:
        lines.append("import datetime")
    if writer.types.needs_any:
        lines.append("from typing import Any")
    if writer.uses_field:
        lines.append("from pydantic import Field")
    base = ["LexMachinaModel"] + (["Lenient"] if writer.uses_lenient else [])
    lines.append(f"from ._base import {', '.join(base)}")
    for other in sorted(writer.types.models - {title}):
        lines.append(f"from .{model_module(other)} import {other}")
    return "\n".join(lines)


def _py_literal(value: Any) -> str:
    """Return ``value`` as Python source, with double-quoted strings."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return repr(value)


def _index_source(titles: list[str]) -> str:
    return lazy_index(
        "The models of the Lex Machina API, one per schema, each loaded on first use.",
        {title: model_module(title) for title in titles},
    )


def _table_entry(name: str, module: str) -> str:
    line = f'    "{name}": "{module}",'
    if len(line) <= 88:
        return line
    return f'    "{name}": (\n        "{module}"\n    ),'


def lazy_index(doc: str, modules: dict[str, str]) -> str:
    """Return an ``__init__`` that imports each name's module on first access."""
    names = sorted(modules)
    checks = "\n".join(f"    from .{modules[n]} import {n}" for n in names)
    table = "\n".join(_table_entry(n, modules[n]) for n in names)
    exported = "\n".join(f'    "{n}",' for n in names)
    return f"""{HEADER}
{docstring(doc, 0)}

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{checks}

_MODULE_OF: dict[str, str] = {{
{table}
}}

__all__ = [
{exported}
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    value = getattr(importlib.import_module(f".{{module}}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({{*globals(), *__all__}})
"""
