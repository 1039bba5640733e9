# syntax=docker/dockerfile:1
# envoy-llm-guard: multi-stage build; the runtime image has production dependencies only, runs as the
# unprivileged `node` user, and reports health from the admin port's /readyz.

# --- build: all dependencies (re2 compiles natively), type-check and compile everything -------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY test ./test
COPY bench ./bench
COPY protos ./protos
COPY envoy ./envoy
RUN npx tsc -p tsconfig.json \
 && npm prune --omit=dev

# --- mock-upstream: the deterministic OpenAI/Anthropic-compatible test upstream (demo, compose) -----
FROM node:22-bookworm-slim AS mock-upstream
WORKDIR /app
COPY --from=build /app/dist/test/fixtures ./dist/test/fixtures
COPY package.json ./
USER node
EXPOSE 8000
CMD ["node", "dist/test/fixtures/mock-upstream.js", "--host", "0.0.0.0", "--port", "8000"]

# --- runtime ----------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    GUARD_HOST=0.0.0.0 \
    GUARD_ADMIN_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
COPY protos ./protos
COPY envoy/envoy.yaml ./envoy/envoy.yaml
COPY policies ./policies
USER node
EXPOSE 9001 9002
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GUARD_ADMIN_PORT||9002)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["serve"]
