# Notewave as a container: `docker build -t notewave .` then
#   docker run -p 3000:3000 -v notewave-data:/data notewave          # serve (migrates an empty database)
#   (stop it with `docker stop -t 180`: at shutdown it writes its engine snapshot beside the database, for a fast start)
#   docker run -p 3000:3000 -v notewave-data:/data notewave demo     # seed the demo community on first run, then serve
#   docker run -v notewave-data:/data notewave backup /data/backup.db

# Build stage: the full install (a C++ toolchain for the SQLite driver, TypeScript) compiles the JavaScript during
# `npm ci`; the development dependencies are then pruned so the runtime stage copies a production install.
FROM node:22-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: Node and the production install only, run as the image's unprivileged `node` user.
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    NOTEWAVE_HOST=0.0.0.0 \
    NOTEWAVE_PORT=3000 \
    NOTEWAVE_DATABASE_URL=sqlite:///data/notewave.db \
    NOTEWAVE_UPLOAD_DIR=/data/uploads
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.NOTEWAVE_PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--max-semi-space-size=64", "bin/notewave.mjs"]
CMD ["serve"]
