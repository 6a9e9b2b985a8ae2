#!/usr/bin/env bash
# Writes a kubeconfig for one AI-ops profile in the release's namespace, and prints its path. It
# holds nothing but a 30-minute token of the profile's ServiceAccount, so whatever kubectl-ai runs
# with it, Kubernetes RBAC decides what happens:
#   reader    the built-in `view` role: reads the namespace, Secrets excepted, and changes nothing
#   operator  reader, and the scale of the API and UI Deployments (no delete, no other workload)
# Usage: kubeconfig.sh reader|operator [file]   NAMESPACE and RELEASE name the release.
set -euo pipefail

profile=${1:-}
# project/names.ts, written here by npm run gen:stamps:
default_namespace=todo
default_release=todo-chatbot
namespace=${NAMESPACE:-$default_namespace}
release=${RELEASE:-$default_release}
case $profile in
  reader | operator) ;;
  *)
    echo "kubeconfig.sh: name a profile: reader or operator" >&2
    exit 1
    ;;
esac
file=${2:-$(mktemp "${TMPDIR:-/tmp}/aiops-$profile.XXXXXX")}
account=aiops-$profile
apply() { kubectl apply -f - >/dev/null; }

kubectl -n "$namespace" create serviceaccount "$account" --dry-run=client -o yaml | apply
kubectl -n "$namespace" create rolebinding "$account-view" --clusterrole=view \
  --serviceaccount="$namespace:$account" --dry-run=client -o yaml | apply
if [ "$profile" = operator ]; then
  kubectl -n "$namespace" create role aiops-scale --verb=get,update,patch --resource=deployments.apps/scale \
    --resource-name="$release-backend" --resource-name="$release-frontend" --dry-run=client -o yaml | apply
  kubectl -n "$namespace" create rolebinding "$account-scale" --role=aiops-scale \
    --serviceaccount="$namespace:$account" --dry-run=client -o yaml | apply
fi

server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
ca=$(mktemp)
trap 'rm -f "$ca"' EXIT
kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d >"$ca"
token=$(kubectl -n "$namespace" create token "$account" --duration=30m)
export KUBECONFIG=$file
kubectl config set-cluster cluster --server="$server" --certificate-authority="$ca" --embed-certs >/dev/null
kubectl config set-credentials "$account" --token="$token" >/dev/null
kubectl config set-context aiops --cluster=cluster --user="$account" --namespace="$namespace" >/dev/null
kubectl config use-context aiops >/dev/null
echo "$file"
