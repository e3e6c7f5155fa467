#!/usr/bin/env bash
# Reliability suite: the whole stack (a PostgreSQL of its own, demo content, backend, frontend, proxy over HTTPS) is
# started on ports 19xxx, faults are injected, and a table says for each scenario what was done, what was measured and
# whether it held. Everything started here is stopped and removed at the end. Exit status 1 when a scenario failed.
# It always starts its own stack, as ./ov up starts each service (<module>/jvm.options, AOT caches): the faults it
# injects (stopping PostgreSQL, killing the backend) would harm a stack someone is using.
#   bench/reliability.sh                   every scenario (2.5–3.5 minutes on a shared 2-core machine)
#   bench/reliability.sh fuzz stale        the named ones: db-read db-write stale slowloris fuzz oversized
# Scenarios:
#   db-read    readers on the API (backend) and on site pages (proxy) while PostgreSQL is stopped for DOWN_SECONDS and
#              started again: failed reads, and the time from PostgreSQL accepting connections to the last failure.
#   db-write   editors saving drafts through the admin API (a bearer token made in the database) across the same
#              restart: every acknowledged save is in page_revision afterwards with the content sent.
#   stale      every exhibit and collection page and the listings read through the proxy, the backend killed (-9),
#              all read again: each must be 200 X-Cache: STALE. The backend is started again afterwards.
#   slowloris  SLOW_CONNECTIONS connections trickling header lines at the proxy (TLS) and then at the frontend,
#              while a page is requested every 250 ms on a new connection: its latency and status.
#   fuzz       FUZZ_API random query strings on /api/v2/ endpoints (backend) and FUZZ_SITE random site addresses
#              (proxy): the number of 5xx must be 0.
#   oversized  request lines, headers and bodies far over any limit, to the proxy, the frontend and the backend:
#              4xx or a closed connection, never a 5xx, never no answer in 20 s.
# Needs: a JDK 21+, Maven, curl, psql and PostgreSQL's server binaries (/usr/lib/postgresql/*/bin; as root they run as
# the postgres user). The PostgreSQL at 127.0.0.1:5432 is not touched.
# Env: PORT_BASE (default 19400: PostgreSQL +0, backend +1, frontend +2, proxy HTTPS +3, HTTP +4, internal +5),
#      DOWN_SECONDS (3), LOAD_SECONDS (14), SLOW_CONNECTIONS (1000), SLOW_SECONDS (15), FUZZ_API (10000),
#      FUZZ_SITE (1000), STOP_MODE (pg_ctl stop mode: fast, or immediate for a crash).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

PORT_BASE=${PORT_BASE:-19400}
PG_PORT=$PORT_BASE
BACKEND_PORT=$((PORT_BASE + 1))
FRONTEND_PORT=$((PORT_BASE + 2))
PROXY_PORT=$((PORT_BASE + 3))
DOWN_SECONDS=${DOWN_SECONDS:-3}
LOAD_SECONDS=${LOAD_SECONDS:-14}
SLOW_CONNECTIONS=${SLOW_CONNECTIONS:-1000}
SLOW_SECONDS=${SLOW_SECONDS:-15}
FUZZ_API=${FUZZ_API:-10000}
FUZZ_SITE=${FUZZ_SITE:-1000}
STOP_MODE=${STOP_MODE:-fast}
ALL=(db-read db-write stale slowloris fuzz oversized)
SELECTED=("$@")
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${ALL[@]}")
for s in "${SELECTED[@]}"; do
  [[ " ${ALL[*]} " == *" $s "* ]] || { echo "unknown scenario $s; known: ${ALL[*]}" >&2; exit 2; }
done

require_tools curl psql
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PG_BIN/pg_ctl" ] || { echo "missing PostgreSQL server binaries: apt-get install -y postgresql" >&2; exit 1; }
build_modules db,backend,frontend,proxy
WORK=$(mktemp -d /tmp/ov-reliability.XXXXXX)
REMOVE_DIRS+=("$WORK")
javac -d "$WORK/classes" bench/Reliability.java
# The load and fault clients; READY=file makes a load client create that file once its load runs.
load() { java -Xmx256m ${READY:+-Dready="$READY"} -cp "$WORK/classes" Reliability "$@"; }

# ---- the stack ---------------------------------------------------------------------------------------------------

# initdb and the server refuse to run as root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -w "$@" > /dev/null; }
mkdir -p "$WORK/pgdata"
[ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres -A trust > "$WORK/initdb.log"
pg -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start
stop_postgres() { pg -m fast stop 2>/dev/null || true; }
trap 'stop_postgres; bench_cleanup' EXIT
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtA -d postgres)
DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
load_demo "$DB_URL" "$WORK/media" > "$WORK/demo.log"

