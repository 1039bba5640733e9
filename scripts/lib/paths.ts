// Locations of the repo, the built service and the pinned tools, from source or from dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'envoy', 'envoy.yaml'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('repository root not found');
}

/** The built service entry point (npm run build / tsc). */
export function guardEntry(): string {
  return join(repoRoot(), 'dist', 'src', 'main.js');
}

/** The Envoy binary: $ENVOY_BIN, else the bootstrap's project-local install, else `envoy` on PATH. */
export function envoyBinary(): string {
  if (process.env.ENVOY_BIN) return process.env.ENVOY_BIN;
  const local = join(repoRoot(), '.tools', 'envoy', 'bin', 'envoy');
  return existsSync(local) ? local : 'envoy';
}
