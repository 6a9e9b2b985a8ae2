#!/usr/bin/env bash
# Verifies each <ref>@<digest>: signed keyless by this repository's release workflow, at a tag
# (cosign verify), with a SLSA provenance attestation of GitHub's (gh attestation verify).
# Usage: verify.sh <owner/repo> <ref@digest>...   (a registry login for private packages; GH_TOKEN)
set -euo pipefail
repository=${1:?usage: verify.sh <owner/repo> <ref@digest>...}
shift
[ $# -gt 0 ] || { echo "verify.sh: name at least one ref@digest" >&2; exit 1; }
identity="^https://github.com/$repository/.github/workflows/release.yml@refs/tags/v"
for ref in "$@"; do
  [[ $ref == *@sha256:* ]] || { echo "verify.sh: $ref is not pinned by digest" >&2; exit 1; }
  cosign verify "$ref" --certificate-identity-regexp "$identity" \
    --certificate-oidc-issuer https://token.actions.githubusercontent.com >/dev/null
  gh attestation verify "oci://$ref" --repo "$repository" \
    --predicate-type https://slsa.dev/provenance/v1 >/dev/null
  echo "verified: $ref (signature and provenance)"
done