start_backend "$BACKEND_PORT" "$WORK/backend.log" OV_MEDIA_ROOT="$WORK/media" OV_SCHEDULER_ENABLED=false
OV_API_URL=http://127.0.0.1:$BACKEND_PORT SERVER_PORT=$FRONTEND_PORT \
  service_java frontend $(aot_flags frontend) > "$WORK/frontend.log" 2>&1 &
FRONTEND_PID=$!
PIDS+=("$FRONTEND_PID")
PROXY_ENTRYPOINTS_WEBSECURE_PORT=$PROXY_PORT PROXY_ENTRYPOINTS_WEB_PORT=$((PORT_BASE + 4)) \
  PROXY_ENTRYPOINTS_INTERNAL_PORT=$((PORT_BASE + 5)) PROXY_HOST=127.0.0.1 \
  PROXY_SERVICES_FRONTEND_SERVERS=http://127.0.0.1:$FRONTEND_PORT PROXY_SERVICES_BACKEND_SERVERS=http://127.0.0.1:$BACKEND_PORT \
  PROXY_ACCESS_LOG_FILE="$WORK/access.log" \
  service_java proxy $(aot_flags proxy) > "$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
wait_for "http://127.0.0.1:$FRONTEND_PORT/health" "$FRONTEND_PID" frontend
wait_for "https://127.0.0.1:$PROXY_PORT/health" "$PROXY_PID" proxy
API=http://127.0.0.1:$BACKEND_PORT
SITE=https://127.0.0.1:$PROXY_PORT
# Renditions are made on first use; made now so no scenario waits for them.
curl -sf -o /dev/null "$API/api/v2/exhibits/?limit=999999&fields=*" || true
curl -sf -o /dev/null "$API/api/v2/collections/?limit=999999&fields=*" || true

# An administrator's bearer token, made directly in the database (logging in would measure argon2).
TOKEN=ov_reliability_$RANDOM$RANDOM$RANDOM
"${PSQL[@]}" <<SQL
INSERT INTO app_user (username, role) VALUES ('reliability', 'administrator');
INSERT INTO auth_session (user_id, kind, secret_hash, expires_at)
  SELECT id, 'token', sha256(convert_to('$TOKEN', 'UTF8')), now() + interval '1 day' FROM app_user
  WHERE username = 'reliability';
SQL

# ---- results -----------------------------------------------------------------------------------------------------

ROWS=()
FAILED=0
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<< "$2"; }
row() { # scenario, what was done, measured, held (yes/no), verdict text
  ROWS+=("$1|$2|$3|$5|$(load_average)")
  [ "$4" = yes ] || FAILED=1
  printf '  -> %s: %s (%s)\n' "$1" "$3" "$5"
}
now_ms() { date +%s%3N; }

# Once every load client named has started (its -Dready file exists) and run 3 s, stops PostgreSQL, keeps it down
# DOWN_SECONDS and starts it again; sets PG_UP_MS to when it accepted connections again.
restart_postgres_under_load() { # ready file...
  for f in "$@"; do
    for _ in $(seq 1 300); do [ -e "$f" ] && break; sleep 0.1; done
  done
  sleep 3
  pg -m "$STOP_MODE" stop
  sleep "$DOWN_SECONDS"
  pg -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" start
  PG_UP_MS=$(now_ms)
}

# ---- scenarios ---------------------------------------------------------------------------------------------------

