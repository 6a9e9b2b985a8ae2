#!/usr/bin/env bash
# npm run act -- <job> [act options]: runs one job of the CI workflow locally with nektos/act,
# as a pull request would. act sets ACT=true, which steps that need GitHub itself check.
set -euo pipefail
if [ $# -eq 0 ] || [ "${1:0:1}" = "-" ]; then
  echo "usage: npm run act -- <job> [act options]   (jobs: see .github/workflows/ci.yml)" >&2
  exit 1
fi
if ! command -v act >/dev/null 2>&1; then
  echo "act is not installed: see https://nektosact.com/installation/ (for example: gh extension install nektos/gh-act)" >&2
  exit 1
fi
job=$1
shift
cd "$(dirname "$0")/.."
exec act pull_request --job "$job" --workflows .github/workflows/ci.yml "$@"
