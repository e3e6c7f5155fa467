#!/usr/bin/env bash
# Start-up time and memory under load of backend, frontend and proxy, each started as ./ov up starts it
# (<module>/jvm.options, two malloc arenas, its AOT cache).
#   bench/startup.sh            ROUNDS starts of each service alone: milliseconds from process start to the first 200
#                               of its readiness endpoint (the backend's answers once its database does), and the CPU
#                               milliseconds it had used by then (steady however busy the shared cores are); then the
#                               three together under wrk (API detail at the backend, the exhibit page at the frontend,
#                               the same page through the proxy over HTTPS) and each one's peak resident memory (VmHWM)
#                               and throughput.
#   AOT=compare bench/startup.sh   every round starts each service with and without its AOT cache, alternately.
#   AOT=none bench/startup.sh      without the AOT caches.
#   IMAGES=1 bench/startup.sh      the same from the container images (mvn -Pimages; run as images/run-image.sh runs
#                               them, as root): with their AOT cache, or (AOT=none) with an aot.options without flags.
# Env: ROUNDS (5), DURATION (15s per wrk run), WARMUP (10s per URL), CONNECTIONS (16), PORT_BASE (19500: backend +0,
#      frontend +1, proxy HTTPS +2, HTTP +3, internal +4), TLS_FILES (1: the proxy serves a PEM certificate as in
#      production; 0: it generates its self-signed one), OV_BENCH_DB_URL (default: a fresh database, dropped after).
# Needs: JDK 25, Maven, wrk, curl, psql, openssl; PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-16}
AOT=${AOT:-cache}
IMAGES=${IMAGES:-0}
TLS_FILES=${TLS_FILES:-1}
PORT_BASE=${PORT_BASE:-19500}
BACKEND_PORT=$PORT_BASE FRONTEND_PORT=$((PORT_BASE + 1)) PROXY_PORT=$((PORT_BASE + 2))
INTERNAL_PORT=$((PORT_BASE + 4))
PAGE=/exhibits/voices-of-the-civil-rights-era

require_tools wrk curl psql openssl
if [ "$IMAGES" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "IMAGES=1 runs the images under chroot: run as root" >&2; exit 1; }
  source images/run-image.sh
  mvn -B -ntp -o -Pimages -pl db,backend,frontend,proxy -am -DskipTests package > /tmp/ov-bench-build.log 2>&1 \
    || { tail -30 /tmp/ov-bench-build.log; exit 1; }
  IMAGE_DIR=$(mktemp -d /tmp/ov-bench-startup-images.XXXXXX)
  REMOVE_DIRS+=("$IMAGE_DIR")
  for module in backend frontend proxy; do
    unpack_image "$module/target/jib-image.tar" "$IMAGE_DIR/$module-cache"
    # The same image whose argument file holds no flags: a start without the cache (files shared, not copied).
    cp -al "$IMAGE_DIR/$module-cache" "$IMAGE_DIR/$module-none"
    rm "$IMAGE_DIR/$module-none/root/app/aot.options"
    echo "# no flags" > "$IMAGE_DIR/$module-none/root/app/aot.options"
  done
else
  build_modules db,backend,frontend,proxy
fi
fresh_database ov_bench_startup
# Where the backend reads and writes media; for an image, inside each of its roots, owned by the image's user.
MEDIA=$(mktemp -d /tmp/ov-bench-startup.XXXXXX)
REMOVE_DIRS+=("$MEDIA")
MEDIA_IN_SERVICE=$MEDIA
[ "$IMAGES" = 1 ] && MEDIA=$IMAGE_DIR/backend-cache/root/tmp/ov-media MEDIA_IN_SERVICE=/tmp/ov-media
load_demo "$DB_URL" "$MEDIA" > /dev/null
if [ "$IMAGES" = 1 ]; then
  java -jar db/target/db.jar --demo-files --media-root="$IMAGE_DIR/backend-none/root$MEDIA_IN_SERVICE" > /dev/null
  chown -R 65532:65532 "$MEDIA" "$IMAGE_DIR/backend-none/root$MEDIA_IN_SERVICE"
fi
PROXY_TLS=()
if [ "$TLS_FILES" = 1 ]; then
  TLS_DIR=$(mktemp -d /tmp/ov-bench-startup-tls.XXXXXX)
  REMOVE_DIRS+=("$TLS_DIR")
  self_signed_certificate "$TLS_DIR"
  chmod 644 "$TLS_DIR"/tls.*
  PROXY_TLS=(PROXY_TLS_CERTIFICATE=/tls/tls.crt PROXY_TLS_KEY=/tls/tls.key)
  if [ "$IMAGES" = 1 ]; then
    for aot in cache none; do mkdir -p "$IMAGE_DIR/proxy-$aot/root/tls"; cp "$TLS_DIR"/tls.* "$IMAGE_DIR/proxy-$aot/root/tls/"; done
  else
    PROXY_TLS=(PROXY_TLS_CERTIFICATE="$TLS_DIR/tls.crt" PROXY_TLS_KEY="$TLS_DIR/tls.key")
  fi
fi

health_url() { # module
  case $1 in
    backend) echo "http://127.0.0.1:$BACKEND_PORT/observe/health/ready" ;;
    frontend) echo "http://127.0.0.1:$FRONTEND_PORT/health" ;;
    proxy) echo "http://127.0.0.1:$INTERNAL_PORT/ping" ;;
  esac
}

