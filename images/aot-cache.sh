#!/usr/bin/env bash
# The AOT cache of a service image (JEP 483/514: its classes loaded and linked ahead of time, about half the CPU of a
# start). A cache is only accepted by the runtime build that made it, with the same class path, so it is made inside
# the image itself: the image built for training (jib) is unpacked and its own entrypoint run once
# (images/run-image.sh), trained as ./ov trains the services (one start, one health check, stop). The final image
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

here=$(dirname "$(realpath "$0")")
source "$here/run-image.sh"
# aot_training_run and AOT_TRAINING_ENV, shared with ./ov (which changes to the repository's folder).
source "$here/../ov"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unpack_image "$dir/training-image.tar" "$work"
# The entrypoint reads the argument file the final image brings; here it holds no flags yet.
cp "$dir/image/aot.options" "$work/root/app/aot.options"
train_in_image() {
  run_image "$work" "${AOT_TRAINING_ENV[@]}" JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=/tmp/app.aot
}
echo "Training the $module image's AOT cache (one start in the image; log $dir/training.log)..."
aot_training_run "$module" "$dir/training.log" train_in_image || warn "its training run did not serve (see $dir/training.log)"
[ -s "$work/root/tmp/app.aot" ] || warn "its runtime wrote none (Java 25+ needed; see $dir/training.log)"
cp "$work/root/tmp/app.aot" "$dir/image/app.aot"
printf '%s\n' "# The AOT cache made by the training run of this image (images/aot-cache.sh)." \
  "-XX:AOTCache=/app/app.aot" > "$dir/image/aot.options"
echo "AOT cache for the $module image: $(du -h "$dir/image/app.aot" | cut -f1)"
