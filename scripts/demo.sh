#!/usr/bin/env bash
# Installs mailbot into .venv and runs the demo: sample replies processed with no servers
# (a temporary Maildir, SQLite and a file outbox).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
exec .venv/bin/mailbot demo
