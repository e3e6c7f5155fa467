# Running an image tarball (jib's docker-save format) without a container engine, as one would run it: its layers
# unpacked in order, its entrypoint started under chroot as its user, with its environment, in a mount namespace with
# /proc and the host's /dev (without /dev/urandom the JVM would seed its SecureRandom from spinning threads, seconds
# of CPU); the network is the host's. Needs root. Sourced (images/aot-cache.sh, bench/startup.sh); the image tests
# do the same in Java (images/src/test/.../ContainerImage.java).

# Unpacks TARBALL into FOLDER/root and keeps its entrypoint, environment and user beside it, one item a line.
unpack_image() { # tarball, folder
  local tarball=$1 folder=$2 config layer
  rm -rf "$folder"
  mkdir -p "$folder/layers" "$folder/root"
  tar -xf "$tarball" -C "$folder/layers"
  config=$folder/layers/$(grep -o '"Config":"[^"]*"' "$folder/layers/manifest.json" | cut -d'"' -f4)
  image_json_strings "$config" Entrypoint > "$folder/entrypoint"
  image_json_strings "$config" Env > "$folder/env"
  grep -o '"User":"[^"]*"' "$config" | cut -d'"' -f4 > "$folder/user"
  [ -s "$folder/entrypoint" ] || { echo "no entrypoint in $tarball" >&2; return 1; }
  while read -r layer; do
    tar --warning=no-unknown-keyword -xf "$folder/layers/$layer" -C "$folder/root"
  done < <(image_json_strings "$folder/layers/manifest.json" Layers)
  rm -rf "$folder/layers"
  mkdir -p "$folder/root/proc" "$folder/root/dev"
}

# jib writes its JSON on one line, and these keys hold arrays of plain strings: one per line.
image_json_strings() { # file, key
  grep -o "\"$2\":\[[^]]*\]" "$1" | sed -e "s/^\"$2\":\[//" -e 's/\]$//' | grep -o '"[^"]*"' | sed 's/^"//; s/"$//'
}

# Replaces the calling shell by the entrypoint of the image unpacked in FOLDER, with the image's environment plus the
# given variables and nothing of the caller's; each step execs the next, so the service keeps the caller's process id
# and gets its signals.
run_image() { # folder, [VAR=value...]
  local folder=$1 tools=() name path env entrypoint
  shift
  mapfile -t env < "$folder/env"
  mapfile -t entrypoint < "$folder/entrypoint"
  for name in unshare sh mount chroot; do
    path=$(PATH=$PATH:/usr/sbin:/sbin command -v "$name") || { echo "$name is missing" >&2; return 1; }
    tools+=("$path")
  done
  exec env -i "${env[@]}" "$@" "${tools[0]}" --mount "${tools[1]}" -c \
    '"$0" -t proc proc "$1/proc" && "$0" --bind /dev "$1/dev" && shift && exec "$@"' \
    "${tools[2]}" "$folder/root" "${tools[3]}" --userspec="$(cat "$folder/user")" "$folder/root" "${entrypoint[@]}"
}
