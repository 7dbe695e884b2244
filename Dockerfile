# syntax=docker/dockerfile:1
# The OZG dashboard as one image: API and the built web app, run as `node`.
# Build: docker build -t ozg-dashboard .   Run with PostgreSQL: see compose.yaml.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
# The manifests first, so that the dependency layer is reused while only sources change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/
COPY db/package.json db/
COPY api/package.json api/
COPY web/package.json web/
COPY scripts/package.json scripts/
RUN pnpm install --frozen-lockfile
COPY . .
RUN node_modules/.bin/tsx scripts/src/build-web.ts

FROM node:20-bookworm-slim
# pg_dump, pg_restore and psql for `pnpm ozg backup` / `restore` against a PostgreSQL 15 server
# (Debian 12's client; a newer server needs the client of its version, see README "Betrieb").
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/* \
  && npm install -g pnpm@12.4.2 \
  && mkdir -p /data /backups \
  && chown node:node /data /backups
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    OZG_DATA_DIR=/data/pglite
VOLUME ["/data", "/backups"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Exec form: tsx runs as PID 1 and passes SIGTERM on to start.ts, whose graceful shutdown handles it.
CMD ["node_modules/.bin/tsx", "scripts/src/start.ts"]
