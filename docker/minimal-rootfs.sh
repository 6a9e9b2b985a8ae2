#!/bin/sh
# Copies whole Debian packages (their files, not their docs) from this build stage into a root
# filesystem for a FROM-scratch runtime stage, with each package's dpkg status under
# var/lib/dpkg/status.d/ (the distroless layout) so image scanners still see every package.
# Usage: minimal-rootfs.sh <destination> <package>...
set -eu

dest=${1:?usage: minimal-rootfs.sh <destination> <package>...}
shift

mkdir -p "$dest/etc" "$dest/var/lib/dpkg/status.d" "$dest/tmp" "$dest/usr"
chmod 1777 "$dest/tmp"
# The merged-/usr symlinks (/bin -> usr/bin, /lib64 -> usr/lib64, ...).
for link in /bin /sbin /lib /lib64; do
  if [ -L "$link" ]; then cp -a "$link" "$dest$link"; fi
done

for pkg in "$@"; do
  dpkg-query --status "$pkg" >"$dest/var/lib/dpkg/status.d/$pkg"
  dpkg-query --listfiles "$pkg" | while read -r path; do
    case $path in
      /usr/share/doc/* | /usr/share/man/* | /usr/share/info/* | /usr/share/lintian/* | /usr/share/locale/*) continue ;;
    esac
    if [ -d "$path" ] && [ ! -L "$path" ]; then
      mkdir -p "$dest$path"
    elif [ -e "$path" ] || [ -L "$path" ]; then
      cp -a --parents "$path" "$dest"
    fi
  done
done

cp -a --parents /etc/os-release /usr/lib/os-release /etc/debian_version "$dest"
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/nonexistent:/sbin/nologin\n' >"$dest/etc/passwd"
printf 'root:x:0:\napp:x:10001:\n' >"$dest/etc/group"
