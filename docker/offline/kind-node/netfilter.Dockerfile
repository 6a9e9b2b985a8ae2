# The node programs that program the kernel's packet filter: kube-proxy, and kube-router (the offline
# CNI). Debian's iptables (nf_tables backend, as on the node and this host), nft (kube-proxy clears
# its nftables mode's rules at start), conntrack, and for kube-router ipset and iproute2, beside the
# binary (kube-router reads the routing tables' names where Debian's iproute2 no longer puts
# them). build.sh passes toolchain.env's DEBIAN_IMAGE and the binary's name.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      iptables nftables conntrack ipset iproute2 >/dev/null \
    && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
    && mkdir -p /etc/iproute2 \
    && cp /usr/share/iproute2/rt_tables /etc/iproute2/rt_tables
ARG BINARY
COPY --chmod=0755 ${BINARY} /usr/local/bin/${BINARY}
# The upstream images start their program with the pod's args alone; exec form cannot read an ARG.
RUN ln -s "${BINARY}" /usr/local/bin/entrypoint
ENTRYPOINT ["/usr/local/bin/entrypoint"]
