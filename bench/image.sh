#!/usr/bin/env bash
# Runs a service from its container image as the cluster would (the image's entrypoint, JVM, flags, environment and
# user), without a container engine: the layers of <module>/target/jib-image.tar unpacked into a folder and the
# entrypoint started there with unshare + chroot (as the images tests do), on the host's network. It stays in the
# foreground until stopped, so the other bench scripts can measure it through their *_URL settings, e.g.
#   bench/image.sh frontend SERVER_PORT=3100 OV_API_URL=http://127.0.0.1:8000 &
#   FRONTEND_URL=http://127.0.0.1:3100 bench/frontend.sh
# Usage: bench/image.sh MODULE [VAR=value...]   (MODULE: backend, frontend or proxy; as root)
# The service gets the image's environment plus the settings given, nothing of this shell's. The images are built
# first when the module's tarball is missing (mvn -Pimages package, offline when possible).
set -euo pipefail
cd "$(dirname "$0")/.."
module=${1:?module}; shift
settings=("$@")
tarball=$module/target/jib-image.tar
if [ ! -f "$tarball" ]; then
  modules=.,testing,db,backend,frontend,proxy
  mvn -B -ntp -o -q -Pimages -pl "$modules" -DskipTests package > /tmp/ov-bench-image-build.log 2>&1 \
    || mvn -B -ntp -q -Pimages -pl "$modules" -DskipTests package > /tmp/ov-bench-image-build.log 2>&1 \
    || { tail -30 /tmp/ov-bench-image-build.log >&2; exit 1; }
fi
root=$(mktemp -d "/tmp/ov-image-$module.XXXXXX")
stop() {
  # unshare's --kill-child does not reach the service: chroot --userspec clears its parent-death signal.
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill "${p#/proc/}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$root" "$root.layers"
}
trap stop EXIT
trap 'exit 0' TERM INT
mkdir -p "$root.layers" "$root/proc"
tar -xf "$tarball" -C "$root.layers"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)[0]["Layers"]))' < "$root.layers/manifest.json"); do
  tar -xf "$root.layers/$layer" -C "$root"
done
config=$(tar -xOf "$tarball" config.json)
user=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["User"])' <<< "$config")
mapfile -t entrypoint < <(python3 -c 'import json,sys; [print(p) for p in json.load(sys.stdin)["config"]["Entrypoint"]]' <<< "$config")
mapfile -t image_env < <(python3 -c 'import json,sys; [print(e) for e in json.load(sys.stdin)["config"].get("Env", [])]' <<< "$config")
echo "$module from its image (user $user): ${entrypoint[*]} ${settings[*]}" >&2
env -i "${image_env[@]}" "${settings[@]}" unshare --mount --pid --fork --kill-child \
  sh -c '"$0" -t proc proc "$1/proc" && shift && exec "$@"' "$(command -v mount)" "$root" \
  "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" &
wait $!
