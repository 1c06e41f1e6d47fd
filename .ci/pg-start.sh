#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server from Debian's packages on 127.0.0.1:${PGPORT:-55432}, trusting loopback.
# Prints the DATABASE_URL to use. Usage: .ci/pg-start.sh [data-dir]
set -euo pipefail
PGPORT="${PGPORT:-55432}"
DATA="${1:-/tmp/otklik-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  chown postgres:postgres "$DATA"
  su postgres -c "$BIN/initdb -D '$DATA' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
su postgres -c "$BIN/pg_ctl -D '$DATA' -l '$DATA/server.log' -w -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB' start" >/dev/null
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
