#!/usr/bin/env bash
# Builds the offline base image for jib: a docker-save tarball holding a jlink'd Java runtime, the glibc files it
# links against, /etc/passwd with the non-root user 65532 and a writable /tmp. Registry base images cannot be pulled
# on build machines without internet; CI with a registry may use a normal base instead (-Djib.from.image=…).
#   images/jre-base.sh OUTPUT.tar     (skips the work when OUTPUT.tar is newer than this script and the JDK)
set -euo pipefail
out=${1:?usage: jre-base.sh OUTPUT.tar}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -s "$out" ] && [ "$out" -nt "$0" ] && [ "$out" -nt "$java_home/release" ]; then
  echo "Base image $out is up to date"
  exit 0
fi

# Modules the services use, plus java.desktop for image renditions (ImageIO) and jdk.jfr/management for diagnostics.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http
modules+=,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml
modules+=,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
# --generate-cds-archive: the runtime's own classes start from a shared archive, as in a full JDK (without it, every
# JDK class is loaded and verified from lib/modules at each start).
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
  --output "$root/opt/java"

# What JNI libraries shipped in the services' jars link against beyond the runtime's own needs: Brotli
# (brotli4j, frontend) wants the C++ runtime.
native_libs_of_the_services() {
  for name in libstdc++.so.6 libgcc_s.so.1; do
    # awk reads to the end (no early exit): ldconfig killed by SIGPIPE would fail this pipeline under pipefail
    # and drop the libraries after the first.
    /sbin/ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ && !found { print $NF; found = 1 }'
  done
}

# The shared libraries (and the loader) the runtime links against, copied from this machine at the same paths.
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' \
  | grep -v "^$root" | sort -u \
  | cat - <(native_libs_of_the_services) \
  | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done

mkdir -p "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nov:x:65532:65532:Open Vault:/tmp:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nov:x:65532:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
# Container engines mount their own; this one serves runs without an engine (the image tests' chroot).
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir -p "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"WorkingDir":"/"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"images/jre-base.sh (jlink $(basename "$java_home"))"}]}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["openvault-jre:local"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_id" "$diff_id" > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out.part" \
  manifest.json "$config_id.json" "$diff_id/layer.tar"
mv "$out.part" "$out"
echo "Base image $out: $(du -h "$out" | cut -f1), Java runtime from $java_home"
