#!/usr/bin/env bash
# Builds a stand-in for debian:<suite>-slim from Debian's packages with debootstrap, trimmed the
# way the official slim images are (no docs, man pages or locales; apt lists cleaned).
# Usage: debian-base.sh <suite> <image-name>
set -euo pipefail

suite=${1:?usage: debian-base.sh <suite> <image-name>}
image=${2:?usage: debian-base.sh <suite> <image-name>}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

for tool in debootstrap docker; do
  command -v "$tool" >/dev/null || { echo "debian-base.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done

rootfs=$(mktemp -d /tmp/standin-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

echo "debootstrap $suite (minbase) from $mirror"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
  tail -20 "$rootfs.log" >&2
  exit 1
}
rm -f "$rootfs.log"

cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
CFG
cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'CFG'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
Binary::apt::APT::Keep-Downloaded-Packages "false";
Acquire::GzipIndexes "true";
CFG
find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/{man,info,locale,lintian}/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* \
  "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/*
printf 'deb %s %s main\n' "$mirror" "$suite" >"$rootfs/etc/apt/sources.list"

tar --numeric-owner -C "$rootfs" -c . |
  docker import \
    --change 'CMD ["bash"]' \
    --change "LABEL org.todo-chatbot.stand-in=\"debootstrap $suite minbase; not the upstream image\"" \
    - "$image" >/dev/null
echo "built stand-in $image"
