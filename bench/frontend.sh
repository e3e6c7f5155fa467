#!/usr/bin/env bash
# Benchmark of the public site: one exhibit page through the frontend, with the real backend and PostgreSQL behind
# it (demo content), wrk -t2 -c16, uncompressed, gzip and Brotli. Prints wrk's reports, the CPU time per page of the
# frontend and the backend, and the frontend's resident memory.
#   bench/frontend.sh                 builds the current sources and starts backend and frontend as ./ov up starts
#                                     them, over a fresh database with demo content; backend answers reused for up to
#                                     1 s (OV_API_CACHE_FRESH_MS=1000, the default)
#   FRESH_MS=0 bench/frontend.sh      every page asks the backend twice (slug lookup, detail)
#   FRONTEND_URL=http://127.0.0.1:3000 bench/frontend.sh   measures an already running frontend (CPU and RSS when it
#                                     runs on this machine; the backend's too when BACKEND_URL names it)
# Env: DURATION (20s), WARMUP (10s), PAGE, OV_BENCH_DB_URL (default: a fresh database on 127.0.0.1:5432, dropped
#      after), FRONTEND_JAVA_OPTS (JVM flags after frontend/jvm.options; default none).
# Needs: JDK 25, Maven, wrk (apt-get install -y wrk), psql and a PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
PAGE=${PAGE:-/exhibits/voices-of-the-civil-rights-era}
FRESH_MS=${FRESH_MS:-1000}
FRONTEND_URL=${FRONTEND_URL:-}
BACKEND_URL=${BACKEND_URL:-}
FRONTEND_JAVA_OPTS=${FRONTEND_JAVA_OPTS:-}
. bench/lib.sh
require_tools wrk curl psql
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "$FRONTEND_URL" ]; then
  BASE=${FRONTEND_URL%/}
  frontend_pid=$(listening_pid "$BASE")
  backend_pid=$([ -n "$BACKEND_URL" ] && listening_pid "$BACKEND_URL" || true)
  echo "frontend: the one running at $BASE${frontend_pid:+ (pid $frontend_pid)}"
else
  build_modules db,backend,frontend
  fresh_database ov_bench_frontend
  load_demo "$DB_URL" > /dev/null
  LOGS=$(mktemp -d)
  backend_port=$(free_port)
  start_backend "$backend_port" "$LOGS/backend.log" SERVER_HOST=127.0.0.1
  backend_pid=$BACKEND_PID
  frontend_port=$(free_port)
  (
    export OV_API_URL="http://127.0.0.1:$backend_port" OV_API_CACHE_FRESH_MS=$FRESH_MS SERVER_PORT=$frontend_port \
      SERVER_HOST=127.0.0.1
    service_java frontend $(aot_flags frontend) $FRONTEND_JAVA_OPTS
  ) > "$LOGS/frontend.log" 2>&1 &
  frontend_pid=$!
  PIDS+=("$frontend_pid")
  BASE=http://127.0.0.1:$frontend_port
  wait_for "$BASE/health" "$frontend_pid" frontend || { tail -20 "$LOGS/frontend.log" >&2; exit 1; }
  say_started_as backend $BACKEND_OPTS
  say_started_as frontend $FRONTEND_JAVA_OPTS
  echo "OV_API_CACHE_FRESH_MS=$FRESH_MS; logs in $LOGS"
fi
curl -fs -o /dev/null -w "page: %{http_code}, %{size_download} bytes\n" "$BASE$PAGE" \
  || { echo "$BASE$PAGE does not answer 200" >&2; exit 1; }

echo "warm-up ($WARMUP)"
wrk -t2 -c16 -d"$WARMUP" "$BASE$PAGE" > /dev/null
for coding in "" gzip br; do
  echo
  echo "== wrk -t2 -c16 -d$DURATION --latency $PAGE${coding:+, Accept-Encoding: $coding}"
  before_frontend=$(cpu_ticks $frontend_pid) before_backend=$(cpu_ticks $backend_pid)
  report=$(wrk -t2 -c16 -d"$DURATION" --latency ${coding:+-H "Accept-Encoding: $coding"} "$BASE$PAGE")
  echo "$report"
  pages=$(echo "$report" | awk '/requests in/ {print $1}')
  echo "CPU per page: frontend $(cpu_us_per_request "$before_frontend" "$pages" $frontend_pid) µs," \
    "backend $(cpu_us_per_request "$before_backend" "$pages" $backend_pid) µs"
done
[ -n "$frontend_pid" ] && echo "frontend RSS: $(( $(ps -o rss= -p "$frontend_pid") / 1024 )) MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
