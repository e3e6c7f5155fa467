#!/usr/bin/env bash
# Throughput and latency of the backend API over demo content: exhibit detail and exhibit listing (20 items),
# plain HTTP keep-alive, wrk with 16 connections; prints req/s, p50/p99, the backend's CPU time per request and its
# RSS under load.
#   bench/backend.sh                                  builds the current sources, starts a backend as ./ov up starts
#                                                     it over a fresh database with demo content, measures it
#   BACKEND_URL=http://127.0.0.1:8000 bench/backend.sh   measures an already running backend (CPU and RSS when it
#                                                     runs on this machine)
#   (needs: apt-get install -y wrk; a JDK 25; a PostgreSQL, default the local one)
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
BACKEND_URL=${BACKEND_URL:-}
. bench/lib.sh
require_tools wrk curl psql
if [ -n "$BACKEND_URL" ]; then
  BASE=${BACKEND_URL%/}
  BACKEND=$(listening_pid "$BASE")
  echo "backend: the one running at $BASE${BACKEND:+ (pid $BACKEND)}"
else
  build_modules db,backend
  fresh_database ov_bench
  load_demo "$DB_URL"
  start_backend "$PORT" /tmp/ov-bench-backend.log
  BACKEND=$BACKEND_PID
  BASE=http://127.0.0.1:$PORT
  say_started_as backend $BACKEND_OPTS
fi

EXHIBIT=$(curl -sf "$BASE/api/v2/exhibits/?limit=1&fields=_,id" | sed -E 's/.*"id":([0-9]+).*/\1/')
DETAIL="$BASE/api/v2/exhibits/$EXHIBIT/"
LISTING="$BASE/api/v2/exhibits/?limit=20"
echo "exhibit detail: $(curl -s "$DETAIL" | wc -c) bytes; listing: $(curl -s "$LISTING" | wc -c) bytes"

rss() { [ -n "$BACKEND" ] && awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$BACKEND/status" || echo "unknown (not on this machine)"; }

echo "warm-up ($WARMUP each)..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$DETAIL" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$LISTING" > /dev/null

for name in detail listing; do
  url=$DETAIL; [ "$name" = listing ] && url=$LISTING
  echo
  echo "== exhibit $name: $url ($CONNECTIONS connections, $DURATION)"
  before=$(cpu_ticks $BACKEND)
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  echo "$report" | grep -E "Requests/sec|Non-2xx|50%|99%|Socket errors"
  echo "backend CPU per request: $(cpu_us_per_request "$before" "$(echo "$report" | awk '/requests in/ {print $1}')" $BACKEND) µs"
  echo "backend RSS after: $(rss)"
done
echo; echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
