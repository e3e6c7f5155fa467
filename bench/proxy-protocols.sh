#!/usr/bin/env bash
# What each protocol the proxy keeps for browsers costs: the same small GET (a 13-byte answer from a trivial nginx
# upstream) over HTTP/1.1 and over HTTP/2 (TLS, chosen by ALPN), and WebSocket messages (wss://, 32 bytes) to an
# echo server, IN_FLIGHT requests or messages kept going by the JDK's clients (bench/ProtocolLoad.java: h2load is not
# installed, wrk speaks only HTTP/1.1). The WebSocket load also runs straight to the echo server (ws://, no proxy), and
# when wrk is installed HTTP/1.1 also runs from wrk (-t2), the client of bench/proxy.sh, faster than the JDK's.
# Each measurement warms its client up first (WARMUP s, the JDK client's JIT: a cold client halves the rate and
# doubles the proxy's CPU per message), then reports requests or messages/s, latency, and the proxy's CPU time per
# request or message (user + system) over DURATION s: the steady measure on a busy machine. Each round runs every
# protocol once, so they alternate. The client runs on the same cores, so compare the rows of one run with each
# other, not with other tools' figures.
#   bench/proxy-protocols.sh     (needs nginx, openssl, curl, a JDK 21+; wrk optional)
# Env: DURATION seconds per measurement (default 15), WARMUP seconds before each (default 10), IN_FLIGHT (default 64),
#      ROUNDS (default 3), UPSTREAM_PORT / ECHO_PORT / PROXY_PORT (default 18081 / 18083 / 18443),
#      PROXY_JAVA_OPTS (JVM flags after proxy/jvm.options, which ./ov up and the image run it with; default none).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
IN_FLIGHT=${IN_FLIGHT:-64}
ROUNDS=${ROUNDS:-3}
UPSTREAM_PORT=${UPSTREAM_PORT:-18081}
ECHO_PORT=${ECHO_PORT:-18083}
PROXY_PORT=${PROXY_PORT:-18443}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-}
require_tools nginx openssl curl
build_modules proxy
WORK=$(mktemp -d /tmp/proxy-protocols-bench.XXXXXX)
REMOVE_DIRS+=("$WORK")
self_signed_certificate "$WORK"
start_nginx "$WORK" upstream "server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    keepalive_requests 1000000;
    location / { default_type text/plain; return 200 \"Hello, vault\\n\"; }
  }"
# The WebSocket echo server of the proxy's tests (proxy/src/test), which the build compiled.
java -cp proxy/target/test-classes org.openvault.proxy.WebSocketEcho "$ECHO_PORT" > "$WORK/echo.log" 2>&1 &
PIDS+=($!)
start_bench_proxy "$WORK" / PROXY_SERVICES_WEBSOCKET_SERVERS="http://127.0.0.1:$ECHO_PORT"

load() { # mode url warmup seconds [pid]
  java -XX:+UseParallelGC bench/ProtocolLoad.java "$1" "$2" "$IN_FLIGHT" "$3" "$4" ${5:+"$5"}
}
HTTP_URL=https://localhost:$PROXY_PORT/
PROXIED_WS_URL=wss://localhost:$PROXY_PORT/ws
DIRECT_WS_URL=ws://127.0.0.1:$ECHO_PORT/ws
echo "Warming the proxy up ($(( 3 * WARMUP )) s)..."
for mode in http/1.1 h2; do load "$mode" "$HTTP_URL" "$WARMUP" 1 > /dev/null; done
load websocket "$PROXIED_WS_URL" "$WARMUP" 1 > /dev/null
echo
echo "$IN_FLIGHT requests or messages in flight, $DURATION s measured after $WARMUP s; $(nproc) cores;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# wrk's summary in the same words as ProtocolLoad's (it warms up nothing of its own: a C client).
wrk_load() {
  local before requests
  before=$(ticks "$PROXY_PID")
  wrk -t2 -c"$IN_FLIGHT" -d"${DURATION}s" --latency "$HTTP_URL" > "$WORK/wrk.txt"
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  echo "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/wrk.txt") requests/s, p50 $(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")," \
    "p99 $(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt"), $requests requests, process $PROXY_PID CPU" \
    "$(( ($(ticks "$PROXY_PID") - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs per request"
}
echo "| round | path | result (CPU: the proxy's) |"
echo "|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  if command -v wrk > /dev/null; then
    echo "| $round | HTTP/1.1 over TLS from wrk, $IN_FLIGHT connections | $(wrk_load) |"
  fi
  echo "| $round | HTTP/1.1 over TLS, up to $IN_FLIGHT connections | $(load http/1.1 "$HTTP_URL" "$WARMUP" "$DURATION" "$PROXY_PID") |"
  echo "| $round | HTTP/2 over TLS, one connection | $(load h2 "$HTTP_URL" "$WARMUP" "$DURATION" "$PROXY_PID") |"
  echo "| $round | WebSocket over TLS (wss://), $IN_FLIGHT sockets | $(load websocket "$PROXIED_WS_URL" "$WARMUP" "$DURATION" "$PROXY_PID") |"
  echo "| $round | WebSocket straight to the echo server (ws://) | $(load websocket "$DIRECT_WS_URL" "$WARMUP" "$DURATION") |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); proxy RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$PROXY_PID/status) / 1024 )) MB"
