#!/usr/bin/env bash
# Throughput and p99 latency through the Open Vault proxy (HTTPS, keep-alive) to a trivial upstream, side by side
# with nginx configured the same way (TLS termination, proxy_pass with keep-alive upstream connections,
# X-Forwarded-* headers, no access log) and with no proxy at all.
#   bench/proxy.sh            (needs: apt-get install -y nginx wrk; openssl; a JDK 21+)
# Env: DURATION (default 20s), CONNECTIONS (default 64), THREADS (default 2), WARMUP (default 40s; the JIT needs it, more so on a busy machine),
#      ROUNDS (default 3: nginx and the proxy measured alternately, each round giving a ratio; on a shared 2-core
#      machine one run swings by ±20 %, so the median ratio is the number to quote),
#      PROXY_JAVA_OPTS (JVM flags after proxy/jvm.options, which ./ov up and the image run it with; default none).
# Besides requests/s and latency it reports CPU time per request (user + system, from /proc) of the upstream and of
# the proxy in the path (nginx or the Open Vault proxy): the steadier measure on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-40s}
ROUNDS=${ROUNDS:-3}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-}
# The JDK, and service_java / aot_flags / train_aot_caches: the proxy starts as ./ov up starts it.
source ./ov
for tool in nginx wrk openssl curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx wrk openssl curl" >&2; exit 1; }
done
[ -f proxy/target/proxy.jar ] || mvn -B -ntp -pl proxy -am -DskipTests package
train_aot_caches

WORK=$(mktemp -d /tmp/proxy-bench.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

# One self-signed EC certificate for both proxies.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null

# The trivial upstream (nginx answering a fixed 13-byte body) and nginx as the reference proxy: two separate
# nginx instances, so that both proxies reach the same upstream process over loopback (one instance serving both
# roles would answer its own upstream requests in the same event-loop pass, which no real deployment does).
nginx_conf() { # name, server block
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1.conf" <<CONF
user root;
worker_processes auto;
daemon off;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1;
  proxy_temp_path $WORK/$1;
  upstream app { server 127.0.0.1:18081; keepalive 64; }
  $2
}
CONF
}
nginx_conf upstream 'server {
    listen 127.0.0.1:18081;
    keepalive_requests 1000000;
    location / { default_type text/plain; return 200 "Hello, vault\n"; }
  }'
nginx_conf nginx-proxy "server {
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
nginx -c "$WORK/upstream.conf" -p "$WORK" &
PIDS+=($!)
nginx -c "$WORK/nginx-proxy.conf" -p "$WORK" &
PIDS+=($!)

PROXY_CONFIG_FILE=bench/proxy-bench.yaml PROXY_TLS_CERTIFICATE=$WORK/tls.crt PROXY_TLS_KEY=$WORK/tls.key \
  service_java proxy $(aot_flags proxy) $PROXY_JAVA_OPTS > "$WORK/proxy.log" 2>&1 &
PIDS+=($!)
PROXY_PID=$!

for url in http://127.0.0.1:18081/ https://127.0.0.1:18444/ https://127.0.0.1:18443/; do
  for _ in $(seq 1 120); do curl -ksf -o /dev/null "$url" && break; sleep 0.25; done
  curl -ksf -o /dev/null "$url" || { echo "$url does not answer"; cat "$WORK/proxy.log"; exit 1; }
done

# CPU time (clock ticks, user + system) used so far by the given processes.
ticks() { local sum=0 pid; for pid in "$@"; do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$sum"; }
# wrk's latency ("850.00us", "4.56ms", "1.20s") in milliseconds.
milliseconds() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000; print v }'; }
UPSTREAM_PIDS=()
NGINX_PROXY_PIDS=()
run() { # name url [pids of the proxy in the path]
  local name=$1 url=$2; shift 2
  local upstream_before proxy_before=0
  upstream_before=$(ticks "${UPSTREAM_PIDS[@]}")
  [ $# -gt 0 ] && proxy_before=$(ticks "$@")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" > "$WORK/run.txt"
  local upstream_ticks=$(( $(ticks "${UPSTREAM_PIDS[@]}") - upstream_before )) proxy_ticks=0
  [ $# -gt 0 ] && proxy_ticks=$(( $(ticks "$@") - proxy_before ))
  local rps p50 p99 requests hz
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/run.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/run.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/run.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/run.txt")
  hz=$(getconf CLK_TCK)
  LAST_RPS=$rps
  LAST_P99=$(milliseconds "$p99")
  # CPU time per request in microseconds (user + system): the upstream's, and the proxy's in the path.
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$ROUND" "$name" "$rps" "$p50" "$p99" \
    "$(( upstream_ticks * 1000000 / hz / requests ))" "$( [ $# -gt 0 ] && echo $(( proxy_ticks * 1000000 / hz / requests )) || echo –)"
}

mapfile -t UPSTREAM_PIDS < <(cat "$WORK/upstream.pid"; pgrep -P "$(cat "$WORK/upstream.pid")")
mapfile -t NGINX_PROXY_PIDS < <(cat "$WORK/nginx-proxy.pid"; pgrep -P "$(cat "$WORK/nginx-proxy.pid")")
echo "Warming up the JVM ($WARMUP)..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" https://127.0.0.1:18443/ > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s https://127.0.0.1:18444/ > /dev/null

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive; $(nproc) cores; $ROUNDS rounds"
echo
echo "| round | target | requests/s | p50 | p99 | upstream CPU µs/request | proxy CPU µs/request |"
echo "|---|---|---|---|---|---|---|"
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
echo "(targets: ≥ 0.8× and < 2 ms)"
echo
echo "Open Vault proxy RSS after the run: $(( $(awk '/VmRSS/ {print $2}' /proc/$PROXY_PID/status) / 1024 )) MB"
