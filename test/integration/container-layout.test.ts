// Docker is not available in CI here, so the image is checked by running its own commands on its own
// layout: compile with tsconfig.build.json, copy exactly what the Dockerfile's runtime stage copies,
// then run the entrypoint (check-config, render-envoy-config, serve) and the HEALTHCHECK command.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envoyBinary, repoRoot } from '../../scripts/lib/paths.js';
import { freePort, startProcess } from '../../scripts/lib/processes.js';
import { requireRealDeps } from './support.js';

const root = repoRoot();
let image: string;

/** The runtime stage's COPY lines (after `AS runtime`), as [source, destination] pairs. */
function runtimeCopies(dockerfile: string): [string, string][] {
  const stage = dockerfile.slice(dockerfile.indexOf('AS runtime'));
  return stage.split('\n').filter((l) => l.startsWith('COPY ') && !l.includes('--from=')).map((l) => {
    const [, src, dest] = l.split(/\s+/);
    return [src as string, dest as string];
  });
}

beforeAll(() => {
  requireRealDeps();
  image = mkdtempSync(join(tmpdir(), 'llm-guard-image-'));
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json'), '--outDir', join(image, 'dist')], { stdio: 'inherit' });
  for (const [src, dest] of runtimeCopies(readFileSync(join(root, 'Dockerfile'), 'utf8'))) {
    // `COPY x ./` copies into the directory; `COPY x ./y` copies to y.
    const target = dest.endsWith('/') ? join(image, dest, basename(src)) : join(image, dest.replace(/^\.\//, ''));
    mkdirSync(join(target, '..'), { recursive: true });
    cpSync(join(root, src), target, { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'));
}, 120_000);
afterAll(() => { if (image) rmSync(image, { recursive: true, force: true }); });

describe('the runtime image layout', () => {
  const entry = () => join(image, 'dist', 'src', 'main.js');

  it('copies protos, the Envoy template and policies, and no tests', () => {
    const copies = runtimeCopies(readFileSync(join(root, 'Dockerfile'), 'utf8')).map(([s]) => s);
    expect(copies).toEqual(expect.arrayContaining(['protos', 'envoy/envoy.yaml', 'policies', 'package.json']));
    expect(spawnSync('find', [join(image, 'dist'), '-name', '*.test.js'], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('check-config passes on the shipped example', () => {
    const r = spawnSync(process.execPath, [entry(), 'check-config', '--config', join(image, 'policies', 'guard.example.yaml')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('configuration ok');
  });

  it('render-envoy-config (as docker-compose runs it) produces a config Envoy accepts', () => {
    const r = spawnSync(process.execPath, [entry(), 'render-envoy-config', '--upstream', 'http://mock-llm:8000', '--guard-host', 'guard', '--guard-port', '9001', '--listen-host', '0.0.0.0', '--listen-port', '8080', '--admin-port', '9901'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const file = join(image, 'envoy.rendered.yaml');
    writeFileSync(file, r.stdout);
    const v = spawnSync(envoyBinary(), ['--mode', 'validate', '-c', file], { encoding: 'utf8' });
    expect(v.stdout + v.stderr).toContain('OK');
  });

  it('serves, and the Dockerfile HEALTHCHECK command reports healthy, then unhealthy while draining', async () => {
    const [grpc, admin] = [await freePort(), await freePort()];
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', GUARD_HOST: '127.0.0.1', GUARD_ADMIN_HOST: '127.0.0.1', GUARD_GRPC_PORT: String(grpc), GUARD_ADMIN_PORT: String(admin), GUARD_DRAIN_DELAY_MS: '2000' };
    const guard = startProcess('guard-image', process.execPath, [entry(), 'serve'], env);
    try {
      await guard.waitFor((l) => l.includes('envoy-llm-guard listening'), 15_000);
      const line = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n').find((l) => l.trim().startsWith('CMD ["node", "-e"'));
      const cmd = JSON.parse((line as string).trim().slice(4)) as string[];
      const healthy = spawnSync(cmd[0] as string, cmd.slice(1), { env, encoding: 'utf8' });
      expect(healthy.status).toBe(0);
      process.kill(guard.pid, 'SIGTERM');
      await guard.waitFor((l) => l.includes('draining'), 5000);
      const draining = spawnSync(cmd[0] as string, cmd.slice(1), { env, encoding: 'utf8' });
      expect(draining.status).toBe(1);
      expect(await guard.exited).toBe(0);
    } finally {
      await guard.stop();
    }
  });
});
