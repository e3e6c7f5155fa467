#!/usr/bin/env bash
# The editors' admin API under load: 4 editors each saving drafts of their own exhibit as fast as the API answers,
# every 5th save published by a moderator, and after each publish the public API polled until it shows the change.
# Prints p50/p90/p99/max for saves and publishes, the publish-to-public delay, and the backend's RSS.
# With MODE=screens it measures the web admin's screens instead: 1,000 pages are created under one parent, then each
# screen (dashboard, explorer pages, search, edit, history, images, audit log) is warmed up for SCREEN_WARMUP seconds,
# then read by wrk for SCREEN_SECONDS at
# 4 connections with a signed-in administrator's cookie, and its latency percentiles printed.
#   bench/admin.sh          (needs: a JDK 21+; psql; a PostgreSQL, default the local one; wrk for MODE=screens)
# Env: OV_BENCH_DB_URL (default: a fresh database ov_bench_admin on 127.0.0.1:5432, created and dropped here),
#      DURATION (seconds, default 30), WARMUP (seconds, default 10), EDITORS (default 4), MODE (api or screens),
#      SCREEN_WARMUP and SCREEN_SECONDS (per screen with MODE=screens, default 3 and 5),
#      BACKEND_OPTS (JVM flags after backend/jvm.options, which ./ov up runs it with; default none), PORT (default 18081),
#      BASE_URL (measure an already running backend instead; then EDITOR_TOKEN, MODERATOR_TOKEN and PAGES are needed).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
EDITORS=${EDITORS:-4}
PORT=${PORT:-18081}
. bench/lib.sh

if [ -n "${BASE_URL:-}" ]; then
  java bench/AdminLoad.java "$BASE_URL" "$EDITOR_TOKEN" "$MODERATOR_TOKEN" "$DURATION" $PAGES
  exit 0
fi
require_tools curl psql
build_modules db,backend
fresh_database ov_bench_admin
PSQL=(psql -h 127.0.0.1 -U postgres -qtA -d ov_bench_admin)
load_demo "$DB_URL" /tmp/ov-bench-admin-media

# Accounts and tokens straight into the database (logging in would measure argon2, not editing).
EDITOR_TOKEN=ov_bench_editor_$RANDOM$RANDOM
MODERATOR_TOKEN=ov_bench_moderator_$RANDOM$RANDOM
"${PSQL[@]}" <<SQL
INSERT INTO app_user (username, role) VALUES ('bench-editor', 'editor'), ('bench-moderator', 'moderator')
  ON CONFLICT DO NOTHING;
INSERT INTO auth_session (user_id, kind, secret_hash, expires_at)
  SELECT id, 'token', sha256(convert_to(CASE username WHEN 'bench-editor' THEN '$EDITOR_TOKEN' ELSE '$MODERATOR_TOKEN' END, 'UTF8')),
         now() + interval '1 day' FROM app_user WHERE username IN ('bench-editor', 'bench-moderator');
