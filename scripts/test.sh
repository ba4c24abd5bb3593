#!/usr/bin/env bash
# Run every check and test: lint, layer contracts, translations, pytest on SQLite (with the
# browser tests) and again on PostgreSQL. Creates .venv/ if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/system-packages.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"; ruff check
echo "== import-linter"; lint-imports
echo "== translations"; python scripts/check_translations.py
echo "== Django checks"; omsorg check --fail-level WARNING
echo "== migrations up to date"; omsorg makemigrations --check --dry-run >/dev/null

echo "== the full demo builds (omsorg demo --size full, once, on a scratch SQLite database)"
demo_db="$PWD/var/demo-full-check.sqlite3"; mkdir -p var; rm -f "$demo_db"
DATABASE_URL="sqlite:///$demo_db" omsorg migrate -v0
DATABASE_URL="sqlite:///$demo_db" omsorg demo --size full >/dev/null
rm -f "$demo_db"

echo "== pytest on SQLite"
DATABASE_URL="sqlite:///$PWD/var/test.sqlite3" pytest -q -p no:cacheprovider "$@"

echo "== pytest on PostgreSQL"
if pg_url=$(bash scripts/postgres.sh); then
  DATABASE_URL="$pg_url" pytest -q -p no:cacheprovider -m "not browser" "$@"
  echo "== backup restores (pg_dump, pg_restore, row counts and checksums: docs/drift.md)"
  bash scripts/ops/restore_check.sh "${pg_url%/*}"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is required in CI but is not installed." >&2; exit 1
else
  echo "WARNING: PostgreSQL is not installed here; only SQLite was tested." >&2
fi
