# A kind node image built without a registry, for machines that cannot pull kindest/node: systemd,
# containerd, runc and the CNI plugins from Debian; the files kind's entrypoint and units expect
# (from the sigs.k8s.io/kind module at KIND_VERSION, put into the context as base/ by build.sh);
# the Kubernetes binaries binaries.sh built (bin/). build.sh preloads the component images
# afterwards, with containerd running, and commits the result. It passes toolchain.env's DEBIAN_IMAGE.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
# Every RUN fails on the first failing command, pipes included.
SHELL ["/bin/bash", "-o", "pipefail", "-e", "-u", "-c"]

# The node's programs. They go in before base/, whose files replace their configuration
# (containerd's config.toml among them). jq edits the runtime spec below.
RUN packages=( \
      systemd bash ca-certificates procps util-linux mount kmod \
      containerd runc containernetworking-plugins libseccomp2 \
      iptables nftables iproute2 conntrack ethtool pigz jq \
    ) \
    && apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/log/* /usr/share/doc/* /usr/share/man/*
COPY base/ /

# systemd as a container's init: only the units a node needs start. The boot targets lose the
# units Debian enabled (udev, tmpfiles, getty and the like); kind's three units are enabled; the
# journal does not read the host's kernel log.
RUN units=/lib/systemd/system \
    && dropped=( \
      "$units"/{multi-user,local-fs,basic}.target.wants/* "$units"/sockets.target.wants/*{udev,initctl}* \
      "$units"/sysinit.target.wants/systemd-tmpfiles-setup.service /etc/systemd/system/*.wants/* \
    ) \
    && rm -f "${dropped[@]}" \
    && systemctl mask systemd-binfmt.service \
    && systemctl enable containerd.service kubelet.service undo-mount-hacks.service \
    && mkdir -p /etc/systemd/journald.conf.d \
    && printf '[Journal]\nReadKMsg=no\n' >/etc/systemd/journald.conf.d/00-no-kmsg.conf \
    && ln -sf /usr/lib/systemd/systemd /sbin/init

# containerd for kubelet: Debian's binary where kind's config looks for it, the CNI plugins where
# kubelet looks, and the base runtime spec kind's config names: containerd's default, with kind's
# hook that mounts the product files into each container and without rlimits.
# Machines without CAP_SYS_RESOURCE cannot lower oom_score_adj: containerd must not try.
RUN mkdir -p /etc/kubernetes/manifests /etc/cni/net.d /opt/cni \
    && ln -s /usr/bin/containerd /usr/local/bin/containerd \
    && ln -s /usr/lib/cni /opt/cni/bin \
    && spec=$(ctr oci spec) \
    && jq --arg hook /kind/bin/mount-product-files.sh \
      '.hooks.createContainer += [{path: $hook}] | del(.process.rlimits)' <<<"$spec" >/etc/containerd/cri-base.json \
    && jq -e '.hooks.createContainer | length > 0' /etc/containerd/cri-base.json >/dev/null \
    && sed -i -E 's/^( *restrict_oom_score_adj) = false/\1 = true/' /etc/containerd/config.toml \
    && grep -q 'restrict_oom_score_adj = true' /etc/containerd/config.toml

# kind applies these after `kubeadm init`: the CNI (kube-router, which writes the node's CNI
# configuration when it starts) and the storage class.
COPY --chmod=0644 files/manifests/ /kind/manifests/
COPY --chmod=0755 bin/kubelet bin/kubeadm bin/kubectl /usr/bin/
ARG KUBERNETES_VERSION
# kind reads the version from /kind/version; the cluster's PersistentVolumes are folders of the
# control-plane node (every node has them, but kind applies the manifests once), bound to that node.
RUN echo "${KUBERNETES_VERSION}" >/kind/version \
    && for n in 1 2 3 4; do \
      mkdir -p -m 0777 "/var/local-volumes/$n"; \
      printf -- '---\n%s\n' "{ apiVersion: v1, kind: PersistentVolume, metadata: { name: local-volume-$n }, spec: { storageClassName: standard, capacity: { storage: 10Gi }, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, hostPath: { path: /var/local-volumes/$n, type: Directory }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: node-role.kubernetes.io/control-plane, operator: Exists }] }] } } } }" \
        >>/kind/manifests/default-storage.yaml; \
    done \
    && kubelet --version && kubeadm version -o short

ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]
