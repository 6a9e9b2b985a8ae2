#!/usr/bin/env bash
# Builds, from the Go module proxy only, what a kind node of one Kubernetes version runs: kubelet,
# kubeadm, kubectl, the control-plane and kube-proxy binaries, etcd and CoreDNS at the versions that
# kubeadm of that release asks for, and pause (C, from the same module). Cached by version in OUT.
# Usage: binaries.sh <kubernetes version: toolchain.env's OFFLINE_KUBERNETES_VERSION> <OUT directory>
set -euo pipefail

version=$1
out=$2
[[ $version =~ ^v1\.([0-9]+)\.([0-9]+)$ ]] || {
  echo "binaries.sh: version must look like v1.2.3, got '$version'" >&2
  exit 1
}
minor=${BASH_REMATCH[1]}
if [ -f "$out/.complete" ]; then
  echo "binaries for $version: cached in $out"
  exit 0
fi

export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local
work=$(mktemp -d /tmp/kind-node-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out.partial"
timed() { # timed <label> <command...>
  local label=$1 started=$SECONDS
  shift
  "$@"
  echo "  $label … done in $((SECONDS - started)) s"
}

# k8s.io/kubernetes points its staging modules at ./staging, which a module download does not hold;
# a wrapper module replaces each with the published k8s.io/<name> v0.<minor>.<patch>.
module_file() { go mod download -json "k8s.io/kubernetes@$version" | sed -n "s/^\t\"$1\": \"\(.*\)\",\$/\1/p"; }

kubernetes_module() {
  local upstream staging
  upstream=$(module_file GoMod)
  staging=$(sed -n 's#^\t\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#\1#p' "$upstream")
  mkdir -p "$work/kubernetes"
  {
    printf 'module offline-node/kubernetes\n\ngo %s\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n' \
      "$(sed -n 's/^go //p' "$upstream")" "$version"
    for module in $staging; do printf '\t%s => %s v0.%s\n' "$module" "$module" "${version#v1.}"; done
    printf ')\n'
  } >"$work/kubernetes/go.mod"
  echo "  wrapper module: $(wc -w <<<"$staging") staging modules replaced"
}

# The version stamp kubeadm and kubelet compare; without it they report v0.0.0 and kubeadm refuses.
kubernetes_ldflags() {
  local flags="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$flags"
}

build_kubernetes() {
  local ldflags cmd
  ldflags=$(kubernetes_ldflags)
  (
    cd "$work/kubernetes"
    go get "k8s.io/kubernetes@$version" >/dev/null 2>&1
    for cmd in kubeadm kubelet kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubectl; do
      timed "$cmd" go build -trimpath -ldflags "$ldflags" -o "$out.partial/$cmd" "k8s.io/kubernetes/cmd/$cmd"
    done
  )
}

# etcd, CoreDNS and pause at the versions this kubeadm puts in its manifests (images.txt).
image_version() { sed -n "s#.*/$1:##p" "$out.partial/images.txt"; }

build_from_module() { # <binary name> <module> <version> <package>
  mkdir -p "$work/$1"
  (
    cd "$work/$1"
    # go.mod's go line is this Go's own, which go get raises if the module needs more.
    go mod init "offline-node/$1" >/dev/null 2>&1
    go get "$2@$3" >/dev/null 2>&1
    timed "$1" go build -trimpath -ldflags "-s -w" -o "$out.partial/$1" "$4"
  )
}

build_pause() {
  timed pause gcc -Os -static -Wall -Werror -DVERSION="v$(image_version pause)" \
    -o "$out.partial/pause" "$(module_file Dir)/build/pause/linux/pause.c"
}

echo "building Kubernetes $version node binaries from the Go module proxy into $out"
kubernetes_module
build_kubernetes
"$out.partial/kubeadm" config images list --kubernetes-version "$version" >"$out.partial/images.txt"
etcd_version=$(image_version etcd)
coredns_version=$(image_version coredns)
build_from_module etcd go.etcd.io/etcd/server/v3 "v${etcd_version%-*}" go.etcd.io/etcd/server/v3
build_from_module coredns github.com/coredns/coredns "$coredns_version" github.com/coredns/coredns
build_pause
touch "$out.partial/.complete"
rm -rf "$out"
mv "$out.partial" "$out"
echo "binaries ready: $(du -sh "$out" | cut -f1) in $SECONDS s"
