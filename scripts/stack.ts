// `npm run stack`: Envoy + the guard on 127.0.0.1 in front of any OpenAI- or Anthropic-compatible
// upstream. Environment: LISTEN_PORT (8080), UPSTREAM_URL (http://127.0.0.1:11434), TLS_PORT (off),
// ENVOY_ADMIN_PORT (9901), GUARD_CONFIG (embedded defaults). Prints a line with `ready` once traffic
// flows; SIGTERM or SIGINT stops everything it started.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './lib/paths.js';
import { startStack } from './lib/stack.js';

function port(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    process.stderr.write(`${name} must be a port number, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const upstreamUrl = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:11434';
  try {
    const u = new URL(upstreamUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    process.stderr.write(`UPSTREAM_URL must be an http(s) URL, got ${JSON.stringify(upstreamUrl)}\n`);
    process.exit(2);
  }
  const tlsPort = port('TLS_PORT', undefined);
  let tls;
  if (tlsPort !== undefined) {
    const dir = execFileSync('bash', [join(repoRoot(), 'scripts', 'make-cert.sh')], { encoding: 'utf8' }).trim();
    tls = { port: tlsPort, certPath: join(dir, 'server.crt'), keyPath: join(dir, 'server.key') };
  }
  const stack = await startStack({
    upstreamUrl,
    listenPort: port('LISTEN_PORT', 8080),
    envoyAdminPort: port('ENVOY_ADMIN_PORT', 9901),
    tls,
    guardConfig: process.env.GUARD_CONFIG,
    envoyConcurrency: 2,
    echo: true,
  });
  const tlsNote = tls ? `, https://127.0.0.1:${tls.port} (self-signed)` : '';
  process.stdout.write(`envoy-llm-guard stack ready: http://127.0.0.1:${stack.listenPort}${tlsNote} -> ${upstreamUrl} (envoy admin http://127.0.0.1:${stack.envoyAdminPort}, guard metrics http://127.0.0.1:${stack.guardAdminPort}/metrics)\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping envoy and the guard\n`);
    stack.stop().then(() => process.exit(0), (err: unknown) => { process.stderr.write(`stop failed: ${String(err)}\n`); process.exit(1); });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // If either child dies, the stack is broken: say so and stop the other.
  for (const child of [stack.envoy, stack.guard]) {
    void child?.exited.then((code) => { if (!stopping) { process.stderr.write(`${child.name} exited (${code}); stopping\n`); stop('child exit'); } });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`stack failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
