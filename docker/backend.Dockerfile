# The API: bundled with esbuild, run by Node 22 on a FROM-scratch root filesystem that holds only
# the C/C++ runtime libraries Node links against. No shell, no npm, no sources.
ARG NODE_IMAGE=node:22.23.3-trixie-slim
ARG DEBIAN_IMAGE=debian:trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY backend/package.json backend/
# build_ca: an optional build secret with extra CA certificates, for networks that intercept TLS.
RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=build_ca \
    NODE_EXTRA_CA_CERTS="$(test -f /run/secrets/build_ca && echo /run/secrets/build_ca)" \
    npm ci --workspace backend --no-audit --no-fund
COPY tsconfig.json ./
COPY backend/ backend/
RUN npm run bundle --workspace backend

FROM ${DEBIAN_IMAGE} AS rootfs
COPY docker/minimal-rootfs.sh /usr/local/bin/
COPY --from=build /usr/local/bin/node /rootfs/usr/local/bin/node
# Node's symbol and debug sections (18 MB) serve native debuggers only: JavaScript stack traces
# and --cpu-prof need none of them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/* \
 && strip --strip-all /rootfs/usr/local/bin/node
# The chroot proves the libraries are complete: node must start inside the new root.
RUN minimal-rootfs.sh /rootfs libc6 libgcc-s1 libstdc++6 \
 && chroot /rootfs /usr/local/bin/node -e "console.log('node', process.version)"

FROM scratch
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/todo-chatbot-platform/todo-chatbot-platform
LABEL org.opencontainers.image.title="todo-backend" \
      org.opencontainers.image.description="Todo Chatbot API" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="MIT"
COPY --from=rootfs /rootfs /
COPY --from=build /src/backend/bundle /app
ENV NODE_ENV=production \
    ENVIRONMENT=production \
    PORT=8000 \
    MIGRATIONS_DIR=/app/drizzle \
    PGLITE_DATA_DIR=/tmp/pglite
USER 10001:10001
WORKDIR /tmp
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/local/bin/node", "--experimental-async-context-frame", "/app/server.js"]
