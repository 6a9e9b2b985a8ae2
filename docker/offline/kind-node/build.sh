#!/usr/bin/env bash
# Builds todo-kind-node:<Kubernetes version>, a kind node image, from Debian packages and Go modules
# only, for machines that cannot pull kindest/node (docs/offline.md). It carries the cluster's
# add-ons too: kube-router (its CNI), and Traefik and metrics-server under the names GitHub's kind
# pulls. Every binary is cached by version; the image is rebuilt only when its inputs change (a
# content key over this folder, the versions and the base image, kept in a label).
# Usage: build.sh            build if needed, print the image name last
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
docker=${DOCKER:-docker}
cache=${TODO_CI_CACHE:-$HOME/.cache/todo-chatbot-platform}/kind-node
# OFFLINE_KUBERNETES_VERSION (1.33: the newest minor that runs on cgroup v1 hosts by default),
# KIND_VERSION (kind's base files come from the kind module the project pins), DEBIAN_IMAGE.
# shellcheck source=/dev/null
source "$here/../../../toolchain.env"
KUBERNETES_VERSION=$OFFLINE_KUBERNETES_VERSION
BASE_IMAGE=$DEBIAN_IMAGE
# project/names.ts, written here by npm run gen:stamps:
image_name=todo-kind-node
image=$image_name:$KUBERNETES_VERSION
key_label=org.todo-chatbot.kind-node.key
started=$SECONDS
say() { echo "kind-node: $* (at $((SECONDS - started)) s)"; }

if ! "$docker" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  "$here/../build-standins.sh"
fi
key=$(
  {
    echo "$KUBERNETES_VERSION $KIND_VERSION $KUBE_ROUTER_VERSION $TRAEFIK_VERSION $METRICS_SERVER_VERSION"
    "$docker" image inspect "$BASE_IMAGE" --format '{{.Id}}'
    cd "$here" && find . -type f | LC_ALL=C sort | xargs sha256sum
  } | sha256sum | cut -c1-16
)
if [ "$("$docker" image inspect "$image" --format "{{index .Config.Labels \"$key_label\"}}" 2>/dev/null)" = "$key" ]; then
  say "$image is up to date (key $key)"
  echo "$image"
  exit 0
fi

bin=$cache/bin-$KUBERNETES_VERSION
"$here/binaries.sh" "$KUBERNETES_VERSION" "$bin"
addons=$cache/addons
echo "building the add-ons from their Go modules into $addons"
"$here/program.sh" github.com/cloudnativelabs/kube-router/v2 "$KUBE_ROUTER_VERSION" cmd/kube-router \
  "$addons/kube-router-$KUBE_ROUTER_VERSION/kube-router"
"$here/program.sh" sigs.k8s.io/metrics-server "$METRICS_SERVER_VERSION" cmd/metrics-server \
  "$addons/metrics-server-$METRICS_SERVER_VERSION/metrics-server"
"$here/program.sh" github.com/traefik/traefik/v3 "$TRAEFIK_VERSION" cmd/traefik \
  "$addons/traefik-$TRAEFIK_VERSION/traefik" "-X github.com/traefik/traefik/v3/pkg/version.Version=$TRAEFIK_VERSION"
say "binaries ready"

context=$(mktemp -d /tmp/kind-node-context.XXXXXX)
builder=$image_name-build
cleanup() {
  "$docker" rm -f "$builder" >/dev/null 2>&1 || true
  rm -rf "$context"
}
trap cleanup EXIT
kind_module=$(go mod download -json "sigs.k8s.io/kind@$KIND_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
cp -r "$kind_module/images/base/files" "$context/base"
chmod -R u+w,go-w "$context/base"
chmod 0755 "$context/base/usr/local/bin/"* "$context/base/kind/bin/"*
cp -r "$here/files" "$context/files"
mkdir "$context/bin"
cp "$bin/kubelet" "$bin/kubeadm" "$bin/kubectl" "$context/bin/"

# A scratch image of one static binary, under the name its manifest asks for.
import_binary() { # <image> <binary file> <path in the image> [USER]
  local root
  root=$(mktemp -d "$context/rootfs.XXXXXX")
  install -D -m 0755 "$2" "$root$3"
  tar -C "$root" --numeric-owner --owner=0 --group=0 --mtime=@0 -c . |
    "$docker" import --change "ENTRYPOINT [\"$3\"]" --change 'ENV PATH=/usr/local/bin' \
      ${4:+--change "USER $4"} - "$1" >/dev/null
}

# kube-proxy and kube-router: a Debian image with the packet filter's tools (netfilter.Dockerfile).
netfilter_image() { # <image> <binary file>
  DOCKER_BUILDKIT=1 "$docker" build -q -f "$here/netfilter.Dockerfile" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    --build-arg "BINARY=$(basename "$2")" -t "$1" "$(dirname "$2")" >/dev/null
}

mapfile -t images <"$bin/images.txt"
for ref in "${images[@]}"; do
  name=${ref##*/}
  name=${name%%:*}
  case $name in
    kube-proxy) netfilter_image "$ref" "$bin/kube-proxy" ;;
    pause) import_binary "$ref" "$bin/pause" /pause 65535:65535 ;;
    coredns) import_binary "$ref" "$bin/coredns" /coredns ;;
    *) import_binary "$ref" "$bin/$name" "/usr/local/bin/$name" ;;
  esac
done
netfilter_image "$KUBE_ROUTER_IMAGE" "$addons/kube-router-$KUBE_ROUTER_VERSION/kube-router"
# The entry points of the upstream images, so the manifests pass only arguments, as on GitHub.
import_binary "$TRAEFIK_IMAGE" "$addons/traefik-$TRAEFIK_VERSION/traefik" /usr/local/bin/traefik 65532:65532
import_binary "$METRICS_SERVER_IMAGE" "$addons/metrics-server-$METRICS_SERVER_VERSION/metrics-server" \
  /metrics-server 65534:65534
images+=("$KUBE_ROUTER_IMAGE" "$TRAEFIK_IMAGE" "$METRICS_SERVER_IMAGE")
"$docker" save "${images[@]}" -o "$context/images.tar"
say "component images ready: ${images[*]}"

DOCKER_BUILDKIT=1 "$docker" build -q -f "$here/node.Dockerfile" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  --build-arg "KUBERNETES_VERSION=$KUBERNETES_VERSION" -t "$builder" "$context" >/dev/null
say "node root file system ready"

# Preload the component images the way kind's own node build does: containerd running in the
# node, `ctr import`, then a commit (the mounted archive stays out of the image).
"$docker" run -d --privileged --name "$builder" --entrypoint /usr/bin/containerd \
  -v "$context/images.tar:/mnt/images.tar:ro" "$builder" >/dev/null
for _ in $(seq 1 60); do "$docker" exec "$builder" ctr version >/dev/null 2>&1 && break; sleep 0.5; done
"$docker" exec "$builder" ctr --namespace k8s.io images import --no-unpack --digests --all-platforms /mnt/images.tar >/dev/null
"$docker" exec "$builder" ctr --namespace k8s.io images list --quiet | grep -v -e '^sha256:' -e '^import-' | sed 's/^/  preloaded /'
"$docker" stop "$builder" >/dev/null
"$docker" commit --change "LABEL $key_label=$key" --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
  --change 'CMD []' "$builder" "$image" >/dev/null
"$docker" rm "$builder" >/dev/null
"$docker" rmi "$builder" "${images[@]}" >/dev/null
say "$image ready, $("$docker" image inspect "$image" --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}')"
echo "$image"
