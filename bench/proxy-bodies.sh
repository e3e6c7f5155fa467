#!/usr/bin/env bash
# Large bodies through the Open Vault proxy (HTTPS) to a trivial nginx upstream, both ways, over HTTP/1.1 and
# HTTP/2 (curl, nghttp2); nginx closes its connection right after each download, so no upstream connection is
# reused. Reports MB/s of each transfer and whether every byte arrived (a cut transfer is a bug, whatever the speed;
# Http2Test has the race that cut them, which this bench does not provoke reliably).
# The proxy starts as ./ov up starts it (proxy/jvm.options, its AOT cache) with bench/proxy-bench.yaml for routes to
# the bench's own upstream, which serves the large files; so it cannot point at an already running proxy.
#   bench/proxy-bodies.sh     (needs nginx, openssl, curl, a JDK 21+)
# Env: SIZE_MB (default 50), ROUNDS (default 3), UPSTREAM_PORT / PROXY_PORT (default 18081 / 18443; nginx also
#      listens on UPSTREAM_PORT + 1),
#      PROXY_JAVA_OPTS (JVM flags after proxy/jvm.options, which ./ov up and the image run it with; default none).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SIZE_MB=${SIZE_MB:-50}
ROUNDS=${ROUNDS:-3}
UPSTREAM_PORT=${UPSTREAM_PORT:-18081}
PROXY_PORT=${PROXY_PORT:-18443}
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
    listen 127.0.0.1:$UPSTREAM_PORT;
    # One request per connection: nginx closes right after the last byte of each answer.
    keepalive_timeout 0;
    client_max_body_size 0;
    root $WORK/www;
    # Read the whole upload before answering (proxy_pass buffers the body; \"return\" alone answers early).
    location = /upload { proxy_pass http://127.0.0.1:$((UPSTREAM_PORT + 1)); }
  }
  server {
    listen 127.0.0.1:$((UPSTREAM_PORT + 1));
    location / { return 200 \"ok\\n\"; }
  }"
start_bench_proxy "$WORK" /upload

# One transfer: "MB/s, the proxy's CPU ms" when every byte arrived, else "CUT at N bytes (curl exit E)".
transfer() { # version direction
  local out exit=0 bytes seconds before
  before=$(ticks "$PROXY_PID")
  if [ "$2" = down ]; then
    out=$(curl -sk "$1" -o /dev/null -w '%{size_download} %{time_total}' https://localhost:$PROXY_PORT/big.bin) || exit=$?
  else
    out=$(curl -sk "$1" -T "$WORK/www/big.bin" -o /dev/null -w '%{size_upload} %{time_total}' https://localhost:$PROXY_PORT/upload) || exit=$?
  fi
  bytes=${out% *} seconds=${out#* }
  if [ "$bytes" = "$SIZE" ] && [ "$exit" = 0 ]; then
    awk -v b="$bytes" -v s="$seconds" -v t=$(( $(ticks "$PROXY_PID") - before )) -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%.0f MB/s, %.0f ms CPU", b / s / 1e6, t * 1000 / hz }'
  else
    echo "CUT at $bytes bytes (curl exit $exit)"
  fi
}
echo "$SIZE_MB MB each way through the proxy (HTTPS), the proxy's CPU time (user + system) per transfer; $(nproc) cores;" \
  "$ROUNDS rounds; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | HTTP/1.1 down | HTTP/2 down | HTTP/1.1 up | HTTP/2 up |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  echo "| $round | $(transfer --http1.1 down) | $(transfer --http2 down) | $(transfer --http1.1 up) | $(transfer --http2 up) |"
done
