"""The ``lexmachina`` command: tokens, the list of operations, and calls.

Credentials come from ``LEXMACHINA_CLIENT_ID`` and ``LEXMACHINA_CLIENT_SECRET``.
Results go to stdout as JSON (or JSON Lines with ``--all``); everything else
goes to stderr. Exit status: 0 done, 1 the API or the network failed, 2 the
command line or the settings were wrong and nothing was sent.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import importlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import _secrets
from ._operation import Operation, Param
from .exceptions import ApiException, ApiTypeError, ApiValueError, ConfigurationError

if TYPE_CHECKING:
    from .api_client import ApiClient

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# The operation id as the specification spells it is the canonical one.
_ALIASES = {"search_law_firms": "seach_law_firms"}
_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")

CALL_EXAMPLES = """\
examples:
  lexmachina call get_health
  lexmachina call get_district_case --param district_case_id=2000
  lexmachina call get_parties --param partyIds=10,11 --param partyIds=12
  lexmachina call query_district_cases --body '{"caseStatus": "Open"}' --all
  lexmachina call search_parties --param q=acme --all --limit 50
"""


class UsageError(Exception):
    """The command line cannot be carried out; nothing was sent."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        _say(f"{message} (see '{self.prog} --help')")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``lexmachina`` command."""
    parser = _Parser(prog="lexmachina", description="Call the Lex Machina API.")
    _add_global_options(parser, suppress=False)
    shared = _Parser(add_help=False)
    _add_global_options(shared, suppress=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "demo", parents=[shared], help="run the getting-started flow on a local fake"
    )
    commands.add_parser(
        "token", parents=[shared], help="print an access token, for other tools"
    )
    listing = commands.add_parser(
        "operations", parents=[shared], help="list every operation of the API"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    _add_call_parser(commands, shared)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    # Given after the command too; there the defaults must not overwrite
    # what was given before it.
    default: Any = argparse.SUPPRESS if suppress else None
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--host", default=default, help="API base URL (default: production)"
    )
    flag: Any = argparse.SUPPRESS if suppress else False
    where.add_argument(
        "--sandbox",
        action="store_true",
        default=flag,
        help="use the vendor's sandbox API",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=flag,
        help="log the SDK's DEBUG records on stderr",
    )


def _add_call_parser(commands: Any, shared: argparse.ArgumentParser) -> None:
    call = commands.add_parser(
        "call",
        parents=[shared],
        help="call one operation and print its answer as JSON",
        epilog=CALL_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    call.add_argument("operation", help="operation id, see 'lexmachina operations'")
    call.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter, by Python or wire name; repeat it or use commas for lists",
    )
    call.add_argument(
        "--body", metavar="JSON|@FILE", help="the JSON body; @- reads stdin"
    )
    call.add_argument(
        "--all",
        action="store_true",
        help="walk every page (or batch of ids) and print JSON Lines",
    )
    call.add_argument(
        "--page-size", type=int, help="with --all: items a page (default: 100)"
    )
    call.add_argument(
        "--limit", type=int, help="with --all: stop after this many items"
    )