scenario_db_read() {
  local exhibit slug
  exhibit=$(curl -sf "$API/api/v2/exhibits/?limit=1&fields=_,id" | sed -E 's/.*"id":([0-9]+).*/\1/')
  slug=$(curl -sf "$API/api/v2/exhibits/?limit=1&fields=_,slug" | sed -E 's/.*"slug":"([^"]+)".*/\1/')
  # Half the reads can be answered from the backend's response cache, half must reach PostgreSQL ({n}: new each time).
  rm -f "$WORK"/ready.*
  READY=$WORK/ready.api load read "$LOAD_SECONDS" 6 "$API/api/v2/exhibits/$exhibit/" "$API/api/v2/exhibits/?limit=20&offset={n}" \
    "$API/api/v2/pages/?slug=$slug" "$API/api/v2/search/?q=civil+{n}" > "$WORK/read-api.txt" &
  local api_load=$!
  READY=$WORK/ready.site load read "$LOAD_SECONDS" 2 "$SITE/exhibits/$slug" "$SITE/" "$SITE/exhibits/" > "$WORK/read-site.txt" &
  local site_load=$!
  restart_postgres_under_load "$WORK/ready.api" "$WORK/ready.site"
  wait "$api_load" "$site_load"
  local api site
  api=$(cat "$WORK/read-api.txt")
  site=$(cat "$WORK/read-site.txt")
  local first last recover
  first=$(field first_failure_ms "$api")
  last=$(field last_failure_ms "$api")
  # The last failure's time relative to PostgreSQL accepting connections again (negative: before it).
  recover=$(( last > 0 ? last - PG_UP_MS : 0 ))
  local held=no
  # Held: failures only while the database is down (the last one at most 2 s after it is back), none at all on the
  # site (it serves its recent answers), and only 503s from the API.
  if [ "$(field failed "$site")" = 0 ] && [ "$recover" -le 2000 ] \
      && ! grep -qE 'statuses=.*(500|502|504|error)' <<< "$api"; then held=yes; fi
  row db-read "PostgreSQL stopped ($STOP_MODE) for ${DOWN_SECONDS}s under ${LOAD_SECONDS}s of reads: 6 connections on the API (backend), 2 on site pages through the proxy" \
    "API (half the URLs new each time): $(field failed "$api") of $(field requests "$api") failed ($(field statuses "$api")), failures from $(( first > 0 ? first - PG_UP_MS : 0 )) to ${recover} ms relative to PostgreSQL accepting connections again, slowest answer $(field slowest_ms "$api") ms; site: $(field failed "$site") of $(field requests "$site") failed ($(field statuses "$site")), slowest $(field slowest_ms "$site") ms" \
    "$held" "$([ $held = yes ] && echo "API failures were 503s during the outage only; site answered every read" || echo "see $WORK")"
}

scenario_db_write() {
  local home pages=()
  home=$("${PSQL[@]}" -c "SELECT id FROM page WHERE type = 'home.HomePage' LIMIT 1")
  for i in 1 2 3 4; do
    local id
    id=$("${PSQL[@]}" -c "INSERT INTO page (type, slug, title, live, parent_id) VALUES ('staticpages.StaticPage',
      'reliability-$i-$RANDOM', 'Reliability $i', false, $home) RETURNING id" | head -1)
    "${PSQL[@]}" -c "INSERT INTO static_page (page_id) VALUES ($id)"
    pages+=("$id")
  done
  rm -f "$WORK"/ready.*
  READY=$WORK/ready.write load write "$LOAD_SECONDS" "$API" "$TOKEN" "$WORK/acks.txt" "${pages[@]}" > "$WORK/write.txt" &
  local load=$!
  restart_postgres_under_load "$WORK/ready.write"
  wait "$load"
  local result found acknowledged
  result=$(cat "$WORK/write.txt")
  acknowledged=$(wc -l < "$WORK/acks.txt")
  found=$("${PSQL[@]}" <<SQL | tail -1
CREATE TEMP TABLE ack (line text);
\copy ack FROM '$WORK/acks.txt'
SELECT count(*) FROM ack JOIN page_revision r ON r.id = split_part(line, '|', 1)::bigint
  AND r.content->>'subtitle' = split_part(line, '|', 2);
SQL
)
  local held=no
  if [ "$found" = "$acknowledged" ] && [ "$acknowledged" -gt 0 ] \
      && ! grep -qE 'statuses=.*(500|502|504|error)' <<< "$result"; then held=yes; fi
  row db-write "PostgreSQL stopped ($STOP_MODE) for ${DOWN_SECONDS}s under ${LOAD_SECONDS}s of draft saves by 4 editors (admin API, bearer token)" \
    "answers $(field statuses "$result"); acknowledged $acknowledged, found afterwards with the content sent $found" \
    "$held" "$([ $held = yes ] && echo "every acknowledged save is there; refusals were 503" || echo "see $WORK")"
}

