#!/usr/bin/env bash
# Makes a self-signed certificate for local TLS on the Envoy listener (never for production).
# Usage: scripts/make-cert.sh [DIR]   (default envoy/certs, git-ignored); idempotent.
set -euo pipefail
dir="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/envoy/certs}"
mkdir -p "$dir"
if [ -s "$dir/server.crt" ] && [ -s "$dir/server.key" ]; then echo "$dir"; exit 0; fi
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
chmod 600 "$dir/server.key"
echo "$dir"
