#!/usr/bin/env bash
# The project's one test command (README, .ci/run): bootstrap, lint, type-check and build, all tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
echo "== lint"; eslint --max-warnings 0 .
echo "== type-check and build"; tsc -p tsconfig.json
echo "== tests (unit, harness, integration with real Envoy and redis-server)"
# Integration tests fail, never skip, when Envoy or redis-server is missing.
export GUARD_REQUIRE_REAL_DEPS=1
vitest run "$@"
