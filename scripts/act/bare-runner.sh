#!/usr/bin/env bash
# bash scripts/act/bare-runner.sh DIR: makes DIR/bin, the only folder on a job's PATH under
# `.ci/run`, so a job finds just what GitHub's ubuntu-24.04 runner carries: the executables of
# Debian's "required" and "important" packages (the base system), and the tools runner-tools.txt
# names, each linked from where it is installed here. Anything else (chromium by that name,
# actionlint, trivy, kubeconform, PostgreSQL's programs, debootstrap) a job must install itself.
set -euo pipefail
dir=${1:?usage: bare-runner.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "${dir:?}/bin"
mkdir -p "$dir/bin"
packages=$(dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2 == "required" || $2 == "important" { print $1 }')
# shellcheck disable=SC2086 # one package a word
base=$(dpkg -L $packages 2>/dev/null | grep -E '^(/usr)?/s?bin/[^/]+$' | sort -u)
while read -r file; do
  if [ -x "$file" ] && [ ! -d "$file" ]; then ln -sf "$file" "$dir/bin/"; fi
done <<<"$base"
# Names that Debian's alternatives give those programs (awk for mawk, which, pager).
find /usr/bin /bin -maxdepth 1 -lname '/etc/alternatives/*' 2>/dev/null | while read -r link; do
  target=$(readlink -f "$link")
  if grep -qxF "$target" <<<"$base"; then ln -sf "$target" "$dir/bin/$(basename "$link")"; fi
done
missing=()
while IFS='|' read -r name source _; do
  name=$(echo "$name" | xargs)
  source=$(eval echo "$source" | xargs)
  [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
  if [ "${source:0:1}" != / ]; then source=$(command -v "$source" || true); fi
  if [ -n "$source" ] && [ -x "$source" ]; then ln -sf "$source" "$dir/bin/$name"; else missing+=("$name"); fi
done <"$here/runner-tools.txt"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bare-runner: not installed here: ${missing[*]} (GitHub's runner has them; .ci/run installs them)" >&2
  exit 1
fi
echo "bare runner: $(find "$dir/bin" -mindepth 1 | wc -l) executables in $dir/bin"
