#!/usr/bin/env bash
# Search benchmark: builds scratch databases of 10,000 and 100,000 generated pages (bench/search-corpus.sql),
# starts the backend on each and measures /api/v2/search/ latency with wrk per query class, plus the index size
# and the cost of keeping the index current on publish (trigger path).
# Needs: the local PostgreSQL (TEST_PG_URL-style host/port below), wrk, a built backend (./ov test or mvn verify).
# Usage: bench/search.sh [sizes...]   (default: 10000 100000). Output: a Markdown table on stdout.
# BENCH_QUERIES=distinct: each class cycles through distinct queries of its kind (bench/search-distinct.sql picks
# the words) instead of repeating one, so that the backend's kept search answers cannot hide what a search costs;
# the table counts the answers that came from the cache either way. BENCH_CONNECTIONS (default 1),
# BENCH_DURATION (10s; a request may take up to 30 s before wrk counts it as a timeout); the backend's own
# variables pass through (OV_API_CACHE_SEARCH_MAX_BYTES=0: no search cache).
# The backend runs with backend/jvm.options, as ./ov up runs it. BENCH_JAR: another backend jar to measure (e.g. a
# copy of an older build with its libs/ beside it).
# BENCH_DB_PREFIX: names of the scratch databases (default ov_bench_search_, then the size).
# BENCH_ONLY: measure only the query classes whose names match this extended regular expression.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
PORT=${BENCH_PORT:-18098}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-1}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000); fi
work=$(mktemp -d)
backend_pid=""
cleanup() { [ -n "$backend_pid" ] && kill "$backend_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# query class | path (URL-encoded) | the distinct paths of the class (BENCH_QUERIES=distinct): {w} and {w2} are words
# found in 5-50 % of the documents, {p5} the first five letters of {w}, {typo} such a word with a letter left out,
# {guid} one page's AAPB GUID, {series} and {series2} words of the GBH series titles, {page} and {order} a page of
# the whole list.
# Common words match most of the corpus: the worst case for ranking.
QUERIES=(
  "common word, relevance|/api/v2/search/?q=people|/api/v2/search/?q={w}"
  "common word, relevance, page 10|/api/v2/search/?q=people&page=10|/api/v2/search/?q={w}&page=10"
  "two words OR, relevance|/api/v2/search/?q=boston%20radio|/api/v2/search/?q={w}%20{w2}"
  "rare word (one page's AAPB GUID)|/api/v2/search/?q=cpb-aacip-15-f899139df5e1059396431415e770c6dd|/api/v2/search/?q={guid}"
  "phrase|/api/v2/search/?q=%22civil%20rights%22|/api/v2/search/?q=%22{w}%20{w2}%22"
  "prefix + required|/api/v2/search/?q=%2Btelev*%20%2Bmusic|/api/v2/search/?q=%2B{p5}*%20%2B{w2}"
  "fuzzy word~|/api/v2/search/?q=televsion~|/api/v2/search/?q={typo}~"
  "common word, type+featured filter, A-Z|/api/v2/search/?q=people&type=exhibit&featured=true&sort=az|/api/v2/search/?q={w}&type=exhibit&featured=true&sort=az"
  "browse all, newest, page 20|/api/v2/search/?sort=newest&page=20&per_page=50|/api/v2/search/?sort={order}&page={page}&per_page=50"
  "series search|/api/v2/series/?q=american|/api/v2/series/?q={series}%20{series2}"
  "listing ?search=|/api/v2/exhibits/?search=boston%20radio&limit=10&fields=_,title|/api/v2/exhibits/?search={w}%20{w2}&limit=10&fields=_,title"
)
if [ -n "${BENCH_ONLY:-}" ]; then
  selected=()
  for entry in "${QUERIES[@]}"; do [[ "${entry%%|*}" =~ $BENCH_ONLY ]] && selected+=("$entry"); done
  QUERIES=("${selected[@]}")
fi
MODE=${BENCH_QUERIES:-repeat}
case "$MODE" in repeat|distinct) ;; *) echo "BENCH_QUERIES must be repeat or distinct" >&2; exit 2 ;; esac

