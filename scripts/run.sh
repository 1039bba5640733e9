#!/usr/bin/env bash
# Runs a built entry point on the project's runtime: bootstrap (a no-op when done), build, exec.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
tsc -p tsconfig.json >&2
exec node "$@"
