#!/usr/bin/env bash
# Throughput and p99 latency through the Open Vault proxy (HTTPS, keep-alive) to a trivial upstream, side by side
# with nginx configured the same way (TLS termination, proxy_pass with keep-alive upstream connections,
# X-Forwarded-* headers, no access log) and with no proxy at all.
#   bench/proxy.sh            (needs: apt-get install -y nginx wrk; openssl; a JDK 21+)
# Env: DURATION (default 20s), CONNECTIONS (default 64), THREADS (default 2), WARMUP (default 40s; the JIT needs it, more so on a busy machine),
#      PROXY_JAVA_OPTS (default -XX:+UseParallelGC -Xmx256m).
# Besides requests/s and latency it reports CPU time per request (user + system, from /proc) of nginx (the upstream,
# plus the proxying in nginx's own run) and of the Open Vault proxy: the fairer measure on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-40s}
# The proxy's JVM flags as ./ov runs it (the image adds -XX:+UseParallelGC to its container-sized heap).
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:--XX:+UseParallelGC -Xmx256m}
if [ -z "${JAVA_HOME:-}" ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
for tool in nginx wrk openssl curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx wrk openssl curl" >&2; exit 1; }
done
[ -f proxy/target/proxy.jar ] || mvn -B -ntp -pl proxy -am -DskipTests package

WORK=$(mktemp -d /tmp/proxy-bench.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

# One self-signed EC certificate for both proxies.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null

# The trivial upstream (nginx answering a fixed 13-byte body) and nginx as the reference proxy.
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx.conf" <<CONF
user root;
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx;
  proxy_temp_path $WORK/nginx;
  upstream app { server 127.0.0.1:18081; keepalive 64; }
  server {
    listen 127.0.0.1:18081;
    keepalive_requests 1000000;
    location / { default_type text/plain; return 200 "Hello, vault\n"; }
  }
  server {
    listen 127.0.0.1:18444 ssl;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_set_header X-Real-IP \$remote_addr;
    }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
PIDS+=($!)

PROXY_CONFIG_FILE=bench/proxy-bench.yaml PROXY_TLS_CERTIFICATE=$WORK/tls.crt PROXY_TLS_KEY=$WORK/tls.key \
  "$JAVA_HOME/bin/java" $PROXY_JAVA_OPTS -jar proxy/target/proxy.jar > "$WORK/proxy.log" 2>&1 &
PIDS+=($!)
PROXY_PID=$!

for url in http://127.0.0.1:18081/ https://127.0.0.1:18444/ https://127.0.0.1:18443/; do
  for _ in $(seq 1 120); do curl -ksf -o /dev/null "$url" && break; sleep 0.25; done
  curl -ksf -o /dev/null "$url" || { echo "$url does not answer"; cat "$WORK/proxy.log"; exit 1; }
done

# CPU time (clock ticks, user + system) used so far by the given processes.
ticks() { local sum=0 pid; for pid in "$@"; do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$sum"; }
NGINX_PIDS=()
run() { # name url
  local nginx_before proxy_before
  nginx_before=$(ticks "${NGINX_PIDS[@]}"); proxy_before=$(ticks "$PROXY_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" > "$WORK/$1.txt"
  local nginx_ticks=$(( $(ticks "${NGINX_PIDS[@]}") - nginx_before )) proxy_ticks=$(( $(ticks "$PROXY_PID") - proxy_before ))
  local rps p50 p99 requests
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.txt")
  # CPU per request in microseconds: nginx (upstream and, in its own run, the proxying) and the Open Vault proxy.
  local hz; hz=$(getconf CLK_TCK)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" \
    "$(( nginx_ticks * 1000000 / hz / requests ))" "$(( proxy_ticks * 1000000 / hz / requests ))"
}

mapfile -t NGINX_PIDS < <(cat "$WORK/nginx.pid"; pgrep -P "$(cat "$WORK/nginx.pid")")
echo "Warming up the JVM ($WARMUP)..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" https://127.0.0.1:18443/ > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s https://127.0.0.1:18444/ > /dev/null

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive; $(nproc) cores"
echo
echo "| target | requests/s | p50 | p99 | nginx CPU µs/request | Open Vault proxy CPU µs/request |"
echo "|---|---|---|---|---|---|"
run "no proxy (plain HTTP to the upstream)" http://127.0.0.1:18081/
run "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') (HTTPS)" https://127.0.0.1:18444/
run "Open Vault proxy (HTTPS)" https://127.0.0.1:18443/
echo
echo "Open Vault proxy RSS after the run: $(( $(awk '/VmRSS/ {print $2}' /proc/$PROXY_PID/status) / 1024 )) MB"
