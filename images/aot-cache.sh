#!/usr/bin/env bash
# The AOT cache of a service image (JEP 483/514: its classes loaded and linked ahead of time, about half the CPU of a
# start). A cache is only accepted by the runtime build that made it, with the same class path, so it is made inside
# the image itself: the image built for training (jib, docker-save format) is unpacked and its own entrypoint run once
# under unshare and chroot, trained as ./ov trains the services (one start, one health check, stop). The final image
# (jib, the same layers) then adds DIR/image: app.aot and aot.options, the argument file its entrypoint reads.
#   images/aot-cache.sh false MODULE DIR   train DIR/training-image.tar; DIR/image gets the cache and its flag
#   images/aot-cache.sh true MODULE DIR    no training: DIR/image gets an aot.options without flags
# Training needs root (unshare, chroot) and a Java 25+ runtime in the image; without them the image gets no cache
# (a warning says why) and starts as it would without one.
set -euo pipefail
skip=${1:?usage: aot-cache.sh SKIP MODULE DIR}
module=${2:?usage: aot-cache.sh SKIP MODULE DIR}
dir=$(realpath "${3:?usage: aot-cache.sh SKIP MODULE DIR}")
mkdir -p "$dir/image"
rm -f "$dir/image/app.aot"
no_cache() { # reason
  printf '# No AOT cache in this image: %s.\n' "$1" > "$dir/image/aot.options"
}
no_cache "not trained"
[ "$skip" = true ] && exit 0
warn() { echo "WARNING: $module image without an AOT cache: $1" >&2; no_cache "$1"; exit 0; }
[ "$(id -u)" = 0 ] || warn "training it needs root (unshare, chroot)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$work/layers" "$root"
tar -xf "$dir/training-image.tar" -C "$work/layers"
# jib writes its JSON on one line; these are arrays of plain strings.
json_strings() { # file, key: the key's array of strings, one per line
  grep -o "\"$2\":\[[^]]*\]" "$1" | sed -e "s/^\"$2\":\[//" -e 's/\]$//' | grep -o '"[^"]*"' | sed 's/^"//; s/"$//'
}
mapfile -t layers < <(json_strings "$work/layers/manifest.json" Layers)
config=$work/layers/$(grep -o '"Config":"[^"]*"' "$work/layers/manifest.json" | cut -d'"' -f4)
mapfile -t image_env < <(json_strings "$config" Env)
mapfile -t entrypoint < <(json_strings "$config" Entrypoint)
user=$(grep -o '"User":"[^"]*"' "$config" | cut -d'"' -f4)
[ ${#layers[@]} -gt 0 ] && [ ${#entrypoint[@]} -gt 0 ] || { echo "cannot read $dir/training-image.tar" >&2; exit 1; }
for layer in "${layers[@]}"; do
  tar --warning=no-unknown-keyword -xf "$work/layers/$layer" -C "$root"
done
mkdir -p "$root/proc" "$root/dev"
# The entrypoint reads the argument file the final image brings; here it holds no flags yet.
cp "$dir/image/aot.options" "$root/app/aot.options"

PATH=$PATH:/usr/sbin:/sbin
for tool in unshare mount chroot; do command -v "$tool" > /dev/null || warn "$tool is missing"; done
unshare=$(command -v unshare) sh=$(command -v sh) mount=$(command -v mount) chroot=$(command -v chroot)
# The image's JVM in its own mount namespace, /proc and /dev as a container engine gives them (without /dev/urandom
# the JVM would seed its SecureRandom from spinning threads), as the image's user, with the image's environment plus
# the training's; each step execs the next, so the JVM keeps this process's id and gets the training's SIGTERM.
image_java() {
  exec env -i "${image_env[@]}" "${AOT_TRAINING_ENV[@]}" JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=/tmp/app.aot \
    "$unshare" --mount "$sh" -c '"$0" -t proc proc "$1/proc" && "$0" --bind /dev "$1/dev" && shift && exec "$@"' \
    "$mount" "$root" "$chroot" --userspec="$user" "$root" "${entrypoint[@]}"
}
# aot_training_run and AOT_TRAINING_ENV, shared with ./ov (which changes to the repository's folder).
source "$(dirname "$0")/../ov"
echo "Training the $module image's AOT cache (one start in the image; log $dir/training.log)..."
aot_training_run "$module" "$dir/training.log" image_java || warn "its training run did not serve (see $dir/training.log)"
[ -s "$root/tmp/app.aot" ] || warn "its runtime wrote none (Java 25+ needed; see $dir/training.log)"
cp "$root/tmp/app.aot" "$dir/image/app.aot"
printf '%s\n' "# The AOT cache made by the training run of this image (images/aot-cache.sh)." \
  "-XX:AOTCache=/app/app.aot" > "$dir/image/aot.options"
echo "AOT cache for the $module image: $(du -h "$dir/image/app.aot" | cut -f1)"
