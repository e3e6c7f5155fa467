#!/usr/bin/env bash
# Our services against nginx serving the very same bytes as static files, side by side in one run: the exhibit page
# from the frontend (as browsers ask for it, Brotli, and uncompressed) and the exhibit detail, slug lookup and
# listing JSON from the backend. Rounds alternate between the two servers so a busy machine hurts both alike.
#
# Usage: bench/vs-nginx.sh            measures the stack `./ov up` runs (started here, with its flags, when nothing
#                                     answers on the ports below; stopped again at the end)
#        FRONTEND_URL=… BACKEND_URL=… bench/vs-nginx.sh   measures an already running stack
# Settings: ROUNDS (2), DURATION (8s), WARMUP (10s of each target before its rounds: the JIT compiles what a
#           freshly started service runs, which nginx has no need of), CONNECTIONS (16), NGINX_PORT (3900).
# Output: one Markdown row per target and round, then the median ratio per target.
set -euo pipefail
cd "$(dirname "$0")/.."
FRONTEND_URL=${FRONTEND_URL:-http://127.0.0.1:3000}
BACKEND_URL=${BACKEND_URL:-http://127.0.0.1:8000}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-10s}
DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-16}
NGINX_PORT=${NGINX_PORT:-3900}
SLUG=${SLUG:-voices-of-the-civil-rights-era}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx curl" >&2; exit 1; }
done

work=$(mktemp -d)
stack_pid=""
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if [ -n "$stack_pid" ]; then kill -TERM -- "-$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! curl -fs -o /dev/null "$FRONTEND_URL/health"; then
  echo "nothing answers at $FRONTEND_URL: starting ./ov up (its flags; logs in .ov/)" >&2
  setsid ./ov up > "$work/ov-up.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$FRONTEND_URL/health" && curl -fs -o /dev/null "$BACKEND_URL/api/v2/health/" && break
    kill -0 "$stack_pid" 2>/dev/null || { cat "$work/ov-up.log" >&2; exit 1; }
    sleep 0.5
  done
fi

id=$(curl -fs "$BACKEND_URL/api/v2/pages/?type=exhibits.ExhibitPage&slug=$SLUG" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
[ -n "$id" ] || { echo "no exhibit with slug $SLUG at $BACKEND_URL" >&2; exit 1; }

# name | URL of our service | Accept-Encoding sent | content type nginx gives the same bytes
TARGETS=(
  "exhibit page, br|$FRONTEND_URL/exhibits/$SLUG|br, gzip|text/html"
  "exhibit page, uncompressed|$FRONTEND_URL/exhibits/$SLUG||text/html"
  "API exhibit detail|$BACKEND_URL/api/v2/exhibits/$id/||application/json"
  "API slug lookup|$BACKEND_URL/api/v2/pages/?type=exhibits.ExhibitPage&slug=$SLUG&fields=*||application/json"
  "API exhibits listing|$BACKEND_URL/api/v2/exhibits/?limit=999999&fields=*||application/json"
)

# Every target's bytes become a file nginx serves with the same content type and encoding.
mkdir -p "$work/html"
locations=""
for i in "${!TARGETS[@]}"; do
  IFS='|' read -r name url coding type <<< "${TARGETS[$i]}"
  curl -fs ${coding:+-H "Accept-Encoding: $coding"} -D "$work/headers-$i" -o "$work/html/t$i" "$url"
  encoding=$(grep -i '^content-encoding:' "$work/headers-$i" | tr -d '\r' | awk '{print $2}' || true)
  locations+="location = /t$i { default_type $type; ${encoding:+add_header Content-Encoding $encoding;} }"$'\n'
done
cat > "$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/html;
    $locations
  }
}
EOF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.5

measure() { # url coding -> "req/s p99ms"
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency ${2:+-H "Accept-Encoding: $2"} "$1")
  echo "$out" | awk '/Requests\/sec/ {rps=$2} /^ +99%/ {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000} p99=v} END {printf "%d %.2f", rps, p99}'
}

echo "wrk -t2 -c$CONNECTIONS -d$DURATION, $ROUNDS alternating rounds, $(nproc) cores"
echo
echo "| target | bytes | round | ours req/s | ours p99 ms | nginx req/s | nginx p99 ms | ours / nginx |"
echo "|---|---|---|---|---|---|---|---|"
declare -A ratios
for i in "${!TARGETS[@]}"; do
  IFS='|' read -r name url coding type <<< "${TARGETS[$i]}"
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" ${coding:+-H "Accept-Encoding: $coding"} "$url" > /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    read -r ours ours_p99 <<< "$(measure "$url" "$coding")"
    read -r theirs theirs_p99 <<< "$(measure "http://127.0.0.1:$NGINX_PORT/t$i" "$coding")"
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.2f", a / b}')
    ratios[$i]+="$ratio "
    echo "| $name | $(stat -c %s "$work/html/t$i") | $round | $ours | $ours_p99 | $theirs | $theirs_p99 | $ratio |"
  done
done
echo
for i in "${!TARGETS[@]}"; do
  IFS='|' read -r name _ <<< "${TARGETS[$i]}"
  echo "median ours/nginx, $name: $(echo "${ratios[$i]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
