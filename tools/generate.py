"""Generate the models, API classes and their docs from the OpenAPI document.

Usage: ``python tools/generate.py --spec PATH --out DIR``, where ``DIR`` is the
repository root. Writes ``lexmachina/api/``, ``lexmachina/models/`` (all but
``_base.py``) and the generated pages under ``docs/``, then formats the Python
files with ruff. The same specification always yields the same bytes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from codegen_api import api_files
from codegen_docs import doc_files, format_examples
from codegen_models import model_files
from codegen_spec import load_spec

# Flags that make ruff's output independent of any configuration file near
# the output directory, so a scratch directory formats like the repository.
_RUFF_SETTINGS = ["--isolated", "--line-length", "88", "--target-version", "py310"]


def main(argv: list[str] | None = None) -> int:
    """Run the generator from the command line."""
    args = _parse_args(argv)
    started = time.perf_counter()
    spec = load_spec(json.loads(Path(args.spec).read_text(encoding="utf-8")))
    out = Path(args.out)

    written = _write_tree(
        out / "lexmachina" / "models", model_files(spec), keep={"_base.py"}
    )
    written += _write_tree(out / "lexmachina" / "api", api_files(spec))
    _format_python(written)

    pages = doc_files(spec, format_examples)
    _remove_stale_docs(out / "docs", pages)
    written += _write_files(out / "docs", pages)

    elapsed = time.perf_counter() - started
    print(f"generate: wrote {len(written)} files in {elapsed:.2f} s", file=sys.stderr)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--spec", required=True, help="path of the OpenAPI JSON")
    parser.add_argument("--out", required=True, help="repository root to write into")
    return parser.parse_args(argv)


def _write_tree(
    folder: Path, files: dict[str, str], keep: frozenset[str] | set[str] = frozenset()
) -> list[Path]:
    """Replace the generated files of ``folder`` with ``files``."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in sorted(folder.glob("*.py")):
        if stale.name not in files and stale.name not in keep:
            stale.unlink()
    shutil.rmtree(folder / "__pycache__", ignore_errors=True)
    return _write_files(folder, files)


def _write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def _remove_stale_docs(docs: Path, pages: dict[str, str]) -> None:
    """Delete generated pages that the specification no longer asks for."""
    for path in sorted([*docs.glob("*Api.md"), *docs.glob("models/*.md")]):
        if path.relative_to(docs).as_posix() not in pages:
            path.unlink()


def _format_python(paths: list[Path]) -> None:
    """Sort imports and format, as the project's ruff settings would."""
    names = [str(p) for p in paths]
    ruff = [sys.executable, "-m", "ruff"]
    fix = [*ruff, "check", *_RUFF_SETTINGS, "--select", "I", "--fix", "--quiet", *names]
    subprocess.run(fix, check=True)
    subprocess.run([*ruff, "format", *_RUFF_SETTINGS, "--quiet", *names], check=True)


if __name__ == "__main__":
    raise SystemExit(main())
