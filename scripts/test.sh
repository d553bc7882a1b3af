#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (as root: Dovecot and the
# PostgreSQL binaries from Debian; the project and its test extras in .venv) and runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

sh .ci/install-servers.sh
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
exec .venv/bin/python -m pytest "$@"
