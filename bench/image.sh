#!/usr/bin/env bash
# Runs a service from its container image as the cluster would (the image's entrypoint, JVM, flags, AOT cache,
# environment and user), without a container engine: images/run-image.sh unpacks <module>/target/jib-image.tar and
# starts its entrypoint under chroot on the host's network. It stays in the foreground until stopped, so the other
# bench scripts can measure it through their *_URL settings, e.g.
#   bench/image.sh frontend SERVER_PORT=3100 OV_API_URL=http://127.0.0.1:8000 &
#   FRONTEND_URL=http://127.0.0.1:3100 bench/frontend.sh
# Usage: bench/image.sh MODULE [VAR=value...]   (MODULE: backend, frontend or proxy; as root)
# The service gets the image's environment plus the settings given, nothing of this shell's. The images are built
# first when the module's tarball is missing (mvn -Pimages package, offline when possible).
set -euo pipefail
cd "$(dirname "$0")/.."
module=${1:?module}; shift
[ "$(id -u)" = 0 ] || { echo "images run under chroot: run as root" >&2; exit 1; }
source images/run-image.sh
tarball=$module/target/jib-image.tar
if [ ! -f "$tarball" ]; then
  modules=.,testing,bouncycastle,db,backend,frontend,proxy
  mvn -B -ntp -o -q -Pimages -pl "$modules" -DskipTests package > /tmp/ov-bench-image-build.log 2>&1 \
    || mvn -B -ntp -q -Pimages -pl "$modules" -DskipTests package > /tmp/ov-bench-image-build.log 2>&1 \
    || { tail -30 /tmp/ov-bench-image-build.log >&2; exit 1; }
fi
folder=$(mktemp -d "/tmp/ov-image-$module.XXXXXX")
service=""
stop() {
  trap '' TERM INT   # a second signal must not cut the clean-up short
  [ -n "$service" ] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null || true
  rm -rf "$folder"
}
trap stop EXIT
trap 'exit 0' TERM INT
unpack_image "$tarball" "$folder"
echo "$module from its image (user $(cat "$folder/user")): $(tr '\n' ' ' < "$folder/entrypoint")$*" >&2
# run_image execs down to the JVM, which so keeps this subshell's process id.
(run_image "$folder" "$@") &
service=$!
wait "$service"
