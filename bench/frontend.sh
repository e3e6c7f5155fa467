#!/usr/bin/env bash
# Benchmark of the public site: one exhibit page through the frontend, with the real backend and PostgreSQL behind
# it (demo content), wrk -t2 -c16. Prints wrk's report and the frontend's resident memory.
#   bench/frontend.sh                 backend answers reused for up to 1 s (OV_API_CACHE_FRESH_MS=1000, the default)
#   FRESH_MS=0 bench/frontend.sh      every page asks the backend twice (slug lookup, detail)
# Needs: JDK 21+, Maven, wrk (apt-get install -y wrk), PostgreSQL at $BENCH_PG (default 127.0.0.1:5432, user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
# The JDK, and service_java / aot_flags / train_aot_caches: the services start as ./ov up starts them.
source ./ov

PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
DB=ov_bench_frontend
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
BACKEND_PORT=${BENCH_BACKEND_PORT:-$(free_port)}
FRONTEND_PORT=${BENCH_FRONTEND_PORT:-$(free_port)}
DURATION=${DURATION:-20s}
PAGE=${PAGE:-/exhibits/voices-of-the-civil-rights-era}
FRESH_MS=${FRESH_MS:-1000}
# JVM flags for the frontend after frontend/jvm.options, which ./ov up runs it with (a later flag wins).
FRONTEND_JAVA_OPTS=${FRONTEND_JAVA_OPTS:-}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mvn -B -ntp -o -pl db,backend,frontend -am package -DskipTests > /dev/null || mvn -B -ntp -pl db,backend,frontend -am package -DskipTests
train_aot_caches
LOGS=$(mktemp -d)

psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"
java -jar db/target/db.jar --url="$URL" --user=postgres --demo > /dev/null

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
}
trap cleanup EXIT

OV_DB_URL="$URL" OV_DB_USER=postgres SERVER_PORT=$BACKEND_PORT SERVER_HOST=127.0.0.1 \
  service_java backend $(aot_flags backend) > "$LOGS/backend.log" 2>&1 &
backend_pid=$!
pids+=($backend_pid)
OV_API_URL="http://127.0.0.1:$BACKEND_PORT" OV_API_CACHE_FRESH_MS=$FRESH_MS SERVER_PORT=$FRONTEND_PORT SERVER_HOST=127.0.0.1 \
  service_java frontend $(aot_flags frontend) $FRONTEND_JAVA_OPTS > "$LOGS/frontend.log" 2>&1 &
frontend_pid=$!
pids+=($frontend_pid)

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$FRONTEND_PORT$PAGE" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fs -o /dev/null -w "page: %{http_code}, %{size_download} bytes\n" "http://127.0.0.1:$FRONTEND_PORT$PAGE" \
  || { echo "the page does not answer 200; logs in $LOGS" >&2; exit 1; }

echo "warm-up (10 s)"
wrk -t2 -c16 -d10s "http://127.0.0.1:$FRONTEND_PORT$PAGE" > /dev/null
echo "measure: wrk -t2 -c16 -d$DURATION --latency $PAGE (OV_API_CACHE_FRESH_MS=$FRESH_MS, frontend as ./ov up runs it${FRONTEND_JAVA_OPTS:+, then $FRONTEND_JAVA_OPTS})"
# CPU time (user + system) per page of each JVM: pages per CPU-second whatever else shares the cores.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
before_frontend=$(ticks "$frontend_pid"); before_backend=$(ticks "$backend_pid")
report=$(wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$FRONTEND_PORT$PAGE")
echo "$report"
pages=$(echo "$report" | awk '/requests in/ {print $1}')
hz=$(getconf CLK_TCK)
echo "CPU per page: frontend $(( ($(ticks "$frontend_pid") - before_frontend) * 1000000 / hz / pages )) µs," \
  "backend $(( ($(ticks "$backend_pid") - before_backend) * 1000000 / hz / pages )) µs"
for coding in gzip br; do
  echo "measure with Accept-Encoding: $coding"
  wrk -t2 -c16 -d"$DURATION" --latency -H "Accept-Encoding: $coding" "http://127.0.0.1:$FRONTEND_PORT$PAGE"
done
echo "frontend RSS: $(( $(ps -o rss= -p "$frontend_pid") / 1024 )) MB"
echo "logs: $LOGS"
