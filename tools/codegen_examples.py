"""Pick plausible example values for the docs from the spec's own examples."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from codegen_api import body_name
from codegen_spec import OperationInfo, ParamInfo, Spec, ref_name, strip_null

# Where a parameter's value shows up in its operation's example answer, for
# the parameters whose wire name is not simply a key of that answer.
_ANSWER_KEYS = {
    "case_numbers": "inputCaseNumber",
    "court": "inputCourt",
    "date": "run",
    "patent_number": "number",
    "patent_numbers": "number",
}
_JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}
_FALLBACKS = {"integer": 1, "string": "text", "boolean": True, "number": 1.0}


class ExampleValues:
    """Example instances of every model, harvested from the spec's examples."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.instances: dict[str, dict[str, Any]] = {}
        for op in spec.operations:
            for value in _answer_examples(op):
                self._harvest(value, op.response_schema)
            for value in _body_examples(spec, op):
                self._harvest(value, {"$ref": f"#/components/schemas/{op.body_schema}"})
        for name, schema in spec.schemas.items():
            if "example" in schema:
                self._harvest(
                    schema["example"], {"$ref": f"#/components/schemas/{name}"}
                )

    def _harvest(self, value: Any, schema: dict[str, Any]) -> None:
        schema = self._choose(value, schema)
        if "$ref" in schema:
            name = ref_name(schema["$ref"])
            target = self.spec.schemas[name]
            if isinstance(value, dict) and "properties" in target:
                self.instances.setdefault(name, value)
                for key, item in value.items():
                    if key in target["properties"]:
                        self._harvest(item, target["properties"][key])
            return
        if isinstance(value, list) and "items" in schema:
            for item in value[:3]:
                self._harvest(item, schema["items"])

    def _choose(self, value: Any, schema: dict[str, Any]) -> dict[str, Any]:
        """Return the ``anyOf`` branch that best fits ``value``."""
        options: list[dict[str, Any]] = schema.get("anyOf", [])
        if not options:
            return schema
        for option in options:
            if self._fits(value, option):
                return option
        return options[0]

    def _fits(self, value: Any, schema: dict[str, Any]) -> bool:
        """Tell whether ``value`` matches ``schema`` all the way down."""
        if not schema:
            return True
        if "anyOf" in schema:
            return any(self._fits(value, option) for option in schema["anyOf"])
        if "$ref" in schema:
            return self._fits_object(value, self.spec.schemas[ref_name(schema["$ref"])])
        if schema.get("type") == "array":
            items = schema.get("items", {})
            return isinstance(value, list) and all(self._fits(v, items) for v in value)
        expected = _JSON_TYPES.get(schema.get("type", ""))
        return expected is not None and isinstance(value, expected)

    def _fits_object(self, value: Any, target: dict[str, Any]) -> bool:
        if "enum" in target:
            return isinstance(value, str)
        props = target.get("properties", {})
        if not isinstance(value, dict) or not set(target.get("required", [])) <= set(
            value
        ):
            return False
        return all(k in props and self._fits(v, props[k]) for k, v in value.items())

    def model_sample(self, title: str) -> dict[str, Any]:
        """Return a small, valid wire-form instance of the model ``title``."""
        name = {t: n for n, t in self.spec.titles.items()}[title]
        schema = self.spec.schemas[name]
        found = self.instances.get(name)
        if found is not None:
            return _trim(found, schema, self.spec)
        return _synthesize_object(schema, self.spec)

    def call_arguments(self, op: OperationInfo) -> tuple[str, list[str], list[str]]:
        """Return the call's argument text, setup lines and extra imports."""
        answer = next(iter(_answer_examples(op)), None)
        parts = [
            f"{p.name}={self._param_value(op, p, answer)!r}"
            for p in op.params
            if p.required
        ]
        if not op.body_schema:
            return ", ".join(parts), [], []
        title = self.spec.titles[op.body_schema]
        name = body_name(self.spec, op)
        sample = self.model_sample(title)
        setup = [f"{name} = {title}.model_validate({sample!r})"]
        imports = [f"from lexmachina.models import {title}"]
        return ", ".join([f"{name}={name}", *parts]), setup, imports

    def _param_value(self, op: OperationInfo, param: ParamInfo, answer: Any) -> Any:
        item = param.item_schema
        if "$ref" in item:
            target = self.spec.schemas[ref_name(item["$ref"])]
            value: Any = target["enum"][0]
            return [value] if param.many else value
        if param.wire == "q":
            return _query_term(answer) or "smith"
        key = _ANSWER_KEYS.get(param.name) or _ANSWER_KEYS.get(param.wire)
        key = key or _camel(param.wire.removesuffix("s") if param.many else param.wire)
        found = _find_values(answer, key)
        if found:
            return found[:2] if param.many else found[0]
        fallback = _FALLBACKS.get(strip_null(item).get("type", "string"), "text")
        return [fallback] if param.many else fallback


