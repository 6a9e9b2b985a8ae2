#!/usr/bin/env bash
# Packages the chart for a release and pushes it to an OCI registry, with the image repositories
# pointed at the registry the release's images went to.
# Usage: publish.sh <version without v> <registry, e.g. ghcr.io/owner>   (helm registry login first)
set -euo pipefail

version=${1:?usage: publish.sh <version> <registry>}
registry=$(tr '[:upper:]' '[:lower:]' <<<"${2:?usage: publish.sh <version> <registry>}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -R helm/todo-chatbot "$work/"
sed -i -e "s#repository: todo-backend#repository: $registry/todo-backend#" \
  -e "s#repository: todo-frontend#repository: $registry/todo-frontend#" "$work/todo-chatbot/values.yaml"
grep -q "repository: $registry/todo-backend" "$work/todo-chatbot/values.yaml"
helm package "$work/todo-chatbot" --version "$version" --app-version "v$version" --destination "$work"
helm push "$work/todo-chatbot-$version.tgz" "oci://$registry/charts"
