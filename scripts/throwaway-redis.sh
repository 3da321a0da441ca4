#!/usr/bin/env bash
# Starts a throwaway Redis on a free port, in memory only (no snapshots, no append-only file).
# Prints `export TEST_REDIS_URL=…` and `export REDIS_THROWAWAY_DIR=…` for eval;
# `scripts/throwaway-redis.sh stop DIR` stops it and removes its files.
set -euo pipefail
bin=${REDIS_SERVER_BIN:-$(command -v redis-server || echo /usr/bin/redis-server)}
[[ -x $bin ]] || { echo "redis-server not found (apt-get install -y redis-server)" >&2; exit 1; }

if [[ ${1:-} == stop ]]; then
  dir=$2
  [[ -f $dir/pid ]] && kill "$(cat "$dir/pid")" 2>/dev/null || true
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d /tmp/reelrank-redis.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
  --daemonize yes --pidfile "$dir/pid" --logfile "$dir/server.log" >/dev/null
for _ in $(seq 50); do
  [[ -s $dir/pid ]] && grep -q 'Ready to accept connections' "$dir/server.log" 2>/dev/null && break
  sleep 0.1
done
grep -q 'Ready to accept connections' "$dir/server.log" || { cat "$dir/server.log" >&2; exit 1; }
echo "export TEST_REDIS_URL=redis://127.0.0.1:$port"
echo "export REDIS_THROWAWAY_DIR=$dir"
