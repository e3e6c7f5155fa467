#!/usr/bin/env bash
# Throughput and p99 latency through the Open Vault proxy (HTTPS, keep-alive) to a trivial upstream, side by side
# with nginx configured the same way (TLS termination, proxy_pass with keep-alive upstream connections,
# X-Forwarded-* headers, no access log) and with no proxy at all.
#   bench/proxy.sh            (needs: apt-get install -y nginx wrk; openssl; a JDK 25)
#   PROXY_URL=https://127.0.0.1:8443/ bench/proxy.sh   measures an already running proxy alone (its CPU when it runs
#                             on this machine), with whatever stands behind that route
# Env: DURATION (default 20s), CONNECTIONS (default 64), THREADS (default 2), WARMUP (default 40s; the JIT needs it, more so on a busy machine),
#      ROUNDS (default 3: nginx and the proxy measured alternately, each round giving a ratio; on a shared 2-core
#      machine one run swings by ±20 %, so the median ratio is the number to quote),
#      PROXY_JAVA_OPTS (JVM flags after proxy/jvm.options, which ./ov up and the image run it with; default none).
# Besides requests/s and latency it reports CPU time per request (user + system, from /proc) of the upstream and of
# the proxy in the path (nginx or the Open Vault proxy): the steadier measure on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-40s}
ROUNDS=${ROUNDS:-3}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-}
PROXY_URL=${PROXY_URL:-}
# The JDK, service_java / aot_flags (the proxy starts as ./ov up starts it), nginx, certificates, CPU time.
. bench/lib.sh
require_tools nginx wrk openssl curl

# CPU time per request in microseconds of the upstream and of the proxy in the path ("–" when not measured).
UPSTREAM_PIDS=()
run() { # name url [pids of the proxy in the path]
  local name=$1 url=$2; shift 2
  local upstream_before proxy_before
  upstream_before=$(cpu_ticks "${UPSTREAM_PIDS[@]}") proxy_before=$(cpu_ticks "$@")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" > "$WORK/run.txt"
  local requests p50 p99
  requests=$(awk '/requests in/ {print $1}' "$WORK/run.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/run.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/run.txt")
  LAST_RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/run.txt")
  LAST_P99=$(milliseconds "$p99")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$ROUND" "$name" "$LAST_RPS" "$p50" "$p99" \
    "$(cpu_us_per_request "$upstream_before" "$requests" "${UPSTREAM_PIDS[@]}")" \
    "$(cpu_us_per_request "$proxy_before" "$requests" "$@")"
}
# wrk's latency ("850.00us", "4.56ms", "1.20s") in milliseconds.
milliseconds() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000; print v }'; }
table_head() {
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive; $(nproc) cores; $ROUNDS rounds"
  echo
  echo "| round | target | requests/s | p50 | p99 | upstream CPU µs/request | proxy CPU µs/request |"
  echo "|---|---|---|---|---|---|---|"
}
WORK=$(mktemp -d /tmp/proxy-bench.XXXXXX)
REMOVE_DIRS+=("$WORK")

if [ -n "$PROXY_URL" ]; then
  # A proxy already running, with whatever stands behind its route: its own figures only (nginx here would stand
  # in front of another upstream, so no ratio).
  pid=$(listening_pid "$PROXY_URL")
  echo "proxy: the one running at $PROXY_URL${pid:+ (pid $pid)}; warming up ($WARMUP)..."
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$PROXY_URL" > /dev/null
  table_head
  for round in $(seq 1 "$ROUNDS"); do ROUND=$round; run "running proxy" "$PROXY_URL" $pid; done
  exit 0
fi

build_modules proxy
self_signed_certificate "$WORK"
# The trivial upstream (nginx answering a fixed 13-byte body) and nginx as the reference proxy: two separate
# nginx instances, so that both proxies reach the same upstream process over loopback (one instance serving both
# roles would answer its own upstream requests in the same event-loop pass, which no real deployment does).
start_nginx "$WORK" upstream 'server {
    listen 127.0.0.1:18081;
    keepalive_requests 1000000;
    location / { default_type text/plain; return 200 "Hello, vault\n"; }
  }'
start_nginx "$WORK" nginx-proxy "upstream app { server 127.0.0.1:18081; keepalive 64; }
  server {
    listen 127.0.0.1:18444 ssl;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_requests 1000000;
    # The security headers the proxy's shipped secure-headers middleware adds.
    add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;
    add_header X-Frame-Options DENY always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_set_header X-Real-IP \$remote_addr;
    }
  }"
PROXY_CONFIG_FILE=bench/proxy-bench.yaml PROXY_TLS_CERTIFICATE=$WORK/tls.crt PROXY_TLS_KEY=$WORK/tls.key \
  service_java proxy $(aot_flags proxy) $PROXY_JAVA_OPTS > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")

for url in http://127.0.0.1:18081/ https://127.0.0.1:18444/ https://127.0.0.1:18443/; do
  for _ in $(seq 1 120); do curl -ksf -o /dev/null "$url" && break; sleep 0.25; done
  curl -ksf -o /dev/null "$url" || { echo "$url does not answer"; cat "$WORK/proxy.log"; exit 1; }
done

say_started_as proxy $PROXY_JAVA_OPTS

mapfile -t UPSTREAM_PIDS < <(cat "$WORK/upstream.pid"; pgrep -P "$(cat "$WORK/upstream.pid")")
mapfile -t NGINX_PROXY_PIDS < <(cat "$WORK/nginx-proxy.pid"; pgrep -P "$(cat "$WORK/nginx-proxy.pid")")
echo "Warming up the JVM ($WARMUP)..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" https://127.0.0.1:18443/ > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s https://127.0.0.1:18444/ > /dev/null

echo
table_head
NGINX_NAME="nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') (HTTPS)"
: > "$WORK/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  ROUND=$round
  run "no proxy (plain HTTP to the upstream)" http://127.0.0.1:18081/
  run "$NGINX_NAME" https://127.0.0.1:18444/ "${NGINX_PROXY_PIDS[@]}"
  nginx_rps=$LAST_RPS nginx_p99=$LAST_P99
  run "Open Vault proxy (HTTPS)" https://127.0.0.1:18443/ "$PROXY_PID"
  echo "$round $nginx_rps $nginx_p99 $LAST_RPS $LAST_P99" >> "$WORK/rounds.txt"
done
echo
echo "| round | Open Vault proxy ÷ nginx | added p99 |"
echo "|---|---|---|"
awk '{ printf "| %s | %.2f× | %+.2f ms |\n", $1, $4 / $2, $5 - $3 }' "$WORK/rounds.txt"
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median: $(awk '{ print $4 / $2 }' "$WORK/rounds.txt" | median)× nginx's requests/s, p99 $(awk '{ print $5 - $3 }' "$WORK/rounds.txt" | median) ms above nginx's"
echo "(targets: ≥ 1.0× and within +1 ms)"
echo
echo "Open Vault proxy RSS after the run: $(( $(awk '/VmRSS/ {print $2}' /proc/$PROXY_PID/status) / 1024 )) MB"