# The distinct paths of one class from its template, BENCH_DISTINCT_PATHS of them and 1,000 more for the warm-up
# (pairs of words stay distinct far beyond; single words repeat after about a thousand, more than the search cache's
# budget holds at once, which the table's count of kept answers served shows).
distinct_paths() {
  awk -v template="$1" -v n="$(( ${BENCH_DISTINCT_PATHS:-6000} + 1000 ))" -v lists="$2" '
    function load(name, into,   line, count) { count = 0
      while ((getline line < (lists "/" name ".txt")) > 0) if (line != "") into[count++] = line
      return count }
    BEGIN {
      nw = load("words", w); nt = load("typos", t); ng = load("guids", g); ns = load("series", s)
      for (i = 0; i < n; i++) {
        path = template; a = w[i % nw]; b = w[(i + 1 + int(i / nw)) % nw]
        gsub(/\{w\}/, a, path); gsub(/\{w2\}/, b, path); gsub(/\{p5\}/, substr(a, 1, 5), path)
        gsub(/\{typo\}/, t[i % nt], path); gsub(/\{guid\}/, g[i % ng], path); gsub(/\{series\}/, s[i % ns], path)
        gsub(/\{series2\}/, s[(i + 1 + int(i / ns)) % ns], path)
        gsub(/\{page\}/, 1 + i % 190, path); gsub(/\{order\}/, int(i / 190) % 2 ? "oldest" : "newest", path)
        print path
      }
    }'
}

