#!/usr/bin/env bash
# Installs kubectl-ai at toolchain.env's KUBECTL_AI_VERSION into ~/.local/bin (or $1), after
# checking the archive against the checksums file published with the same release.
set -euo pipefail

# shellcheck source=/dev/null
source "$(dirname "$0")/../../toolchain.env"
version=$KUBECTL_AI_VERSION
dest=${1:-$HOME/.local/bin}
base=https://github.com/GoogleCloudPlatform/kubectl-ai/releases/download/$version
archive=kubectl-ai_Linux_x86_64.tar.gz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

curl -fsSLO "$base/$archive"
# GoReleaser's default checksum file name, else the short one some projects configure.
curl -fsSL -o checksums.txt "$base/kubectl-ai_${version#v}_checksums.txt" ||
  curl -fsSL -o checksums.txt "$base/checksums.txt" || {
  echo "install-kubectl-ai: no checksums file in release $version; refusing to install unchecked" >&2
  exit 1
}
grep " $archive\$" checksums.txt | sha256sum --check --strict
tar -xzf "$archive" kubectl-ai
mkdir -p "$dest"
install -m 0755 kubectl-ai "$dest/kubectl-ai"
echo "kubectl-ai $version installed in $dest"
