#!/usr/bin/env bash
# Builds one Go program inside a copy of its own module, so the module's replace directives and
# go.sum hold as upstream builds it (a wrapper module would drop them). Cached in OUT by version.
# Usage: program.sh <module> <version> <package path in the module> <OUT file> [extra -ldflags]
set -euo pipefail

module=$1 version=$2 package=$3 out=$4 ldflags=${5:-}
if [ -x "$out" ]; then
  echo "  $(basename "$out") $version: cached"
  exit 0
fi
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local
started=$SECONDS
source_dir=$(go mod download -json "$module@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -n "$source_dir" ] || {
  echo "program.sh: the Go module proxy did not serve $module@$version" >&2
  exit 1
}
work=$(mktemp -d /tmp/kind-node-program.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$source_dir/." "$work"
chmod -R u+w "$work"
mkdir -p "$(dirname "$out")"
(cd "$work" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out.partial" "./$package")
mv "$out.partial" "$out"
echo "  $(basename "$out") $version: built in $((SECONDS - started)) s"
