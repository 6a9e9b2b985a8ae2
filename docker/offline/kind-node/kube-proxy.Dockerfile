# kube-proxy programs iptables, so its image carries Debian's iptables (nf_tables backend, as on the
# node and this host), nft (it clears its nftables mode's rules at start) and conntrack beside the binary.
# build.sh passes toolchain.env's DEBIAN_IMAGE.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iptables nftables conntrack >/dev/null \
    && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*
COPY --chmod=0755 kube-proxy /usr/local/bin/kube-proxy
