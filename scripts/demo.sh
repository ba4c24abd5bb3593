#!/usr/bin/env bash
# The demo: a synthetic municipality in an embedded SQLite database, served on
# http://127.0.0.1:8000, with a task worker for plan runs. Creates .venv/ if needed.
# Pass --reset to build the data anew.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"
omsorg migrate --noinput >/dev/null
omsorg demo "$@"
# Plan runs are background tasks: a worker process polls the database for them (no broker).
omsorg db_worker --no-reload &
worker=$!
trap 'kill "$worker" 2>/dev/null' EXIT INT TERM
omsorg runserver 127.0.0.1:8000
