#!/usr/bin/env bash
# Packages the chart for a release and pushes it to an OCI registry, its images pointed at the
# registry the release's images went to and pinned to their digests; prints chart-digest=sha256:…
# (the pushed chart's, for signing) as its last line.
# Usage: publish.sh <version without v> <registry, e.g. ghcr.io/owner> <backend digest> <frontend digest>
# (helm registry login first; HELM names another helm than the one on PATH)
set -euo pipefail
usage="usage: publish.sh <version> <registry> <backend digest> <frontend digest>"
version=${1:?$usage}
registry=$(tr '[:upper:]' '[:lower:]' <<<"${2:?$usage}")
backend_digest=${3:?$usage}
frontend_digest=${4:?$usage}
helm=${HELM:-helm}
# project/names.ts, written here by npm run gen:stamps:
chart=todo-chatbot
backend_image=todo-backend
frontend_image=todo-frontend
for digest in "$backend_digest" "$frontend_digest"; do
  [[ $digest =~ ^sha256:[a-f0-9]{64}$ ]] || { echo "publish.sh: $digest is not a sha256 digest" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -R "helm/$chart" "$work/"
values="$work/$chart/values.yaml"
# Each image's repository, then the digest line that follows it within the same image block.
awk -v registry="$registry" -v backend="$backend_digest" -v frontend="$frontend_digest" \
  -v backend_image="$backend_image" -v frontend_image="$frontend_image" '
  $0 == "    repository: " backend_image { $0 = "    repository: " registry "/" backend_image; digest = backend }
  $0 == "    repository: " frontend_image { $0 = "    repository: " registry "/" frontend_image; digest = frontend }
  /^    digest: \047\047$/ && digest != "" { sub(/\047\047/, digest); digest = "" }
  { print }' "helm/$chart/values.yaml" >"$values"
for image in "$backend_image" "$frontend_image"; do
  grep -q "repository: $registry/$image" "$values" || { echo "publish.sh: $image not renamed in values.yaml" >&2; exit 1; }
done
[ "$(grep -c 'digest: sha256:' "$values")" = 2 ] || { echo "publish.sh: the digests were not written" >&2; exit 1; }
"$helm" package "$work/$chart" --version "$version" --app-version "v$version" --destination "$work"
pushed=$("$helm" push "$work/$chart-$version.tgz" "oci://$registry/charts" 2>&1)
echo "$pushed"
digest=$(sed -n 's/^Digest: \(sha256:[a-f0-9]\{64\}\)$/\1/p' <<<"$pushed")
[ -n "$digest" ] || { echo "publish.sh: helm push printed no digest" >&2; exit 1; }
echo "chart-digest=$digest"
