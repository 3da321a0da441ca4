#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free port, as the postgres user (the server refuses
# to run as root). Prints `export TEST_DATABASE_URL=…` and `export PG_THROWAWAY_DIR=…` for eval;
# `scripts/throwaway-postgres.sh stop DIR` stops it and removes its files.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bin/initdb ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)" >&2; exit 1; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ ${1:-} == stop ]]; then
  dir=$2
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d /tmp/reelrank-pg.XXXXXX)
chmod 755 "$dir"
[[ $(id -u) == 0 ]] && chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
echo "export PG_THROWAWAY_DIR=$dir"
