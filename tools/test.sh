#!/usr/bin/env bash
# Install everything the test suite needs, then run it: lint, types, tests.
#   bash tools/test.sh            # the whole suite
#   bash tools/test.sh -k proxy   # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${LEXMACHINA_VENV:-.venv}
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e '.[test]'

# Prism serves the API specification for the conformance tests.
if [ ! -x tools/prism/node_modules/.bin/prism ]; then
  npm install --prefix tools/prism --no-audit --no-fund --no-package-lock --silent
fi

# A real forward proxy for the proxy tests.
if ! command -v tinyproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq tinyproxy >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq tinyproxy >/dev/null
  fi
fi

"$venv/bin/ruff" format --check .
"$venv/bin/ruff" check .
"$venv/bin/mypy"
"$venv/bin/python" -m pytest "$@"
