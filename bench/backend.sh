#!/usr/bin/env bash
# Throughput and latency of the backend API over demo content: exhibit detail and exhibit listing (20 items),
# plain HTTP keep-alive, wrk with 16 connections; prints req/s, p50/p99 and the backend's RSS under load.
#   bench/backend.sh        (needs: apt-get install -y wrk; a JDK 21+; a PostgreSQL, default the local one)
# Env: OV_BENCH_DB_URL (default: a fresh database ov_bench on 127.0.0.1:5432, created and dropped here),
#      DURATION (default 20s), WARMUP (default 20s), CONNECTIONS (default 16), THREADS (default 2),
#      BACKEND_OPTS (JVM options, default -Xmx64m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=32m, as ./ov runs it), PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
BACKEND_OPTS=${BACKEND_OPTS:--Xmx64m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=32m}
if [ -z "${JAVA_HOME:-}" ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
export PATH="$JAVA_HOME/bin:$PATH"
for tool in wrk curl psql; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk curl postgresql-client" >&2; exit 1; }
done
# Always measure the current sources.
mvn -B -ntp -pl db,backend -am -DskipTests package > /tmp/ov-bench-build.log 2>&1 || { tail -30 /tmp/ov-bench-build.log; exit 1; }

PIDS=()
DROP_DB=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$DROP_DB" ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ov_bench WITH (FORCE)" || true; fi
}
trap cleanup EXIT

DB_URL=${OV_BENCH_DB_URL:-}
if [ -z "$DB_URL" ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ov_bench WITH (FORCE)" -c "CREATE DATABASE ov_bench"
  DROP_DB=yes
  DB_URL=jdbc:postgresql://127.0.0.1:5432/ov_bench
fi
java -jar db/target/db.jar --url="$DB_URL" --demo 2>/dev/null | grep -v '^$' || true

OV_DB_URL=$DB_URL SERVER_PORT=$PORT java $BACKEND_OPTS -jar backend/target/backend.jar > /tmp/ov-bench-backend.log 2>&1 &
BACKEND=$!
PIDS+=("$BACKEND")
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v2/health/" && break; sleep 0.25; done

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
