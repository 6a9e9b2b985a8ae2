#!/usr/bin/env bash
# npm run act -- <job> [act options]: runs one job of the CI workflow locally with nektos/act,
# as a pull request would. act sets ACT=true, which steps that need GitHub itself check; the event
# carries "act": true, which jobs that need artifacts from other jobs check (job-level `if:` cannot
# read env).
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
event=$(mktemp)
trap 'rm -f "$event"' EXIT
printf '{"act": true}\n' >"$event"
act pull_request --job "$job" --workflows .github/workflows/ci.yml --eventpath "$event" "$@"