def run(argv: Sequence[str]) -> int:
    """Parse ``argv``, run the command, and return the exit code."""
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    if args.debug:
        _log_debug_to_stderr()
    try:
        return _dispatch(args)
    except UsageError as err:
        return _fail(str(err), EXIT_USAGE)
    except (ApiValueError, ApiTypeError, ConfigurationError) as err:
        return _fail(str(err), EXIT_USAGE)
    except ApiException as err:
        return _fail(f"{type(err).__name__}: {err}", EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep the
        # interpreter's final flush from failing on the closed pipe.
        _silence_stdout()
        return EXIT_FAILED
    except Exception as err:
        # A bug of ours: still one line, never a traceback.
        return _fail(f"unexpected {type(err).__name__}: {err}", EXIT_FAILED)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from ._demo import run_demo

        return run_demo(sys.stdout)
    if args.command == "operations":
        return _list_operations(args.json)
    if args.command == "token":
        return _print_token(args)
    return _call(args)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (captured in a test); nothing to guard


def _say(message: str) -> None:
    print(f"lexmachina: {_secrets.redact(message)}", file=sys.stderr)


def _fail(message: str, code: int) -> int:
    _say(message)
    return code


def _log_debug_to_stderr() -> None:
    # Only the SDK's own records: urllib3's DEBUG lines carry full URLs.
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("lexmachina").setLevel(logging.DEBUG)


def _client(args: argparse.Namespace) -> ApiClient:
    from .api_client import ApiClient
    from .configuration import Configuration

    if args.host and args.sandbox:
        raise UsageError("give --host or --sandbox, not both")
    host = args.host or ("sandbox" if args.sandbox else None)
    config = Configuration(host=host, debug=args.debug or None)
    if not config.has_credentials:
        raise UsageError(
            "no credentials: set LEXMACHINA_CLIENT_ID and LEXMACHINA_CLIENT_SECRET"
        )
    return ApiClient(config)


def _print_token(args: argparse.Namespace) -> int:
    with _client(args) as client:
        answer = client.fetch_token()
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        return _fail("the token answer holds no access_token", EXIT_FAILED)
    _secrets.register_token(token)
    print(token)
    return EXIT_OK


def all_operations() -> dict[str, Operation]:
    """Every operation of the API by operation id, in alphabetical order."""
    from . import api

    found: dict[str, Operation] = {}
    for class_name in api.__all__:
        module = importlib.import_module(getattr(api, class_name).__module__)
        for value in vars(module).values():
            if isinstance(value, Operation):
                found[value.operation_id] = value
    return dict(sorted(found.items()))


def _classes_of(operation_id: str) -> list[str]:
    from . import api

    return [name for name in api.__all__ if hasattr(getattr(api, name), operation_id)]


def _list_operations(as_json: bool) -> int:
    from . import paging

    rows: list[dict[str, Any]] = [
        {
            "operationId": op.operation_id,
            "method": op.method,
            "path": op.path,
            "classes": _classes_of(op.operation_id),
            "pages": op.operation_id in paging.PAGED_OPERATIONS,
            "batches": op.operation_id in paging.BATCHED_OPERATIONS,
            "params": [p.name for p in op.params],
            "body": op.body.__name__ if op.body is not None else None,
        }
        for op in all_operations().values()
    ]
    if as_json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    width = max(len(row["operationId"]) for row in rows)
    path_width = max(len(row["path"]) for row in rows)
    for row in rows:
        classes = ", ".join(row["classes"])
        line = f"{row['operationId']:<{width}}  {row['method']:<4}  "
        print(f"{line}{row['path']:<{path_width}}  {classes}")
    return EXIT_OK


def _find_operation(name: str) -> Operation:
    operations = all_operations()
    found = operations.get(_ALIASES.get(name, name))
    if found is not None:
        return found
    close = difflib.get_close_matches(name, operations, n=1)
    hint = f"; did you mean {close[0]}?" if close else "; see 'lexmachina operations'"
    raise UsageError(f"no operation {name!r}{hint}")


def _call(args: argparse.Namespace) -> int:
    op = _find_operation(args.operation)
    if op.operation_id == "oauth2_token":
        raise UsageError("use 'lexmachina token' to get a token")
    values = parse_params(op, args.param)
    if op.body is not None:
        values[op.body_name] = read_body(args.body)
    elif args.body is not None:
        raise UsageError(f"{op.operation_id} takes no body")
    if not args.all and (args.page_size is not None or args.limit is not None):
        raise UsageError("--page-size and --limit go with --all")
    with _client(args) as client:
        if args.all:
            return _call_all(client, op, values, args)
        response = client.call_api(op, values)
        _write_json(response.json(), sys.stdout)
    return EXIT_OK


def parse_params(op: Operation, pairs: Sequence[str]) -> dict[str, Any]:
    """Turn ``NAME=VALUE`` strings into ``op``'s arguments, of declared types."""
    by_name = {p.name: p for p in op.params} | {p.wire: p for p in op.params}
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep:
            raise UsageError(f"--param takes NAME=VALUE, not {pair!r}")
        param = by_name.get(name.strip())
        if param is None:
            raise UsageError(_unknown_param(op, name))
        if param.many:
            items = [t.strip() for t in text.split(",") if t.strip()]
            values.setdefault(param.name, []).extend(convert(param, t) for t in items)
        elif param.name in values:
            raise UsageError(f"{param.name} was given twice")
        else:
            values[param.name] = convert(param, text)
    return values


def _unknown_param(op: Operation, name: str) -> str:
    if not op.params:
        return f"{op.operation_id} takes no parameters"
    known = ", ".join(p.name for p in op.params)
    return f"{op.operation_id} has no parameter {name!r}; it takes {known}"


def convert(param: Param, text: str) -> Any:
    """``text`` as a value of ``param``'s declared type."""
    kind = param.type
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _convert_enum(param, kind, text)
    try:
        if kind is int:
            return int(text)
        if kind is datetime.date:
            return datetime.date.fromisoformat(text)
    except ValueError:
        wanted = "a whole number" if kind is int else "a date as YYYY-MM-DD"
        raise UsageError(f"{param.name} takes {wanted}, not {text!r}") from None
    if kind is bool:
        return _convert_bool(param, text)
    return text


def _convert_enum(param: Param, kind: type[Enum], text: str) -> Enum:
    for member in kind:
        if text.lower() in (str(member.value).lower(), member.name.lower()):
            return member
    allowed = ", ".join(str(member.value) for member in kind)
    raise UsageError(f"{param.name} takes one of {allowed}, not {text!r}")


def _convert_bool(param: Param, text: str) -> bool:
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise UsageError(f"{param.name} takes true or false, not {text!r}")


def read_body(given: str | None) -> dict[str, Any]:
    """The JSON object of ``--body``: inline, ``@file``, ``@-`` for stdin, or ``{}``."""
    if given is None:
        return {}
    text = given
    if given.startswith("@"):
        text = _read_text(given[1:])
    try:
        body = json.loads(text)
    except ValueError as err:
        raise UsageError(f"--body is not valid JSON: {err}") from None
    if not isinstance(body, dict):
        raise UsageError("--body must be a JSON object")
    return body


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError as err:
        raise UsageError(
            f"cannot read the body from {path!r}: {err.strerror}"
        ) from None


def _call_all(
    client: ApiClient,
    op: Operation,
    values: dict[str, Any],
    args: argparse.Namespace,
) -> int:
    from . import paging

    if op.operation_id in paging.BATCHED_OPERATIONS:
        if args.page_size is not None or args.limit is not None:
            raise UsageError("batch lookups take --all alone: 500 ids a request")
        batches = _batches(client, op, values)
        return _write_lines(batches, "batch", sys.stdout, sys.stderr)
    if op.operation_id not in paging.PAGED_OPERATIONS:
        names = ", ".join([*paging.PAGED_OPERATIONS, *paging.BATCHED_OPERATIONS])
        raise UsageError(f"--all works with {names}; not {op.operation_id}")
    if {"page_number", "page_size"} & values.keys():
        raise UsageError("with --all, pages are walked from 1; size them --page-size")
    page_size = paging.DEFAULT_PAGE_SIZE if args.page_size is None else args.page_size
    pages = paging.iter_pages(
        client, op, values, page_size=page_size, limit=args.limit, plain=True
    )
    items = (page.items for page in pages)
    return _write_lines(items, "page", sys.stdout, sys.stderr)


def _batches(
    client: ApiClient, op: Operation, values: dict[str, Any]
) -> Iterator[list[Any]]:
    from . import paging

    (param,) = [p for p in op.params if p.many]
    ids = values.get(param.name) or []
    if not ids:
        raise UsageError(f"{op.operation_id} needs {param.name}")
    for start in range(0, len(ids), paging.MAX_IDS_PER_REQUEST):
        chunk = ids[start : start + paging.MAX_IDS_PER_REQUEST]
        yield paging.get_batched(client, op, chunk, plain=True)


def _write_lines(
    groups: Iterator[list[Any]], unit: str, out: TextIO, progress: TextIO
) -> int:
    count = 0
    for number, items in enumerate(groups, start=1):
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
        count += len(items)
        out.flush()
        progress.write(f"\r{unit} {number}, {count} items")
        progress.flush()
    progress.write("\n")
    return EXIT_OK


def _write_json(value: Any, out: TextIO) -> None:
    out.write(json.dumps(value, indent=2, ensure_ascii=False))
    out.write("\n")
