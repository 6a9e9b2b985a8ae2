#!/usr/bin/env bash
# The trivy-action stand-in's scan: `trivy SCAN_TYPE TARGET`, where every input the caller set to
# something other than its default becomes the Trivy environment variable that carries it, so a
# `trivy-config` file still decides whatever the caller left at its default.
set -euo pipefail

# input variable | Trivy variable | the input's default
while IFS='|' read -r input variable default; do
  value=${!input:-}
  if [ -n "$value" ] && [ "$value" != "$default" ]; then export "$variable=$value"; fi
done <<'TABLE'
INPUT_EXIT_CODE|TRIVY_EXIT_CODE|
INPUT_IGNORE_UNFIXED|TRIVY_IGNORE_UNFIXED|false
INPUT_VULN_TYPE|TRIVY_PKG_TYPES|os,library
INPUT_SEVERITY|TRIVY_SEVERITY|UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL
INPUT_FORMAT|TRIVY_FORMAT|table
INPUT_OUTPUT|TRIVY_OUTPUT|
INPUT_SKIP_DIRS|TRIVY_SKIP_DIRS|
INPUT_SKIP_FILES|TRIVY_SKIP_FILES|
INPUT_TIMEOUT|TRIVY_TIMEOUT|
INPUT_SCANNERS|TRIVY_SCANNERS|
INPUT_TRIVY_CONFIG|TRIVY_CONFIG|
TABLE

# Ignore files: one YAML file is used as it is; plain files are joined into one.
if [ -n "${INPUT_TRIVYIGNORES:-}" ]; then
  IFS=',' read -r -a ignores <<<"$INPUT_TRIVYIGNORES"
  yaml=() plain=()
  for file in "${ignores[@]}"; do
    file=$(echo "$file" | xargs)
    [ -f "$file" ] || { echo "::error::trivy-action stand-in: the ignore file $file does not exist"; exit 1; }
    case $file in *.yml | *.yaml) yaml+=("$file") ;; *) plain+=("$file") ;; esac
  done
  if [ "${#yaml[@]}" -gt 0 ] && { [ "${#yaml[@]}" -gt 1 ] || [ "${#plain[@]}" -gt 0 ]; }; then
    echo "::error::trivy-action stand-in: give one YAML ignore file, or plain ones only"
    exit 1
  fi
  if [ "${#yaml[@]}" -eq 1 ]; then
    export TRIVY_IGNOREFILE=${yaml[0]}
  else
    joined=$(mktemp)
    cat "${plain[@]}" >"$joined"
    export TRIVY_IGNOREFILE=$joined
  fi
fi

# A SARIF report holds every severity unless the caller limits it.
if [ "${TRIVY_FORMAT:-}" = sarif ] && [ "${INPUT_LIMIT_SEVERITIES_FOR_SARIF:-}" != true ]; then unset TRIVY_SEVERITY; fi

target=${INPUT_IMAGE_REF:-${INPUT_SCAN_REF:-.}}
echo "trivy ${INPUT_SCAN_TYPE:-image} $target"
exec trivy "${INPUT_SCAN_TYPE:-image}" "$target"