scenario_stale() {
  local pages=(/ /exhibits/ /collections/) slug
  for kind in exhibits collections; do
    for slug in $(curl -sf "$API/api/v2/$kind/?limit=999999&fields=_,slug" | grep -oE '"slug":"[^"]+"' | cut -d'"' -f4); do
      pages+=("/$kind/$slug")
    done
  done
  local warm=0
  for p in "${pages[@]}"; do
    [ "$(curl -ks -o /dev/null -w '%{http_code}' "$SITE$p")" = 200 ] && warm=$((warm + 1))
  done
  kill -9 "$BACKEND_PID"
  wait "$BACKEND_PID" 2>/dev/null || true
  # Past the frontend's fresh-ms (1 s), so every page asks the dead backend first.
  sleep 1.5
  local stale=0 other=()
  local start
  start=$(now_ms)
  for p in "${pages[@]}"; do
    local answer
    answer=$(curl -ks -o /dev/null -D - "$SITE$p" | tr -d '\r')
    if head -1 <<< "$answer" | grep -q ' 200' && grep -qi '^x-cache: stale' <<< "$answer"; then
      stale=$((stale + 1))
    else
      other+=("$p: $(head -1 <<< "$answer")")
    fi
  done
  local took=$(( $(now_ms) - start ))
  printf '    not stale: %s\n' "${other[@]:-none}"
  start_backend "$BACKEND_PORT" "$WORK/backend-2.log" OV_MEDIA_ROOT="$WORK/media" OV_SCHEDULER_ENABLED=false
  local held=no
  [ "$stale" = "${#pages[@]}" ] && [ "$warm" = "${#pages[@]}" ] && held=yes
  row stale "${#pages[@]} pages (every exhibit and collection, home, both listings) read through the proxy ($warm × 200), backend killed -9, all read again" \
    "$stale of ${#pages[@]} answered 200 X-Cache: STALE in $took ms" \
    "$held" "$([ $held = yes ] && echo "none lost from the cache" || echo "${#other[@]} not stale")"
}

scenario_slowloris() {
  local probe=/exhibits/ target result held
  for target in "proxy|$SITE" "frontend|http://127.0.0.1:$FRONTEND_PORT"; do
    result=$(load slowloris "${target#*|}" "$SLOW_CONNECTIONS" "$SLOW_SECONDS" "$probe")
    held=no
    if [ "$(field probe_statuses "$result")" = "{200=$(field probes "$result")}" ] \
        && [ "$(field max_ms "$result" | cut -d. -f1)" -lt 5000 ]; then held=yes; fi
    row "slowloris ${target%%|*}" "$SLOW_CONNECTIONS connections to the ${target%%|*} trickling header lines (a byte every 170 ms, never ending the head); once all were open, GET $probe from another address (127.0.0.2) every 250 ms on a new connection for ${SLOW_SECONDS}s" \
      "$(field slow_opened "$result") opened in $(field open_ms "$result") ms, $(field slow_refused "$result") refused, $(field slow_cut "$result") cut by the server; $(field probes "$result") page requests $(field probe_statuses "$result"), p50 $(field p50_ms "$result") ms, p99 $(field p99_ms "$result") ms, max $(field max_ms "$result") ms, $(field over_1s "$result") over 1 s" \
      "$held" "$([ $held = yes ] && echo "every page request answered 200 within 5 s" || echo "page requests failed or took over 5 s")"
  done
}

scenario_fuzz() {
  local api site held=no
  api=$(load fuzz-api "$API" "$FUZZ_API")
  site=$(load fuzz-site "$SITE" "$FUZZ_SITE")
  [ "$(field 5xx "$api")" = 0 ] && [ "$(field no_answer "$api")" = 0 ] && held=yes
  row "fuzz API" "$FUZZ_API random query strings (known and random names, hostile values, real ids and slugs) on 25 /api/v2/ endpoints, backend direct, 4 at a time" \
    "$(field 5xx "$api") × 5xx, $(field no_answer "$api") without an answer, in $(field seconds "$api") s ($(field statuses "$api"))" \
    "$held" "$([ $held = yes ] && echo "0 × 5xx" || echo "5xx found")"
  held=no
  [ "$(field 5xx "$site")" = 0 ] && [ "$(field no_answer "$site")" = 0 ] && held=yes
  row "fuzz site" "$FUZZ_SITE random site addresses (known prefixes, random segments and percent-escapes, random queries) through the proxy" \
    "$(field 5xx "$site") × 5xx, $(field no_answer "$site") without an answer, in $(field seconds "$site") s ($(field statuses "$site"))" \
    "$held" "$([ $held = yes ] && echo "0 × 5xx" || echo "5xx found")"
}

scenario_oversized() {
  local target result held
  for target in "proxy|$SITE" "frontend|http://127.0.0.1:$FRONTEND_PORT" "backend|$API"; do
    echo "    ${target%%|*}:"
    result=$(load oversized "${target#*|}" "$TOKEN")
    held=no
    [ "$(field 5xx "$result")" = 0 ] && [ "$(field hangs "$result")" = 0 ] && held=yes
    row "oversized ${target%%|*}" "10 requests to the ${target%%|*}: request line 64 KiB, header 64 KiB, 2,000 headers, header block 1 MiB, cookie 32 KiB, admin JSON 64 MiB, upload 64 MiB, chunked login 16 MiB, Content-Length 1 TB, search POST 16 MiB" \
      "statuses in that order: $(field statuses "$result") (-1: closed without an answer)" \
      "$held" "$([ $held = yes ] && echo "no 5xx, no hang" || echo "5xx or no answer")"
  done
}

for s in "${SELECTED[@]}"; do
  echo "== $s (load average $(load_average))"
  "scenario_${s//-/_}"
done

echo
echo "| scenario | what was done | what was measured | what held | load average |"
echo "|---|---|---|---|---|"
for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
exit $FAILED
