#!/usr/bin/env bash
# Prints the released artifacts of a tag as <ref>@<digest>, one a line: both images and the chart,
# each resolved to the digest the registry holds now (what verify.sh then checks).
# Usage: released-refs.sh <registry, e.g. ghcr.io/owner> <tag, e.g. v1.4.0>   (docker and helm logged in)
set -euo pipefail
usage="usage: released-refs.sh <registry> <tag>"
registry=$(tr '[:upper:]' '[:lower:]' <<<"${1:?$usage}")
tag=${2:?$usage}
# project/names.ts, written here by npm run gen:stamps:
images="todo-backend todo-frontend"
chart=todo-chatbot
for image in $images; do
  digest=$(docker buildx imagetools inspect "$registry/$image:$tag" --format '{{json .Manifest}}' | jq -r .digest)
  echo "$registry/$image@$digest"
done
pulled=$(helm pull "oci://$registry/charts/$chart" --version "${tag#v}" --destination "$(mktemp -d)" 2>&1)
digest=$(sed -n 's/^Digest: \(sha256:[a-f0-9]\{64\}\)$/\1/p' <<<"$pulled")
[ -n "$digest" ] || { echo "released-refs.sh: no chart digest in: $pulled" >&2; exit 1; }
echo "$registry/charts/$chart@$digest"
