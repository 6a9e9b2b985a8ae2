#!/usr/bin/env bash
# Asks kubectl-ai the read-only questions of docs/aiops.md (or the one given as $1) about the
# release's namespace, through a ServiceAccount that can only view it. Answers go to stdout and,
# in GitHub Actions, to the job summary.
set -euo pipefail

namespace=${NAMESPACE:-todo}
if [ -n "${OPENAI_API_KEY:-}" ]; then
  provider=openai model=${AIOPS_MODEL:-gpt-4o-mini}
elif [ -n "${GEMINI_API_KEY:-}" ]; then
  provider=gemini model=${AIOPS_MODEL:-gemini-2.5-flash}
else
  echo "ask.sh: set OPENAI_API_KEY or GEMINI_API_KEY" >&2
  exit 1
fi
command -v kubectl-ai >/dev/null || {
  echo "ask.sh: kubectl-ai is missing: scripts/aiops/install-kubectl-ai.sh" >&2
  exit 1
}

# A viewer of this namespace only: a kubeconfig that holds nothing but its short-lived token.
readonly_config=$(NAMESPACE=$namespace "$(dirname "$0")/kubeconfig.sh" reader)
trap 'rm -f "$readonly_config"' EXIT

if [ $# -gt 0 ]; then
  questions=("$*")
else
  # The list items of the section "The questions".
  mapfile -t questions < <(awk '/^## /{on = /^## The questions/} on && sub(/^- /, "")' "$(dirname "$0")/../../docs/aiops.md")
fi

summary=${GITHUB_STEP_SUMMARY:-/dev/null}
echo "## kubectl-ai ($provider, $model), read-only on namespace $namespace" >>"$summary"
failed=0
for question in "${questions[@]}"; do
  echo "### $question" | tee -a "$summary"
  # Every question is asked even when one fails; the exit code reports any failure.
  if ! answer=$(kubectl-ai --quiet --kubeconfig "$readonly_config" --llm-provider "$provider" --model "$model" "$question" 2>&1); then
    failed=$((failed + 1))
    answer="(kubectl-ai failed: ${answer:-no output})"
  fi
  printf '%s\n\n' "$answer" | tee -a "$summary"
done
[ "$failed" -eq 0 ]