# CPU time in ns: of the backend JVM (all its threads, from /proc/PID/stat in clock ticks) and of the PostgreSQL
# processes serving the benchmark database (/proc/PID/schedstat). Per request, these do not depend on how many
# other jobs share the machine, unlike the latencies.
tick_ns=$((1000000000 / $(getconf CLK_TCK)))
jvm_cpu() { awk -v t="$tick_ns" '{ print ($14 + $15) * t }' "/proc/$backend_pid/stat"; }
pg_cpu() {
  local total=0 pid
  for pid in $(psql -qXAt -d "$1" -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'PostgreSQL JDBC Driver'"); do
    [ -r "/proc/$pid/schedstat" ] && total=$((total + $(cut -d' ' -f1 "/proc/$pid/schedstat")))
  done
  echo "$total"
}
# How much the machine held the run back, which the latencies include and the CPU figures do not: the share of the
# run's wall time in which some task waited for a core (/proc/pressure/cpu, "some"), and the time the backend's
# threads spent ready but waiting for a core (/proc/PID/task/*/schedstat, second field), in ms per second of run.
# wrk adds to each response that took longer than the run's mean the responses it would have timed while it waited
# (coordinated omission), so any stall of the backend shows in p99 in proportion to its share of the run: at
# 10 s, one stall of 150 ms puts p99 at about 50 ms, however fast the rest was.
# The last row names kernel.sched_autogroup_enabled: at 1 the kernel schedules each session's processes as one
# group, and on saturated cores a woken process then waits longer for its turn (up to ~100 ms instead of ~12),
# even with PostgreSQL, the backend and wrk in one group: the p99 of the light classes was 3-7x that at 0
# (BENCHMARKS.md, Search).
cpu_pressure_us() { awk '$1 == "some" { sub("total=", "", $5); print $5 }' /proc/pressure/cpu; }
backend_wait_ns() { cat /proc/"$backend_pid"/task/*/schedstat 2>/dev/null | awk '{ n += $2 } END { printf "%.0f", n }'; }

echo "| pages | query | p50 ms | p99 ms | req/s | backend CPU ms/req | PostgreSQL CPU ms/req | kept answers served | errors | CPU pressure % | backend waited for a core, ms/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
  db="${BENCH_DB_PREFIX:-ov_bench_search_}$n"
  url="jdbc:postgresql://$PGHOST:$PGPORT/$db"
  if [ -n "${BENCH_REUSE:-}" ] && psql -qXAt -d "$db" -c "SELECT 1" >/dev/null 2>&1; then
    # BENCH_REUSE=1: measure again on a corpus kept by BENCH_KEEP=1 (the rebuild is timed here instead)
    rebuild=$(psql -qXA -d "$db" -c '\timing on' -c 'SELECT search_rebuild()' | awk '/^Time:/ { $1 = ""; print }')
    # VACUUM FULL leaves the visibility map empty; the plain VACUUM after it sets it, as after a fresh corpus
    psql -qX -d "$db" -c "DELETE FROM page WHERE slug LIKE 'publish-%'" -c "VACUUM FULL ANALYZE search_document" \
        -c "VACUUM FULL ANALYZE search_word" -c "VACUUM search_document" >/dev/null
    # the rebuild rewrote every row of the ranking terms too (where the schema has them)
    psql -qXAt -d "$db" -c "SELECT to_regclass('search_term') IS NOT NULL" | grep -q t \
      && psql -qX -d "$db" -c "VACUUM FULL ANALYZE search_term" -c "VACUUM search_term" >/dev/null
  else
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
    "$JAVA_HOME/bin/java" -cp 'db/target/db.jar:db/target/libs/*' org.openvault.db.Migrate --url="$url" --user="$PGUSER" >/dev/null 2>&1
    psql -qX -d "$db" -v pages="$n" -f bench/search-corpus.sql > "$work/corpus-$n.log" 2>&1 \
      || { cat "$work/corpus-$n.log" >&2; exit 1; }
    rebuild=$(grep -m1 '^Time:' "$work/corpus-$n.log" | sed 's/Time: //')
  fi
  sizes=$(psql -qXAt -d "$db" -c "SELECT count(*) || ' documents; search_document ' || pg_size_pretty(pg_total_relation_size('search_document'))
      || ' in all (GIN document index ' || pg_size_pretty(pg_relation_size('search_document_document_idx'))
      || ', title trigram index ' || pg_size_pretty(pg_relation_size('search_document_title_trgm_idx'))
      || coalesce(', title tsvector index ' || pg_size_pretty(pg_relation_size(to_regclass('search_document_title_vector_idx'))), '')
      || '; heap ' || pg_size_pretty(pg_relation_size('search_document'))
      || '); vocabulary ' || (SELECT count(*) FROM search_word) || ' words, '
      || pg_size_pretty(pg_total_relation_size('search_word'))
      || coalesce('; ranking terms ' || (SELECT count(*) FROM search_term) || ' rows, '
                  || pg_size_pretty(pg_total_relation_size(to_regclass('search_term'))), '') FROM search_document")
  # publish path: 200 more exhibits inserted with the triggers on, one transaction each
  publish=$(psql -qXAt -d "$db" <<'SQL'
\set ON_ERROR_STOP on
CREATE TEMP TABLE t AS SELECT clock_timestamp() AS started;
DO $$
DECLARE i int; new_id int;
BEGIN
  FOR i IN 1..200 LOOP
    INSERT INTO page (type, slug, title, draft_title, live, last_published_at, parent_id)
      VALUES ('exhibits.ExhibitPage', 'publish-' || i, 'Published Page ' || i, '', true, now(), 3) RETURNING page.id INTO new_id;
    INSERT INTO exhibit (page_id, body) SELECT new_id, body FROM exhibit WHERE page_id = (SELECT min(page_id) FROM exhibit);
  END LOOP;
END $$;
SELECT round(extract(epoch FROM clock_timestamp() - started) * 1000 / 200, 2) FROM t;
SQL
)
  OV_DB_URL="$url" OV_DB_USER="$PGUSER" SERVER_PORT=$PORT "$JAVA_HOME/bin/java" @backend/jvm.options \
      -jar "${BENCH_JAR:-backend/target/backend.jar}" \
      > "$work/backend-$n.log" 2>&1 &
  backend_pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/api/v2/health/" >/dev/null && break; sleep 0.5; done
  [ "$MODE" = distinct ] && psql -qX -d "$db" -v out="$work" -f bench/search-distinct.sql >/dev/null
  i=0
  for entry in "${QUERIES[@]}"; do
    IFS='|' read -r name path template <<< "$entry"
    curl -fs "http://127.0.0.1:$PORT$path" >/dev/null || { echo "FAILED: $path" >&2; exit 1; }
    if [ "$MODE" = distinct ]; then
      # the last thousand warm up, the others are measured
      distinct_paths "$template" "$work" > "$work/all-$i"
      head -n -1000 "$work/all-$i" > "$work/paths-$i"
      tail -n 1000 "$work/all-$i" > "$work/warm-$i"
      first=$(head -1 "$work/warm-$i")
      curl -fs "http://127.0.0.1:$PORT$first" >/dev/null || { echo "FAILED: $first" >&2; exit 1; }
    else
      echo "$path" > "$work/paths-$i"
      echo "$path" > "$work/warm-$i"
    fi
    # warm-up (JIT, plan cache)
    wrk -t1 -c2 -d3s -s bench/search-paths.lua "http://127.0.0.1:$PORT" -- "$work/warm-$i" >/dev/null
    i=$((i + 1))
  done
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  i=0
  for entry in "${QUERIES[@]}"; do
    IFS='|' read -r name path template <<< "$entry"
    # A content change (that changes nothing) drops the answers the warm-up left in the backend's cache.
    psql -qX -d "$db" -c "UPDATE exhibit SET featured = featured WHERE page_id = (SELECT min(page_id) FROM exhibit)" \
        >/dev/null
    sleep 0.2
    jvm_before=$(jvm_cpu); pg_before=$(pg_cpu "$db")
    pressure_before=$(cpu_pressure_us); wait_before=$(backend_wait_ns); wall_before=$(date +%s%N)
    out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency -s bench/search-paths.lua "http://127.0.0.1:$PORT" \
        -- "$work/paths-$i")
    i=$((i + 1))
    jvm_after=$(jvm_cpu); pg_after=$(pg_cpu "$db")
    pressure_after=$(cpu_pressure_us); wait_after=$(backend_wait_ns); wall_after=$(date +%s%N)
    wall_ns=$((wall_after - wall_before))
    pressure=$(awk -v d="$((pressure_after - pressure_before))" -v w="$wall_ns" 'BEGIN { printf "%.0f", d * 1000 * 100 / w }')
    waited=$(awk -v d="$((wait_after - wait_before))" -v w="$wall_ns" 'BEGIN { printf "%.0f", d * 1000 / w }')
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us/, "", v); printf "%.2f", v / 1000 }
                                  else if (v ~ /ms$/) { sub(/ms/, "", v); printf "%.2f", v }
                                  else { sub(/s/, "", v); printf "%.0f", v * 1000 } }'; }
    p50=$(ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
    rps=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    per_request() { awk -v d="$1" -v n="$requests" 'BEGIN { printf "%.2f", d / n / 1000000 }'; }
    hits=$(echo "$out" | awk '/^cache hits:/ { print $3 }')
    errors=$(echo "$out" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }')
    echo "| $n | $name | $p50 | $p99 | $rps | $(per_request $((jvm_after - jvm_before))) | $(per_request $((pg_after - pg_before))) | $hits of $requests | $errors | $pressure | $waited |"
  done
  kill "$backend_pid"; wait "$backend_pid" 2>/dev/null || true; backend_pid=""
  echo "| $n | index: $sizes; full rebuild $rebuild; publish with triggers ${publish} ms/page; load average $load_before before the measurements, $(cut -d' ' -f1-3 /proc/loadavg) after; $MODE queries, $CONNECTIONS connections; kernel.sched_autogroup_enabled $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo unknown) | | | | | | | | | |"
  [ -n "${BENCH_KEEP:-}" ] || psql -qX -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
done