# Starts module in the background, with its AOT cache or without (from its image with IMAGES=1), with the settings
# ./ov up gives it, on this script's ports, without waiting for it; sets STARTED_PID.
start_variant() { # module, aot (cache|none), log
  local settings=(OV_DB_URL="$DB_URL" OV_DB_USER=postgres OV_MEDIA_ROOT="$MEDIA_IN_SERVICE"
    OV_API_URL="http://127.0.0.1:$BACKEND_PORT" SERVER_HOST=127.0.0.1
    SERVER_PORT="$([ "$1" = backend ] && echo "$BACKEND_PORT" || echo "$FRONTEND_PORT")"
    PROXY_HOST=127.0.0.1 PROXY_ENTRYPOINTS_WEBSECURE_PORT="$PROXY_PORT"
    PROXY_ENTRYPOINTS_WEB_PORT=$((PORT_BASE + 3)) PROXY_ENTRYPOINTS_INTERNAL_PORT="$INTERNAL_PORT"
    PROXY_SERVICES_BACKEND_SERVERS="http://127.0.0.1:$BACKEND_PORT"
    PROXY_SERVICES_FRONTEND_SERVERS="http://127.0.0.1:$FRONTEND_PORT" "${PROXY_TLS[@]}")
  if [ "$IMAGES" = 1 ]; then
    run_image "$IMAGE_DIR/$1-$2" "${settings[@]}" > "$3" 2>&1 &
  else
    local aot_flag=""
    [ "$2" = cache ] && aot_flag=$(aot_flags "$1")
    (export "${settings[@]}"; service_java "$1" $aot_flag) > "$3" 2>&1 &
  fi
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }
now_ms() { date +%s%3N; }

# One start: prints "ready_ms cpu_ms rss_mb", the service stopped again.
time_start() { # module, aot
  local started pid ready cpu rss
  started=$(now_ms)
  start_variant "$1" "$2" "/tmp/ov-bench-startup-$1.log"
  pid=$STARTED_PID
  until curl -sf -o /dev/null --max-time 5 "$(health_url "$1")"; do
    kill -0 "$pid" 2>/dev/null || { echo "$1 exited during start-up; see /tmp/ov-bench-startup-$1.log" >&2; exit 1; }
    sleep 0.005
  done
  ready=$(( $(now_ms) - started ))
  cpu=$(cpu_ms "$pid") rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$ready $cpu $rss"
}

case $AOT in
  compare) MODES=(cache none) ;;
  none) MODES=(none) ;;
  *) MODES=(cache) ;;
esac
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "start-up, $ROUNDS rounds (ready = first 200 of the readiness endpoint after the process started):"
declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  for module in backend frontend proxy; do
    for mode in "${MODES[@]}"; do
      RESULTS[$module,$mode]+="$(time_start "$module" "$mode")"$'\n'
    done
  done
  echo "  round $round done (load $(cut -d' ' -f1 /proc/loadavg))"
done
printf '%-9s %-9s %-28s %-28s %s\n' service aot "ready ms (median, min-max)" "CPU ms by then (median)" "RSS at ready"
for module in backend frontend proxy; do
  for mode in "${MODES[@]}"; do
    echo -n "${RESULTS[$module,$mode]}" | sort -n | awk -v m="$module" -v a="$mode" '
      { ready[NR] = $1; cpu[NR] = $2; rss[NR] = $3 }
      END {
        n = asort(cpu, c); mid = int((NR + 1) / 2)
        printf "%-9s %-9s %-28s %-28s %d MB\n", m, a, ready[mid] " (" ready[1] "-" ready[NR] ")", c[mid], rss[mid]
      }'
  done
done

echo
echo "under load ($CONNECTIONS connections, $WARMUP warm-up then $DURATION per URL; AOT: ${MODES[0]}):"
declare -A PID_OF
for module in backend frontend proxy; do
  start_variant "$module" "${MODES[0]}" "/tmp/ov-bench-startup-$module.log"
  PID_OF[$module]=$STARTED_PID
  wait_for "$(health_url "$module")" "$STARTED_PID" "$module"
done
# Renditions are made on first use: made now, as ./ov up does, so the runs measure serving.
curl -sf -o /dev/null "http://127.0.0.1:$BACKEND_PORT/api/v2/exhibits/?limit=999999&fields=*"
DETAIL=$(curl -sf "http://127.0.0.1:$BACKEND_PORT/api/v2/exhibits/?limit=1" | grep -o '"id": *[0-9]*' | head -1 | grep -o '[0-9]*$')
load() { # label, url
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$2" > /dev/null
  local report
  report=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
  printf '  %-34s %8s req/s  p50 %-9s p99 %s\n' "$1" "$(echo "$report" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$report" | awk '$1 == "50%" {print $2}')" "$(echo "$report" | awk '$1 == "99%" {print $2}')"
}
load "backend GET /api/v2/exhibits/$DETAIL/" "http://127.0.0.1:$BACKEND_PORT/api/v2/exhibits/$DETAIL/"
load "frontend GET $PAGE" "http://127.0.0.1:$FRONTEND_PORT$PAGE"
load "proxy (HTTPS) GET $PAGE" "https://127.0.0.1:$PROXY_PORT$PAGE"
for module in backend frontend proxy; do
  pid=${PID_OF[$module]}
  printf '  %-9s peak RSS %4d MB, RSS now %4d MB\n' "$module" \
    $(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 )) $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