def _camel(wire: str) -> str:
    head, *rest = wire.split("_")
    return head + "".join(word.title() for word in rest)


def _find_values(value: Any, key: str) -> list[Any]:
    """Return, in document order, the scalar values stored under ``key``."""
    if isinstance(value, list):
        return [found for item in value for found in _find_values(item, key)]
    if not isinstance(value, dict):
        return []
    here = [value[key]] if key in value and isinstance(value[key], (str, int)) else []
    return here + [
        found for item in value.values() for found in _find_values(item, key)
    ]


def _query_term(answer: Any) -> str | None:
    links = _find_values(answer, "nextPage")
    if not links:
        return None
    terms = parse_qs(urlsplit(str(links[0])).query).get("q")
    return terms[0] if terms else None


def _answer_examples(op: OperationInfo) -> list[Any]:
    content = op.raw["responses"]["200"].get("content", {}).get("application/json", {})
    return [example["value"] for example in content.get("examples", {}).values()]


def _body_examples(spec: Spec, op: OperationInfo) -> list[Any]:
    body = op.raw.get("requestBody", {}).get("content", {}).get("application/json", {})
    found = []
    for example in body.get("examples", {}).values():
        value = example["value"]
        found.append(json.loads(value) if isinstance(value, str) else value)
    return found


def _trim(value: dict[str, Any], schema: dict[str, Any], spec: Spec) -> dict[str, Any]:
    """Keep the required properties and a few short ones, so examples stay short."""
    required = set(schema.get("required", []))
    properties = schema.get("properties", {})
    kept: dict[str, Any] = {}
    optional_kept = 0
    for key, item in value.items():
        if key not in properties:
            continue
        scalar = not isinstance(item, (dict, list))
        if key not in required and (not scalar or optional_kept >= 3):
            continue
        optional_kept += key not in required
        kept[key] = _trim_value(item, properties[key], spec)
    return kept


def _trim_value(value: Any, schema: dict[str, Any], spec: Spec) -> Any:
    schema = strip_null(schema) if value is not None else schema
    if isinstance(value, list):
        items = schema.get("items", {})
        return [_trim_value(v, items, spec) for v in value[:1]]
    if isinstance(value, dict) and "anyOf" in schema:
        # Which branch the value belongs to may hang on any nested key.
        return value
    if isinstance(value, dict) and "$ref" in schema:
        target = spec.schemas[ref_name(schema["$ref"])]
        if "properties" in target:
            return _trim(value, target, spec)
    if isinstance(value, dict):
        return dict(list(value.items())[:1])
    if isinstance(value, str) and len(value) > 60 and schema.get("format") != "date":
        return re.sub(r"\s+\S*$", "", value[:60]) + " ..."
    return value


def _synthesize_object(schema: dict[str, Any], spec: Spec) -> dict[str, Any]:
    properties = schema.get("properties", {})
    return {
        key: _synthesize(properties[key], spec) for key in schema.get("required", [])
    }


def _synthesize(schema: dict[str, Any], spec: Spec) -> Any:
    schema = strip_null(schema)
    if "anyOf" in schema:
        return _synthesize(schema["anyOf"][0], spec)
    if "$ref" in schema:
        target = spec.schemas[ref_name(schema["$ref"])]
        return (
            target["enum"][0] if "enum" in target else _synthesize_object(target, spec)
        )
    kind = schema.get("type")
    if kind == "array":
        return []
    if kind == "object":
        return {}
    if schema.get("format") == "date":
        return "2024-01-31"
    return _FALLBACKS.get(kind or "string", "text")
