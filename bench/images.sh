#!/usr/bin/env bash
# Images: cost of image fields in the exhibit detail (renditions looked up, cached JSON) and /media/ file serving.
# wrk with 16 keep-alive connections over demo content; prints req/s, p50/p99, CPU per request and the backend's RSS.
#   bench/images.sh        (needs: apt-get install -y wrk; a JDK 25; a PostgreSQL, default the local one)
#   BACKEND_URL=http://127.0.0.1:8000 bench/images.sh   measures an already running backend (its CPU and RSS when it
#                          runs on this machine) instead of starting one
# Env: DURATION (default 15s), WARMUP (default 10s), CONNECTIONS (16), THREADS (2), BACKEND_OPTS (JVM flags after
#      backend/jvm.options, which ./ov up runs it with; default none),
#      PORT (default 18091). Uses a fresh database ov_bench_images and a temporary media folder, both removed.
#      MEDIA_STORAGE=s3: the demo images are copied (CopyMediaToBucket) into a bucket of an s3proxy over a temporary
#      folder (bench/S3Server.java, port S3_PORT, default 18092) and the backend serves them from there.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18091}
BACKEND_OPTS=${BACKEND_OPTS:-}
# The JDK, service_java / aot_flags (the backend starts as ./ov up starts it), cpu_ticks, say_started_as.
. bench/lib.sh
for tool in wrk curl psql; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk curl postgresql-client" >&2; exit 1; }
done
BACKEND_URL=${BACKEND_URL:-}
BACKEND=""
S3=""
S3_DIR=""
MEDIA=""
if [ -n "$BACKEND_URL" ]; then
  BASE=${BACKEND_URL%/}
  BACKEND=$(listening_pid "$BASE")
  echo "backend: the one running at $BASE${BACKEND:+ (pid $BACKEND)}"
else
  [ -f backend/target/backend.jar ] && [ -f db/target/db.jar ] || mvn -B -ntp -pl db,backend -am -DskipTests package
  train_aot_caches

  MEDIA=$(mktemp -d)
  cleanup() {
    [ -n "$BACKEND" ] && kill "$BACKEND" 2>/dev/null && wait "$BACKEND" 2>/dev/null || true
    [ -n "$S3" ] && kill "$S3" 2>/dev/null && wait "$S3" 2>/dev/null || true
    [ -n "$S3_DIR" ] && rm -rf "$S3_DIR"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ov_bench_images WITH (FORCE)" || true
    rm -rf "$MEDIA"
  }
  trap cleanup EXIT
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ov_bench_images WITH (FORCE)" -c "CREATE DATABASE ov_bench_images"
  export OV_DB_URL=jdbc:postgresql://127.0.0.1:5432/ov_bench_images OV_MEDIA_ROOT=$MEDIA
  java -jar db/target/db.jar --demo 2>/dev/null | grep -v '^$' || true
  if [ "${MEDIA_STORAGE:-local}" = s3 ]; then
    S3_PORT=${S3_PORT:-18092}
    S3_DIR=$(mktemp -d)
    mvn -B -ntp -o -q -pl backend dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$S3_DIR/cp.txt" > /dev/null
    java -cp "$(cat "$S3_DIR/cp.txt")" bench/S3Server.java "$S3_PORT" "$S3_DIR/store" ov-bench bench bench-secret-key \
      > /tmp/ov-bench-s3.log 2>&1 &
    S3=$!
    for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.25; done
    export OV_MEDIA_STORAGE=s3 OV_MEDIA_S3_BUCKET=ov-bench OV_MEDIA_S3_ENDPOINT=http://127.0.0.1:$S3_PORT \
      OV_MEDIA_S3_PATH_STYLE=true OV_MEDIA_S3_ACCESS_KEY=bench OV_MEDIA_S3_SECRET_KEY=bench-secret-key
    start=$(date +%s%N)
    java -cp 'backend/target/backend.jar:backend/target/libs/*' org.openvault.backend.images.CopyMediaToBucket 2>/dev/null
    echo "copied the demo media folder ($(find "$MEDIA" -type f | wc -l) files, $(du -sh "$MEDIA" | cut -f1)) into the bucket: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  fi
  SERVER_PORT=$PORT service_java backend $(aot_flags backend) $BACKEND_OPTS > /tmp/ov-bench-images.log 2>&1 &
  BACKEND=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/v2/health/" && break; sleep 0.25; done
  say_started_as backend $BACKEND_OPTS

  BASE=http://127.0.0.1:$PORT
fi
EXHIBIT=$(curl -sf "$BASE/api/v2/exhibits/?limit=1&fields=_,id" | sed -E 's/.*"id":([0-9]+).*/\1/')
DETAIL="$BASE/api/v2/exhibits/$EXHIBIT/"
start=$(date +%s%N)
curl -sf -o /dev/null "$DETAIL"
echo "first exhibit detail (renders its renditions): $(( ($(date +%s%N) - start) / 1000000 )) ms"
THUMB=$BASE$(curl -sf "$DETAIL" | sed -E 's/.*"cover_thumb":\{"url":"([^"]+)".*/\1/')
COVER=$BASE$(curl -sf "$DETAIL" | sed -E 's/.*"cover_image":\{"url":"([^"]+)".*/\1/')
echo "detail $(curl -s "$DETAIL" | wc -c) bytes; thumb $(curl -s "$THUMB" | wc -c) bytes; cover $(curl -s "$COVER" | wc -c) bytes"

rss() { [ -n "$BACKEND" ] && awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$BACKEND/status" || echo "unknown (not on this machine)"; }
# CPU time (user + system) per request of the backend and of the S3 server: requests per CPU-second of each.
for url in "$DETAIL" "$THUMB" "$COVER"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" > /dev/null
  echo
  echo "== $url ($CONNECTIONS connections, $DURATION)"
  before_backend=$(cpu_ticks $BACKEND) before_s3=$(cpu_ticks $S3)
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  echo "$report" | grep -E "Requests/sec|Transfer/sec|Non-2xx|50%|99%|Socket errors"
  requests=$(echo "$report" | awk '/requests in/ {print $1}')
  echo "CPU per request: backend $(cpu_us_per_request "$before_backend" "$requests" $BACKEND) µs$([ -n "$S3" ] \
    && echo ", S3 server $(cpu_us_per_request "$before_s3" "$requests" "$S3") µs")"
  echo "backend RSS after: $(rss)"
done
echo; echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
