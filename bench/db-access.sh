#!/usr/bin/env bash
# The backend's way of reaching PostgreSQL (plain JDBC through database/Sql) measured: a get by id and a listing of
# 20 rows over demo content on the backend's pool, single-threaded and with THREADS threads, three rounds (the first
# a warm-up). The measurement that chose plain JDBC over Helidon's DbClient (the same statements through both on one
# pool) is recorded in the comment of backend/src/main/java/org/openvault/backend/database/Sql.java: DbClient is not
# on the backend's class path, so this script measures plain JDBC alone.
#   bench/db-access.sh        (needs: a JDK 21+; psql; a PostgreSQL, default the local one)
# Env: SECONDS_EACH (default 5), THREADS (default 4), OV_BENCH_DB_URL (default: a fresh database ov_bench_db).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -ntp -pl db,backend -am -DskipTests package > /tmp/ov-bench-build.log 2>&1 || { tail -30 /tmp/ov-bench-build.log; exit 1; }
DB_URL=${OV_BENCH_DB_URL:-}
if [ -z "$DB_URL" ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ov_bench_db WITH (FORCE)" -c "CREATE DATABASE ov_bench_db"
  trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ov_bench_db WITH (FORCE)"' EXIT
  DB_URL=jdbc:postgresql://127.0.0.1:5432/ov_bench_db
fi
java -jar db/target/db.jar --url="$DB_URL" --demo --media-root=/tmp/ov-bench-db-media > /dev/null 2>&1
java -cp "backend/target/backend.jar:backend/target/libs/*" bench/DbAccess.java "$DB_URL" "${SECONDS_EACH:-5}" "${THREADS:-4}"
