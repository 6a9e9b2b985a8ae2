#!/usr/bin/env bash
# npm run act -- [options] <job | --all> [act options]
#
# Runs a job of .github/workflows/ci.yml (with the jobs it needs, as act plans them), or every job,
# with nektos/act, as a pull request would. act sets ACT=true, which the few steps that need GitHub
# itself check; the event carries "act": true for the jobs that only GitHub can run (a job-level
# `if:` cannot read env). docs/pipeline.md lists both.
#
# Options:
#   --all            every job of ci.yml, one at a time, in the order of their needs
#   --workflow FILE  another workflow than .github/workflows/ci.yml
#   --offline        resolve every action to the project's stand-in for it, never to GitHub (the
#                    default when GitHub does not answer; docs/pipeline.md, "Stand-ins")
#   --bare DIR       run on this machine (act's host mode) as GitHub's bare ubuntu-24.04 runner:
#                    only the tools of scripts/act/runner-tools.txt on PATH, a fresh HOME, and act's
#                    caches kept in DIR (what .ci/run does)
#   --help           this text
# Environment: ACT (the act binary).
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/../.."
usage() {
  sed -n '2,/^set -euo/p' "$self" | sed '$d; s/^# \{0,1\}//'
  echo
  echo "Jobs of .github/workflows/ci.yml:"
  awk '/^jobs:/ { in_jobs = 1; next } in_jobs && /^  [A-Za-z0-9_-]+:$/ { sub(":", ""); print "  " $1 }' \
    .github/workflows/ci.yml
}

job="" offline=false bare="" workflow=.github/workflows/ci.yml
while [ $# -gt 0 ]; do
  case $1 in
    --help | -h) usage && exit 0 ;;
    --all) job=all ;;
    --offline) offline=true ;;
    --workflow) workflow=${2:?--workflow needs a file} && shift ;;
    --bare) bare=${2:?--bare needs a folder} && shift ;;
    -*) break ;;
    *)
      [ -n "$job" ] && break
      job=$1
      ;;
  esac
  shift
done
if [ -z "$job" ]; then
  echo "npm run act: name a job of $workflow, or --all (npm run act -- --help)" >&2
  exit 1
fi
act=${ACT:-$(command -v act || true)}
if [ -z "$act" ]; then
  ACT_VERSION=$(sed -n 's/^ACT_VERSION=\([^ ]*\).*/\1/p' "$(dirname "$0")/../../toolchain.env")
  echo "npm run act: act is not installed: go install github.com/nektos/act@$ACT_VERSION (from the Go module proxy, no GitHub needed), or set ACT" >&2
  exit 1
fi

args=(pull_request --workflows "$workflow")
[ "$job" = all ] || args+=(--job "$job")
if $offline || ! timeout 10 git ls-remote -q https://github.com/actions/checkout HEAD >/dev/null 2>&1; then
  echo "actions from the project's stand-ins (scripts/act/stand-ins), each at its pinned commit"
  while read -r flag; do args+=("$flag"); done < <(npx --no-install tsx scripts/act/stand-in-flags.ts)
fi

event=$(mktemp)
trap 'rm -f "$event"' EXIT
printf '{"act": true}\n' >"$event"
args+=(--eventpath "$event")

if [ -z "$bare" ]; then
  "$act" "${args[@]}" "$@"
  exit
fi

# The bare runner: act's host mode, on a PATH of what GitHub's image carries, with a fresh HOME.
# What the machine needs to reach the registries (its CA bundle, proxies, Go's and npm's settings)
# is configuration, not a tool, and goes along.
mkdir -p "$bare"
bare=$(cd "$bare" && pwd)
bash scripts/act/bare-runner.sh "$bare"
home="$bare/home"
rm -rf "$home"
mkdir -p "$home"
# setup-node resolves .nvmrc from the runner's tool cache, as on GitHub, where the image carries
# Node 22: the Node this script runs on, with npm, goes there once.
node_version=$(node -p process.versions.node)
tool="$bare/actions/tool_cache/node/$node_version/x64"
if [ ! -f "$tool.complete" ]; then
  rm -rf "$tool"
  mkdir -p "$tool/bin" "$tool/lib/node_modules"
  cp "$(command -v node)" "$tool/bin/node"
  cp -r "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$tool/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$tool/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$tool/bin/npx"
  touch "$tool.complete"
fi
keep=()
for name in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE GIT_SSL_CAINFO REQUESTS_CA_BUNDLE \
  http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY TODO_CI_CACHE DOCKER_HOST ACT_RESULTS_DIR; do
  [ -n "${!name:-}" ] && keep+=("$name=${!name}")
done
[ -f "$HOME/.npmrc" ] && keep+=("NPM_CONFIG_USERCONFIG=$HOME/.npmrc")
# What the project's machines keep beside the checkout, by absolute path (a job's workspace is a
# copy elsewhere): GitHub's runner-image list and the pinned actions' facts, which the tests and
# gen:bindings read.
for default in RUNNER_IMAGES=../shared/runner-images/ubuntu-24.04 ACTION_METADATA=../shared/action-metadata.json; do
  name=${default%%=*}
  path=${!name:-${default#*=}}
  if [ -e "$path" ]; then keep+=("$name=$(readlink -f "$path")"); fi
done
command -v go >/dev/null && keep+=("GOENV=$(go env GOENV)")
env -i "PATH=$bare/bin" "HOME=$home" LANG=C.UTF-8 "${keep[@]}" \
  "$act" "${args[@]}" -P ubuntu-24.04=-self-hosted --concurrent-jobs 1 \
  --action-cache-path "$bare/actions" --cache-server-path "$bare/cache-server" --cache-server-addr 127.0.0.1 "$@"
