"""Write the Markdown pages: one per API class, one per model, and an index."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from codegen_api import ALIASES, api_module, body_name, method_doc, response_type
from codegen_examples import ExampleValues
from codegen_models import _usage, class_doc
from codegen_spec import (
    MARKDOWN_HEADER,
    OperationInfo,
    Spec,
    TypeRenderer,
    attribute_name,
    class_name_for_tag,
    is_nullable,
    upper_snake_case,
)

Formatter = Callable[[dict[str, str]], dict[str, str]]

_HOST = "https://api.lexmachina.com"
_STATUS_EXCEPTIONS = {
    "401": "UnauthorizedException",
    "404": "NotFoundException",
    "422": "UnprocessableEntityException",
}

# The token example is the one the vendor's page has always shown; it must
# keep running unchanged, so it is reproduced exactly rather than generated.
SEED_TOKEN_EXAMPLE = (Path(__file__).parent / "oauth2_token_example.txt").read_text(
    encoding="utf-8"
)


def format_examples(snippets: dict[str, str]) -> dict[str, str]:
    """Format example code with ruff, all snippets in one run."""
    with tempfile.TemporaryDirectory() as scratch:
        paths = {
            key: Path(scratch) / f"snippet_{i}.py"
            for i, key in enumerate(sorted(snippets))
        }
        for key, path in paths.items():
            path.write_text(snippets[key], encoding="utf-8")
        command = [sys.executable, "-m", "ruff", "format", "--isolated", "--quiet"]
        subprocess.run([*command, *map(str, paths.values())], check=True)
        return {key: path.read_text(encoding="utf-8") for key, path in paths.items()}


def doc_files(spec: Spec, formatter: Formatter) -> dict[str, str]:
    """Return every generated page, keyed by its path under ``docs/``."""
    values = ExampleValues(spec)
    snippets = {
        f"op:{class_name_for_tag(tag)}:{op.operation_id}": _operation_example(
            spec, class_name_for_tag(tag), op, values
        )
        for tag in spec.tags
        for op in spec.operations_for(tag)
    }
    snippets |= {
        f"model:{t}": _model_example(spec, t, values) for t in spec.titles.values()
    }
    examples = formatter({k: v for k, v in snippets.items() if v})
    examples["op:AuthorizationApi:oauth2_token"] = SEED_TOKEN_EXAMPLE

    pages = {
        f"{class_name_for_tag(tag)}.md": _api_page(spec, tag, examples)
        for tag in spec.tags
    }
    usage = _usage(spec)
    for name, title in spec.titles.items():
        pages[f"models/{title}.md"] = _model_page(spec, name, title, usage, examples)
    pages["endpoints.md"] = _endpoints_page(spec)
    return pages


def _cell(text: str) -> str:
    """Escape the pipes of a type so it stays inside its Markdown table cell."""
    return text.replace("|", "\\|")


def _models_in(expression: str, spec: Spec) -> list[str]:
    titles = set(spec.titles.values())
    return sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expression)) & titles)


def _model_links(names: list[str], prefix: str) -> str:
    return ", ".join(f"[{n}]({prefix}{n}.md)" for n in names)


def _api_page(spec: Spec, tag: str, examples: dict[str, str]) -> str:
    name = class_name_for_tag(tag)
    ops = spec.operations_for(tag)
    rows = [
        f"[**{op.operation_id}**]({name}.md#{op.operation_id}) | "
        f"**{op.method}** {op.path} | {op.summary}"
        for op in ops
    ]
    lines = [
        MARKDOWN_HEADER,
        f"# lexmachina.{name}",
        "",
        f"`from lexmachina.api import {name}` "
        f"(module `lexmachina.api.{api_module(tag)}`).",
        f"Paths are relative to the configured host, `{_HOST}` unless you set another.",
        "",
        "Method | HTTP request | Description",
        "------------- | ------------- | -------------",
        *rows,
    ]
    for op in ops:
        lines += ["", *_operation_section(spec, name, op, examples)]
    aliases = [op.operation_id for op in ops if op.operation_id in ALIASES]
    for misspelled in aliases:
        lines += [
            "",
            f"`{name}.{ALIASES[misspelled]}` is the same method as `{misspelled}`, "
            "spelled correctly; the specification spells the operation id "
            f"`{misspelled}`.",
        ]
    return "\n".join(lines) + "\n"


def _operation_section(
    spec: Spec, class_name: str, op: OperationInfo, examples: dict[str, str]
) -> list[str]:
    types = TypeRenderer(spec.titles, spec.schemas)
    returns = response_type(op, types)
    return [
        f"# **{op.operation_id}**",
        f"> {_signature_line(spec, op, returns)}",
        "",
        *_description(spec, op),
        "",
        "### Example",
        "",
        "```python",
        examples[f"op:{class_name}:{op.operation_id}"].rstrip("\n"),
        "```",
        "",
        "### Parameters",
        "",
        *_parameter_table(spec, op),
        "",
        "### Return type",
        "",
        *_return_lines(spec, returns),
        "",
        "### Authorization",
        "",
        _authorization(op),
        "",
        "### HTTP request headers",
        "",
        f" - **Content-Type**: {_content_type(op)}",
        " - **Accept**: application/json",
        "",
        "### HTTP response details",
        "",
        *_response_table(op),
        "",
        "[[Back to top]](#) [[All endpoints]](endpoints.md)",
    ]


def _content_type(op: OperationInfo) -> str:
    return "application/json" if op.body_schema else "Not defined"


def _signature_line(spec: Spec, op: OperationInfo, returns: str) -> str:
    names = [p.name if p.required else f"{p.name}=..." for p in op.params]
    if op.body_schema:
        names.insert(0, body_name(spec, op))
    return f"{op.operation_id}({', '.join(names)}) -> {returns}"


def _description(spec: Spec, op: OperationInfo) -> list[str]:
    text = method_doc(spec, op)
    summary, _, rest = text.partition("\n\n")
    body = rest.rpartition("Raises:")[0]
    lines = [summary.rstrip("."), ""]
    if body.strip():
        lines += [body.strip().replace("``", "`"), ""]
    lines.append(
        "Errors raise the typed exceptions of `lexmachina.exceptions`; "
        "see *HTTP response details* below."
    )
    return lines


def _parameter_table(spec: Spec, op: OperationInfo) -> list[str]:
    if not op.params and not op.body_schema:
        return ["This operation takes no parameters."]
    rows = [
        "Name | Type | Description | Notes",
        "------------- | ------------- | ------------- | -------------",
    ]
    if op.body_schema:
        title = spec.titles[op.body_schema]
        rows.append(
            f"**{body_name(spec, op)}** | [**{title}**](models/{title}.md) "
            "or dict | the JSON body | "
        )
    types = TypeRenderer(spec.titles, spec.schemas)
    for param in op.params:
        item = types.render(param.item_schema)
        kind = f"list[{item}]" if param.many else item
        notes = [] if param.required else ["[optional]"]
        if param.default is not None:
            notes.append(f"default `{param.default!r}`")
        if param.wire != param.name:
            notes.append(f"sent as `{param.wire}`")
        description = param.description.replace("|", "\\|")
        rows.append(
            f"**{param.name}** | **{_cell(kind)}** | {description} | {' '.join(notes)}"
        )
    return rows


def _return_lines(spec: Spec, returns: str) -> list[str]:
    models = _models_in(returns, spec)
    lines = [f"`{returns}`"]
    if models:
        lines += ["", f"Models: {_model_links(models, 'models/')}"]
    return lines


def _code(name: str) -> str:
    return name if name == "-" else f"`{name}`"


def _authorization(op: OperationInfo) -> str:
    if not op.secured:
        return "None: this operation needs no access token."
    return (
        "Bearer token (`JwtAccessBearer`). The client fetches, caches and "
        "renews it from the `client_id` and `client_secret` in `Configuration`."
    )


def _response_table(op: OperationInfo) -> list[str]:
    rows = [
        "| Status code | Description | Raises |",
        "|-------------|-------------|--------|",
    ]
    for code, description in op.responses:
        raised = _STATUS_EXCEPTIONS.get(
            code, "-" if code.startswith("2") else "ApiException"
        )
        rows.append(f"| **{code}** | {description} | {_code(raised)} |")
    return rows


def _operation_example(
    spec: Spec, class_name: str, op: OperationInfo, values: ExampleValues
) -> str:
    if op.operation_id == "oauth2_token":
        return ""
    arguments, setup, imports = values.call_arguments(op)
    codes = {code for code, _ in op.responses}
    handler = (
        [
            "    except NotFoundException:",
            '        print("Nothing was found for those arguments.")',
        ]
        if "404" in codes
        else []
    )
    exceptions = "ApiException, NotFoundException" if "404" in codes else "ApiException"
    config = _configuration_source(op)
    return "\n".join(
        [
            *(["import os"] if op.secured else []),
            "from pprint import pprint",
            "",
            "import lexmachina",
            f"from lexmachina.api import {class_name}",
            f"from lexmachina.exceptions import {exceptions}",
            *imports,
            "",
            config,
            "",
            "with lexmachina.ApiClient(configuration) as api_client:",
            f"    api = {class_name}(api_client)",
            *[f"    {line}" for line in setup],
            "    try:",
            f"        result = api.{op.operation_id}({arguments})",
            *handler,
            "    except ApiException as err:",
            '        print(f"The call failed: {err}")',
            "    else:",
            "        pprint(result)",
            "",
        ]
    )


def _configuration_source(op: OperationInfo) -> str:
    if not op.secured:
        return f'configuration = lexmachina.Configuration(host="{_HOST}")'
    return (
        "configuration = lexmachina.Configuration(\n"
        f'    host="{_HOST}",\n'
        '    client_id=os.environ["LEXMACHINA_CLIENT_ID"],\n'
        '    client_secret=os.environ["LEXMACHINA_CLIENT_SECRET"],\n'
        ")"
    )


def _model_example(spec: Spec, title: str, values: ExampleValues) -> str:
    schema = spec.schema_by_title(title)
    variable = re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", title).lower()
    if "enum" in schema:
        first = schema["enum"][0]
        return "\n".join(
            [
                f"from lexmachina.models import {title}",
                "",
                f"{variable} = {title}({first!r})",
                f"assert {variable} is {title}.{upper_snake_case(first)}",
                f"print({variable}.value)",
                "",
            ]
        )
    sample = values.model_sample(title)
    readable = _first_scalar_attribute(schema, sample)
    return "\n".join(
        [
            f"from lexmachina.models import {title}",
            "",
            f"{variable} = {title}.model_validate({sample!r})",
            *([f"print({variable}.{readable})"] if readable else []),
            f"print({variable}.to_json())",
            "",
        ]
    )


def _first_scalar_attribute(
    schema: dict[str, Any], sample: dict[str, Any]
) -> str | None:
    for wire, value in sample.items():
        if wire in schema.get("properties", {}) and not isinstance(value, (dict, list)):
            return attribute_name(wire)
    return None


def _model_page(
    spec: Spec,
    name: str,
    title: str,
    usage: dict[str, dict[str, list[str]]],
    examples: dict[str, str],
) -> str:
    schema = spec.schemas[name]
    lines = [MARKDOWN_HEADER, f"# {title}", "", class_doc(title, schema, usage), ""]
    lines += _enum_table(schema) if "enum" in schema else _property_table(spec, schema)
    lines += [
        "",
        "## Example",
        "",
        "```python",
        examples[f"model:{title}"].rstrip("\n"),
        "```",
        "",
        "[[All endpoints]](../endpoints.md)",
    ]
    return "\n".join(lines) + "\n"


def _enum_table(schema: dict[str, Any]) -> list[str]:
    rows = [
        "An open enum: a value the specification does not list still parses, as a",
        "member of its own whose `value` is what the server sent.",
        "",
        "## Values",
        "",
        "Member | Value",
        "------ | -----",
    ]
    return rows + [f"`{upper_snake_case(v)}` | `{v}`" for v in schema["enum"]]


def _property_table(spec: Spec, schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    rows = [
        "## Properties",
        "",
        "Python name | Wire name | Type | Required | Description",
        "----------- | --------- | ---- | -------- | -----------",
    ]
    types = TypeRenderer(spec.titles, spec.schemas)
    for wire, prop in schema.get("properties", {}).items():
        kind = types.render(prop)
        if wire not in required and not is_nullable(prop):
            kind += " | None"
        links = _models_in(kind, spec)
        shown = f"`{_cell(kind)}`" + (f" ({_model_links(links, '')})" if links else "")
        flag = "yes" if wire in required else "no"
        description = prop.get("description", "").replace("|", "\\|")
        if "default" in prop:
            description = f"{description} Default `{prop['default']!r}`.".strip()
        rows.append(
            f"`{attribute_name(wire)}` | `{wire}` | {shown} | {flag} | {description}"
        )
    return rows


def _endpoints_page(spec: Spec) -> str:
    lines = [
        MARKDOWN_HEADER,
        "# Endpoints",
        "",
        f"Every operation of the Lex Machina API, {len(spec.operations)} in all, "
        "and the methods that call it.",
        "",
        "Method | Path | Python | Summary",
        "------ | ---- | ------ | -------",
    ]
    for op in sorted(spec.operations, key=lambda o: (o.path, o.method)):
        calls = ", ".join(
            f"[`{class_name_for_tag(t)}.{op.operation_id}`]({class_name_for_tag(t)}.md#{op.operation_id})"
            for t in op.tags
        )
        lines.append(f"{op.method} | `{op.path}` | {calls} | {op.summary}")
    return "\n".join(lines) + "\n"
