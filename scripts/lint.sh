#!/usr/bin/env bash
# The gates CI runs before the tests: ruff (lint and format) on the whole repository and
# mypy --strict on the four packages (settings in pyproject.toml). Fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=.venv/bin
[ -x "$bin/ruff" ] && [ -x "$bin/mypy" ] || { echo "run ./scripts/test.sh once to install the test extras" >&2; exit 2; }
"$bin/ruff" check .
"$bin/ruff" format --check .
"$bin/mypy"
