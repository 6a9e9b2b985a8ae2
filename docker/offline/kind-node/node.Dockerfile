# A kind node image built without a registry: Debian's systemd, containerd, runc and CNI plugins,
# kind's own base files (from the sigs.k8s.io/kind module, copied into the context as base/), and
# the Kubernetes binaries that binaries.sh built (bin/). build.sh preloads the component images
# afterwards (containerd has to run for that) and commits the result.
# build.sh passes toolchain.env's DEBIAN_IMAGE.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}

# What kind's base image installs, with containerd, runc and the CNI plugins from Debian instead of
# builds of their upstream sources, and jq for the runtime spec below. Installed before kind's files
# are copied: they replace the packages' configuration (containerd's config.toml among them).
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      systemd conntrack iptables nftables iproute2 ethtool util-linux mount kmod libseccomp2 pigz \
      bash ca-certificates jq procps containerd runc containernetworking-plugins >/dev/null \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/log/* /usr/share/doc/* /usr/share/man/*
COPY base/ /
RUN find /lib/systemd/system/sysinit.target.wants/ -name "systemd-tmpfiles-setup.service" -delete \
    && rm -f /lib/systemd/system/multi-user.target.wants/* /etc/systemd/system/*.wants/* \
      /lib/systemd/system/local-fs.target.wants/* /lib/systemd/system/sockets.target.wants/*udev* \
      /lib/systemd/system/sockets.target.wants/*initctl* /lib/systemd/system/basic.target.wants/* \
    && echo "ReadKMsg=no" >> /etc/systemd/journald.conf \
    && ln -sf /usr/lib/systemd/systemd /sbin/init \
    && systemctl enable kubelet.service containerd.service undo-mount-hacks.service \
    && systemctl mask systemd-binfmt.service \
    && mkdir -p /etc/kubernetes/manifests /opt/cni /etc/cni/net.d \
    && ln -s /usr/bin/containerd /usr/local/bin/containerd \
    && ln -s /usr/lib/cni /opt/cni/bin \
    && ctr oci spec \
      | jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
      | jq 'del(.process.rlimits)' > /etc/containerd/cri-base.json \
    # Machines without CAP_SYS_RESOURCE cannot lower oom_score_adj; containerd must not try.
    && sed -i 's/^\( *restrict_oom_score_adj\) = false/\1 = true/' /etc/containerd/config.toml \
    && grep -q 'restrict_oom_score_adj = true' /etc/containerd/config.toml

# One node, one bridge: pods get addresses from the node's share of the pod subnet, without a
# CNI daemon to build or preload (kind's kindnetd is not published as a Go module).
COPY --chmod=0644 files/10-bridge.conflist /etc/cni/net.d/
COPY --chmod=0644 files/manifests/ /kind/manifests/
COPY --chmod=0755 bin/kubelet bin/kubeadm bin/kubectl /usr/bin/
ARG KUBERNETES_VERSION
RUN echo "${KUBERNETES_VERSION}" > /kind/version \
    && for n in 1 2 3 4; do \
      mkdir -p -m 0777 "/var/local-volumes/$n"; \
      printf -- '---\n%s\n' "{ apiVersion: v1, kind: PersistentVolume, metadata: { name: local-volume-$n }, spec: { storageClassName: standard, capacity: { storage: 10Gi }, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, hostPath: { path: /var/local-volumes/$n, type: Directory } } }" \
        >> /kind/manifests/default-storage.yaml; \
    done \
    && kubelet --version && kubeadm version -o short

ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]
