# Start-up shared by the bench scripts (sourced, not run): the JDK, the tools a script needs, a build of the current
# sources, a fresh database with demo content, a backend started and waited for; on exit every process started here
# is stopped, every database made here dropped and every registered folder removed.
if [ -z "${JAVA_HOME:-}" ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
export PATH="$JAVA_HOME/bin:$PATH"
# service_java, aot_flags, train_aot_caches: the services start as ./ov up starts them.
source ./ov
# More JVM flags for the backend after backend/jvm.options (a later flag wins), e.g. BACKEND_OPTS=-Xmx128m.
BACKEND_OPTS=${BACKEND_OPTS:-}

PIDS=()
DROP_DATABASES=()
REMOVE_DIRS=()
bench_cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in "${DROP_DATABASES[@]}"; do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  done
  for dir in "${REMOVE_DIRS[@]}"; do rm -rf "$dir"; done
}
trap bench_cleanup EXIT

require_tools() { # tool...
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $*" >&2; exit 1; }
  done
}

# Always measure the current sources: offline when ~/.m2 has everything, else with downloads.
build_modules() { # comma-separated modules
  mvn -B -ntp -o -pl "$1" -am -DskipTests package > /tmp/ov-bench-build.log 2>&1 \
    || mvn -B -ntp -pl "$1" -am -DskipTests package > /tmp/ov-bench-build.log 2>&1 \
    || { tail -30 /tmp/ov-bench-build.log; exit 1; }
  train_aot_caches
}

# Sets DB_URL: $OV_BENCH_DB_URL when given, else a database NAME created afresh on 127.0.0.1:5432 and dropped on exit.
fresh_database() { # name
  DB_URL=${OV_BENCH_DB_URL:-}
  if [ -z "$DB_URL" ]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
    DROP_DATABASES+=("$1")
    DB_URL=jdbc:postgresql://127.0.0.1:5432/$1
  fi
}

load_demo() { # jdbc-url [media-root]
  java -jar db/target/db.jar --url="$1" --user=postgres --demo ${2:+--media-root="$2"} 2>/dev/null | grep -v '^$' || true
}

# A self-signed EC certificate for localhost and 127.0.0.1: DIR/tls.crt and DIR/tls.key.
self_signed_certificate() { # dir
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$1/tls.key" -out "$1/tls.crt" 2>/dev/null
}

# nginx in the foreground, its files under DIR (NAME.conf, NAME.pid, NAME-error.log, temporary bodies in DIR/NAME),
# no access log, its http block holding BLOCK (server blocks); its pid joins PIDS.
start_nginx() { # dir, name, block
  mkdir -p "$1/$2"
  cat > "$1/$2.conf" <<CONF
user root;
worker_processes auto;
daemon off;
pid $1/$2.pid;
error_log $1/$2-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $1/$2;
  proxy_temp_path $1/$2;
  $3
}
CONF
  nginx -c "$1/$2.conf" -p "$1" &
  PIDS+=($!)
}

# CPU time (clock ticks, user + system) used so far by the given processes; 0 for none.
cpu_ticks() { # pid...
  local sum=0 pid
  for pid in "$@"; do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
  echo "$sum"
}

# Microseconds of CPU per request the given processes used since BEFORE (from cpu_ticks); "–" without processes.
cpu_us_per_request() { # before requests pid...
  local before=$1 requests=$2
  shift 2
  [ $# -gt 0 ] || { echo "–"; return; }
  echo $(( ($(cpu_ticks "$@") - before) * 1000000 / $(getconf CLK_TCK) / requests ))
}

# The process listening on a URL's port when its host is this machine, so its CPU time and memory can be read;
# empty otherwise.
listening_pid() { # url
  local authority host port
  authority=${1#*://}; authority=${authority%%/*}
  host=${authority%:*}; port=${authority##*:}
  [ "$port" != "$authority" ] || { [[ $1 == https* ]] && port=443 || port=80; }
  case $host in 127.0.0.1|localhost|\[::1\]) ;; *) return 0 ;; esac
  ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# Says how a service of this script starts: as ./ov up starts it, or which flags differ.
say_started_as() { # module [extra JVM flags]
  local module=$1; shift
  if [ $# -gt 0 ] && [ -n "$*" ]; then
    echo "$module: started as ./ov up starts it ($module/jvm.options, its AOT cache), except the flags $* given here"
  else
    echo "$module: started as ./ov up starts it ($module/jvm.options, its AOT cache)"
  fi
}

wait_for() { # url, pid, name: 30 s for a 2xx (certificates not checked)
  for _ in $(seq 1 120); do
    curl -ksf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 exited during start-up" >&2; return 1; }
    sleep 0.25
  done
  echo "$3 did not answer at $1 in 30 s" >&2
  return 1
}

# MODULE as ./ov up starts it (its AOT cache, then the JVM flags OPTS), with each VAR=value given set, its output
# in LOG; sets SERVICE_PID once URL answers.
start_service() { # module, log, url, opts, [VAR=value...]
  local module=$1 log=$2 url=$3 opts=$4
  shift 4
  # A subshell rather than env(1): service_java is a shell function.
  (
    for setting in "$@"; do export "${setting?}"; done
    service_java "$module" $(aot_flags "$module") $opts
  ) > "$log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
  wait_for "$url" "$SERVICE_PID" "$module" || { tail -20 "$log" >&2; return 1; }
}

# The backend with BACKEND_OPTS on PORT over DB_URL, plus any VAR=value
# given; sets BACKEND_PID once it answers.
start_backend() { # port, log, [VAR=value...]
  local port=$1 log=$2
  shift 2
  start_service backend "$log" "http://127.0.0.1:$port/api/v2/health/" "$BACKEND_OPTS" \
    OV_DB_URL="$DB_URL" OV_DB_USER=postgres SERVER_PORT="$port" "$@" || return 1
  BACKEND_PID=$SERVICE_PID
}

# CPU time (clock ticks, user + system) used so far by process PID.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The proxy as the proxy benches run it (bench/proxy-bench.yaml, the certificate of self_signed_certificate DIR) on
# PROXY_PORT in front of the upstream on UPSTREAM_PORT, plus any VAR=value given, its log DIR/proxy.log; sets PROXY_PID
# once PATH answers.
start_bench_proxy() { # dir, path, [VAR=value...]
  local dir=$1 path=$2
  shift 2
  start_service proxy "$dir/proxy.log" "https://127.0.0.1:$PROXY_PORT$path" "$PROXY_JAVA_OPTS" \
    PROXY_CONFIG_FILE=bench/proxy-bench.yaml PROXY_TLS_CERTIFICATE="$dir/tls.crt" PROXY_TLS_KEY="$dir/tls.key" \
    PROXY_ENTRYPOINTS_WEBSECURE_PORT="$PROXY_PORT" PROXY_SERVICES_UPSTREAM_SERVERS="http://127.0.0.1:$UPSTREAM_PORT" \
    "$@" || return 1
  PROXY_PID=$SERVICE_PID
}
