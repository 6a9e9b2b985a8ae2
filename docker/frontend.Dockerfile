# The web UI: the Vite build served by unprivileged nginx on port 3000, which also proxies /api,
# /health and /mcp to BACKEND_URL (read at start). The runtime is FROM scratch with nginx, its
# libraries and the small shell + sed the entrypoint uses.
ARG NODE_IMAGE=node:22.23.3-trixie-slim
ARG DEBIAN_IMAGE=debian:trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY frontend/package.json frontend/
# build_ca: an optional build secret with extra CA certificates, for networks that intercept TLS.
RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=build_ca \
    NODE_EXTRA_CA_CERTS="$(test -f /run/secrets/build_ca && echo /run/secrets/build_ca)" \
    npm ci --workspace frontend --no-audit --no-fund
COPY tsconfig.json ./
COPY frontend/ frontend/
RUN npm run build --workspace frontend && find frontend/dist -name '*.map' -delete

FROM ${DEBIAN_IMAGE} AS rootfs
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/*
COPY docker/minimal-rootfs.sh /usr/local/bin/
# The chroot proves the libraries are complete: nginx and the entrypoint must run inside the new root.
RUN minimal-rootfs.sh /rootfs nginx nginx-common libc6 libcrypt1 libpcre2-8-0 libssl3t64 libzstd1 zlib1g \
      dash sed libacl1 libselinux1 \
 && rm -rf /rootfs/etc/nginx/sites-* /rootfs/etc/nginx/conf.d /rootfs/etc/nginx/modules-* \
      /rootfs/usr/share/nginx/html/* /rootfs/etc/init.d /rootfs/etc/logrotate.d /rootfs/etc/ufw \
 && chroot /rootfs /usr/sbin/nginx -v && chroot /rootfs /bin/sh -c 'echo ok | sed s/ok/sh+sed/'

FROM scratch
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/todo-chatbot-platform/todo-chatbot-platform
LABEL org.opencontainers.image.title="todo-frontend" \
      org.opencontainers.image.description="Todo Chatbot web UI" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="MIT"
COPY --from=rootfs /rootfs /
COPY docker/nginx/nginx.conf docker/nginx/site.conf.template docker/nginx/security-headers.conf /etc/nginx/
COPY docker/nginx/entrypoint.sh /usr/local/bin/entrypoint.sh
COPY --from=build /src/frontend/dist /usr/share/nginx/html
ENV BACKEND_URL=http://backend:8000
USER 10001:10001
EXPOSE 3000
# No HEALTHCHECK: the image has no HTTP client (nginx, sh and sed only). Compose and stack:up
# check http://127.0.0.1:3000/ from outside; Kubernetes probes the port over HTTP.
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