SQL
PAGES=$("${PSQL[@]}" -c "SELECT p.id FROM page p JOIN exhibit e ON e.page_id = p.id WHERE p.live
  AND e.cover_image_id IS NOT NULL AND e.hero_image_id IS NOT NULL ORDER BY p.id LIMIT $EDITORS" | tr '\n' ' ')

start_backend "$PORT" /tmp/ov-bench-admin-backend.log OV_MEDIA_ROOT=/tmp/ov-bench-admin-media
BACKEND=$BACKEND_PID
echo "backend: @backend/jvm.options $(aot_flags backend) $BACKEND_OPTS; pages: $PAGES"
if [ "${MODE:-api}" = screens ]; then
  command -v wrk >/dev/null || { echo "missing wrk: apt-get install -y wrk" >&2; exit 1; }
  API="http://127.0.0.1:$PORT/api/admin/v1"
  AUTH=(-H "Authorization: Bearer $MODERATOR_TOKEN" -H "Content-Type: application/json")
  HOME_ID=$("${PSQL[@]}" -c "SELECT id FROM page WHERE type = 'home.HomePage' LIMIT 1")
  PARENT=$(curl -sf "${AUTH[@]}" -d '{"type":"staticpages.StaticPage","parent_id":'"$HOME_ID"',"content":{"title":"Bench parent","slug":"bench-parent"}}' "$API/pages/" | sed 's/^{"id":\([0-9]*\).*/\1/')
  echo "creating 1,000 pages under page $PARENT..."
  seq 1 1000 | xargs -P 4 -I{} curl -sf -o /dev/null "${AUTH[@]}" \
    -d '{"type":"staticpages.StaticPage","parent_id":'"$PARENT"',"content":{"title":"Bench child {}","slug":"bench-child-{}","body":"<p>Words {}</p>"}}' "$API/pages/"
  COOKIE=ov_bench_cookie_$RANDOM$RANDOM
  "${PSQL[@]}" <<SQL
INSERT INTO app_user (username, role) VALUES ('bench-admin', 'administrator') ON CONFLICT DO NOTHING;
INSERT INTO auth_session (user_id, kind, secret_hash, csrf_token, expires_at)
  SELECT id, 'cookie', sha256(convert_to('$COOKIE', 'UTF8')), 'bench', now() + interval '1 day' FROM app_user
  WHERE username = 'bench-admin';
SQL
  CHILD=$("${PSQL[@]}" -c "SELECT max(id) FROM page")
  printf '%-44s %8s %8s %8s %8s\n' screen req/s p50 p99 max
  for screen in / "/pages/$PARENT/children" "/pages/$PARENT/children?page=20" "/pages/?q=Bench+child+99" \
      "/pages/$CHILD/edit" "/pages/${PAGES%% *}/edit" "/pages/${PAGES%% *}/history" /images /audit /authors; do
    # Each screen's own code is compiled by the JIT during its first seconds: warm it up before measuring.
    wrk -t1 -c4 -d"${SCREEN_WARMUP:-3}s" -H "Cookie: __Host-ov_session=$COOKIE" "http://127.0.0.1:$PORT/admin$screen" \
        > /dev/null
    wrk -t1 -c4 -d"${SCREEN_SECONDS:-5}s" --latency -H "Cookie: __Host-ov_session=$COOKIE" \
        "http://127.0.0.1:$PORT/admin$screen" > /tmp/ov-bench-screen.txt
    grep -q 'Non-2xx' /tmp/ov-bench-screen.txt && { echo "/admin$screen answered errors:"; cat /tmp/ov-bench-screen.txt; exit 1; }
    awk -v s="/admin$screen" '/Requests\/sec/ {r=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Latency / && !m {max=$4; m=1}
      END {printf "%-44s %8d %8s %8s %8s\n", s, r, p50, p99, max}' /tmp/ov-bench-screen.txt
  done
  awk '/VmRSS/ {now = $2} /VmHWM/ {peak = $2} END {printf "backend RSS after the run: %d MB (peak %d MB)\n", now/1024, peak/1024}' \
  "/proc/$BACKEND/status"
  exit 0
fi
echo "warm-up (${WARMUP}s)..."
java bench/AdminLoad.java "http://127.0.0.1:$PORT" "$EDITOR_TOKEN" "$MODERATOR_TOKEN" "$WARMUP" $PAGES > /dev/null
echo "measuring (${DURATION}s, $EDITORS editors)..."
java bench/AdminLoad.java "http://127.0.0.1:$PORT" "$EDITOR_TOKEN" "$MODERATOR_TOKEN" "$DURATION" $PAGES
awk '/VmRSS/ {now = $2} /VmHWM/ {peak = $2} END {printf "backend RSS after the run: %d MB (peak %d MB)\n", now/1024, peak/1024}' \
  "/proc/$BACKEND/status"
