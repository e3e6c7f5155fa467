#!/usr/bin/env bash
# HTTP/2 through the Open Vault proxy (h2 by ALPN) to a trivial nginx upstream: the event-loop engine and the
# Helidon engine, each with one connection keeping STREAMS requests in flight (bench/Http2Load.java, a JDK HTTP/2
# client: h2load is not installed). The client runs on the same 2 cores, so compare the engines with each other.
#   bench/proxy-h2.sh         (needs nginx, openssl, curl, a JDK 21+)
# Env: DURATION seconds (default 20), STREAMS (default 64), WARMUP seconds (default 30), ROUNDS (default 3),
#      PROXY_JAVA_OPTS (JVM flags after proxy/jvm.options, which ./ov up and the image run it with; default none).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}
STREAMS=${STREAMS:-64}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-3}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:-}
# The JDK, and service_java / aot_flags / train_aot_caches: the proxy starts as ./ov up starts it.
source ./ov
[ -f proxy/target/proxy.jar ] || mvn -B -ntp -pl proxy -am -DskipTests package
train_aot_caches
WORK=$(mktemp -d /tmp/proxy-h2-bench.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
mkdir -p "$WORK/upstream"
cat > "$WORK/upstream.conf" <<CONF
user root;
worker_processes auto;
daemon off;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/upstream;
  server {
    listen 127.0.0.1:18081;
    keepalive_requests 1000000;
    location / { default_type text/plain; return 200 "Hello, vault\n"; }
  }
}
CONF
nginx -c "$WORK/upstream.conf" -p "$WORK" &
PIDS+=($!)
start_proxy() { # port engine
  PROXY_CONFIG_FILE=bench/proxy-bench.yaml PROXY_TLS_CERTIFICATE=$WORK/tls.crt PROXY_TLS_KEY=$WORK/tls.key \
    PROXY_ENTRYPOINTS_WEBSECURE_PORT=$1 PROXY_ENTRYPOINTS_WEBSECURE_ENGINE=$2 \
    service_java proxy $(aot_flags proxy) $PROXY_JAVA_OPTS > "$WORK/proxy-$2.log" 2>&1 &
  PIDS+=($!)
}
start_proxy 18443 helidon
start_proxy 18445 event-loop
for url in http://127.0.0.1:18081/ https://127.0.0.1:18443/ https://127.0.0.1:18445/; do
  for _ in $(seq 1 120); do curl -ksf -o /dev/null "$url" && break; sleep 0.25; done
done
load() { "$JAVA_HOME/bin/java" -XX:+UseParallelGC bench/Http2Load.java "$1" "$STREAMS" "$2"; }
echo "Warming up ($WARMUP s each)..."
load https://localhost:18443/ "$WARMUP" > /dev/null
load https://localhost:18445/ "$WARMUP" > /dev/null
echo
echo "one HTTP/2 connection, $STREAMS streams in flight, ${DURATION} s; $(nproc) cores; $ROUNDS rounds"
echo
echo "| round | engine | result |"
echo "|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  echo "| $round | helidon | $(load https://localhost:18443/ "$DURATION") |"
  echo "| $round | event-loop | $(load https://localhost:18445/ "$DURATION") |"
done
