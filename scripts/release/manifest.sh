#!/usr/bin/env bash
# Joins each image's per-platform pushes (<tag>-amd64, <tag>-arm64) into one multi-platform image
# <tag>, and prints <image>=<digest> for each (todo-backend=sha256:…): what is signed and attested.
# Usage: manifest.sh <registry, e.g. ghcr.io/owner> <tag>   (docker login first)
set -euo pipefail
usage="usage: manifest.sh <registry> <tag>"
registry=$(tr '[:upper:]' '[:lower:]' <<<"${1:?$usage}")
tag=${2:?$usage}
# project/names.ts, written here by npm run gen:stamps:
images="todo-backend todo-frontend"
for image in $images; do
  ref="$registry/$image:$tag"
  docker buildx imagetools create --tag "$ref" "$ref-amd64" "$ref-arm64" >&2
  digest=$(docker buildx imagetools inspect "$ref" --format '{{json .Manifest}}' | jq -r .digest)
  [[ $digest =~ ^sha256:[a-f0-9]{64}$ ]] || { echo "manifest.sh: no digest for $ref" >&2; exit 1; }
  echo "$image=$digest"
done
