#!/usr/bin/env bash
# Make sure a local PostgreSQL answers on 127.0.0.1:5432; start it if installed but stopped.
# Prints the DATABASE_URL to test against, or exits 1 if PostgreSQL is not installed.
set -uo pipefail
url="${OMSORG_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/omsorg}"
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! command -v pg_isready >/dev/null 2>&1; then
  exit 1
fi
if ! ready; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null
    rc=$?  # 2 means it already runs
    [ $rc -eq 0 ] || [ $rc -eq 2 ] || echo "pg_ctlcluster $version main start: exit $rc" >&2
  done
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || { echo "PostgreSQL is installed but does not answer on 127.0.0.1:5432" >&2; exit 1; }
echo "$url"
