#!/usr/bin/env bash
# Prints the newest release tag (vX.Y.Z) in the history of a revision, or nothing when that history
# has none yet. Any other failure (not a repository, an unknown revision, a shallow clone whose
# tags are missing) stops with exit 1 and one line, so it is never taken for "no release yet".
# Usage: latest-tag.sh [revision, default HEAD]
set -euo pipefail
rev=${1:-HEAD}
shallow=$(git rev-parse --is-shallow-repository 2>/dev/null) || {
  echo "latest-tag.sh: $(pwd) is not a git repository" >&2
  exit 1
}
if [ "$shallow" = true ]; then
  echo "latest-tag.sh: $(pwd) is a shallow clone, whose tags may be missing (check out with fetch-depth: 0)" >&2
  exit 1
fi
commit=$(git rev-parse --verify --quiet "$rev^{commit}") || {
  echo "latest-tag.sh: no such revision: $rev" >&2
  exit 1
}
tags=$(git tag --merged "$commit" --list 'v[0-9]*.[0-9]*.[0-9]*' --sort=-version:refname)
echo "${tags%%$'\n'*}"
