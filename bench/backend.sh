#!/usr/bin/env bash
# Throughput and latency of the backend API over demo content: exhibit detail and exhibit listing (20 items),
# plain HTTP keep-alive, wrk with 16 connections; prints req/s, p50/p99 and the backend's RSS under load.
#   bench/backend.sh        (needs: apt-get install -y wrk; a JDK 21+; a PostgreSQL, default the local one)
# Env: OV_BENCH_DB_URL (default: a fresh database ov_bench on 127.0.0.1:5432, created and dropped here),
#      DURATION (default 20s), WARMUP (default 20s), CONNECTIONS (default 16), THREADS (default 2),
#      BACKEND_OPTS (JVM flags after backend/jvm.options, which ./ov up runs it with; default none), PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
. bench/lib.sh
require_tools wrk curl psql
build_modules db,backend
fresh_database ov_bench
load_demo "$DB_URL"
start_backend "$PORT" /tmp/ov-bench-backend.log
BACKEND=$BACKEND_PID

BASE=http://127.0.0.1:$PORT
EXHIBIT=$(curl -sf "$BASE/api/v2/exhibits/?limit=1&fields=_,id" | sed -E 's/.*"id":([0-9]+).*/\1/')
DETAIL="$BASE/api/v2/exhibits/$EXHIBIT/"
LISTING="$BASE/api/v2/exhibits/?limit=20"
echo "exhibit detail: $(curl -s "$DETAIL" | wc -c) bytes; listing: $(curl -s "$LISTING" | wc -c) bytes"

rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$BACKEND/status"; }

echo "warm-up ($WARMUP each)..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$DETAIL" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$LISTING" > /dev/null

for name in detail listing; do
  url=$DETAIL; [ "$name" = listing ] && url=$LISTING
  echo
  echo "== exhibit $name: $url ($CONNECTIONS connections, $DURATION)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" | grep -E "Requests/sec|Non-2xx|50%|99%|Socket errors"
  echo "backend RSS after: $(rss)"
done
