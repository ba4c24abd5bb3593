#!/usr/bin/env bash
# The demo: a synthetic municipality in an embedded SQLite database, served on
# http://127.0.0.1:8000. Creates .venv/ if needed. Pass --reset to build the data anew.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"
omsorg migrate --noinput >/dev/null
omsorg demo "$@"
exec omsorg runserver 127.0.0.1:8000
