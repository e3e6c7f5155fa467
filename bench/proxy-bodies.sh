#!/usr/bin/env bash
# Large bodies through the Open Vault proxy (HTTPS) to a trivial nginx upstream, both ways, over HTTP/1.1 and
# HTTP/2 (curl, nghttp2); nginx closes its connection right after each download, so no upstream connection is
# reused. Reports MB/s of each transfer and whether every byte arrived (a cut transfer is a bug, whatever the speed;
# Http2Test has the race that cut them, which this bench does not provoke reliably).
# The proxy starts as ./ov up starts it (proxy/jvm.options, its AOT cache) with bench/proxy-bench.yaml for routes to
# the bench's own upstream, which serves the large files; so it cannot point at an already running proxy.
#   bench/proxy-bodies.sh     (needs nginx, openssl, curl, a JDK 21+)
# Env: SIZE_MB (default 50), ROUNDS (default 3),
#      PROXY_JAVA_OPTS (JVM flags after proxy/jvm.options, which ./ov up and the image run it with; default none).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SIZE_MB=${SIZE_MB:-50}
ROUNDS=${ROUNDS:-3}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-}
require_tools nginx openssl curl
build_modules proxy
WORK=$(mktemp -d /tmp/proxy-bodies-bench.XXXXXX)
REMOVE_DIRS+=("$WORK")
self_signed_certificate "$WORK"
SIZE=$(( SIZE_MB * 1000 * 1000 ))
mkdir -p "$WORK/www"
head -c "$SIZE" /dev/zero > "$WORK/www/big.bin"
start_nginx "$WORK" upstream "server {
    listen 127.0.0.1:18081;
    # One request per connection: nginx closes right after the last byte of each answer.
    keepalive_timeout 0;
    client_max_body_size 0;
    root $WORK/www;
    # Read the whole upload before answering (proxy_pass buffers the body; \"return\" alone answers early).
    location = /upload { proxy_pass http://127.0.0.1:18082; }
  }
  server {
    listen 127.0.0.1:18082;
    location / { return 200 \"ok\\n\"; }
  }"
PROXY_CONFIG_FILE=bench/proxy-bench.yaml PROXY_TLS_CERTIFICATE=$WORK/tls.crt PROXY_TLS_KEY=$WORK/tls.key \
  service_java proxy $(aot_flags proxy) $PROXY_JAVA_OPTS > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
wait_for https://127.0.0.1:18443/upload "$PROXY_PID" proxy || { tail -20 "$WORK/proxy.log" >&2; exit 1; }

# One transfer: "MB/s" when every byte arrived, else "CUT at N bytes (curl exit E)".
transfer() { # version direction
  local out exit=0 bytes seconds
  if [ "$2" = down ]; then
    out=$(curl -sk "$1" -o /dev/null -w '%{size_download} %{time_total}' https://localhost:18443/big.bin) || exit=$?
  else
    out=$(curl -sk "$1" -T "$WORK/www/big.bin" -o /dev/null -w '%{size_upload} %{time_total}' https://localhost:18443/upload) || exit=$?
  fi
  bytes=${out% *} seconds=${out#* }
  if [ "$bytes" = "$SIZE" ] && [ "$exit" = 0 ]; then
    awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.0f MB/s", b / s / 1e6 }'
  else
    echo "CUT at $bytes bytes (curl exit $exit)"
  fi
}
echo "$SIZE_MB MB each way through the proxy (HTTPS); $(nproc) cores; $ROUNDS rounds"
echo
echo "| round | HTTP/1.1 down | HTTP/2 down | HTTP/1.1 up | HTTP/2 up |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  echo "| $round | $(transfer --http1.1 down) | $(transfer --http2 down) | $(transfer --http1.1 up) | $(transfer --http2 up) |"
done
