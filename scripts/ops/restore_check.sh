#!/usr/bin/env bash
# Proves that a backup restores (docs/drift.md): builds the demo in a scratch PostgreSQL
# database, reads person pages so the access log has rows, dumps it with pg_dump, restores
# the dump into a new database with pg_restore, and compares row counts and an md5 checksum
# of every row of the person, decision and access-log tables. Exit 1 on any difference.
#
#   bash scripts/ops/restore_check.sh [postgres://user@host:port]   (default: 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/.venv/bin:$PATH"
server="${1:-postgres://postgres@127.0.0.1:5432}"
source_db="omsorg_restore_source"; copy_db="omsorg_restore_copy"
dump="$(mktemp -d)/omsorg.dump"
tables=(people_person cases_decision people_accesslog)

psql_on() { psql -X -q -v ON_ERROR_STOP=1 -At "$server/$1" "${@:2}"; }
recreate() {
  psql_on postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}
checksum() {  # "<rows> <md5 of all rows in id order>" of one table
  psql_on "$1" -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY t.id)), '-') FROM $2 t"
}

echo "== build the demo in $source_db"
recreate "$source_db"
DATABASE_URL="$server/$source_db" omsorg migrate -v0
DATABASE_URL="$server/$source_db" omsorg demo --size small >/dev/null
# the pages of persons outside the demo caseworker's units answer 404; ERROR hides those lines
DATABASE_URL="$server/$source_db" OMSORG_LOG_LEVEL=ERROR omsorg shell < scripts/ops/read_persons.py

echo "== pg_dump, then pg_restore into $copy_db"
pg_dump --format=custom --no-owner --file="$dump" "$server/$source_db"
recreate "$copy_db"
pg_restore --no-owner --exit-on-error --dbname="$server/$copy_db" "$dump"

echo "== compare"
failed=0
for table in "${tables[@]}"; do
  before=$(checksum "$source_db" "$table"); after=$(checksum "$copy_db" "$table")
  rows=${before%% *}
  if [ "$before" = "$after" ] && [ "$rows" -gt 0 ]; then
    echo "$table: $rows rows, checksum ${before#* } — equal"
  else
    echo "$table: MISMATCH or empty: before '$before', after '$after'" >&2; failed=1
  fi
done
psql_on postgres -c "DROP DATABASE $copy_db" -c "DROP DATABASE $source_db"
rm -rf "$(dirname "$dump")"
[ "$failed" = 0 ] && echo "restore proven: dump and restore give the same rows"
exit "$failed"
