// Admin HTTP server: liveness, readiness following the callback, Prometheus metrics, 404 / 405.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GuardMetrics } from '../telemetry/metrics.js';
import { startAdminServer, type AdminServer } from './server.js';

interface Res { status: number; type: string | undefined; allow: string | undefined; body: string }

function call(port: number, method: string, path: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], allow: res.headers.allow, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('admin server', () => {
  let ready = true;
  const metrics = new GuardMetrics(false);
  let server: AdminServer;

  beforeAll(async () => {
    server = await startAdminServer('127.0.0.1', 0, metrics, () => ready);
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on an ephemeral port when asked for 0', () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it.each([['GET'], ['HEAD']])('%s /healthz -> 200', async (method) => {
    const r = await call(server.port, method, '/healthz');
    expect([r.status, r.type, r.body]).toStrictEqual([200, 'text/plain', method === 'HEAD' ? '' : 'ok\n']);
  });

  it('/readyz follows the callback: 200, then 503, then 200 again', async () => {
    ready = true;
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
    ready = false;
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({ status: 503, body: 'not ready\n' });
    expect(await call(server.port, 'GET', '/healthz')).toMatchObject({ status: 200 }); // liveness is unaffected
    ready = true;
    expect(await call(server.port, 'GET', '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
  });

  it('the query string is ignored for routing', async () => {
    expect(await call(server.port, 'GET', '/healthz?verbose=1')).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('/metrics exposes guard_streams_active with its current value, in Prometheus text format', async () => {
    metrics.streamsActive.set(3);
    const r = await call(server.port, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.body).toContain('# TYPE guard_streams_active gauge\nguard_streams_active 3\n');
    expect(r.body).toContain('# TYPE guard_shadow_denials_total counter');
    metrics.streamsActive.set(0);
  });

  it('/metrics answers 500 when the registry fails', async () => {
    const spy = vi.spyOn(metrics.registry, 'metrics').mockRejectedValueOnce(new Error('collect failed'));
    expect(await call(server.port, 'GET', '/metrics')).toMatchObject({ status: 500, body: 'metrics unavailable\n' });
    spy.mockRestore();
  });

  it.each(['/', '/health', '/healthz/', '/metrics/extra', '/READYZ'])('GET %s -> 404', async (path) => {
    expect(await call(server.port, 'GET', path)).toMatchObject({ status: 404, body: 'not found\n' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s /healthz -> 405', async (method) => {
    expect(await call(server.port, method, '/healthz')).toMatchObject({ status: 405, body: 'method not allowed\n' });
  });

  // Regression (admin/server.ts): RFC 9110 §15.5.6 requires an Allow header on every 405 response.
  it('405 carries Allow: GET, HEAD', async () => {
    expect((await call(server.port, 'POST', '/metrics')).allow).toBe('GET, HEAD');
  });
});

describe('admin server lifecycle', () => {
  it('close() stops listening and frees the port', async () => {
    const s = await startAdminServer('127.0.0.1', 0, new GuardMetrics(false), () => true);
    const port = s.port;
    await s.close();
    await expect(call(port, 'GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('a port already in use rejects the start', async () => {
    const a = await startAdminServer('127.0.0.1', 0, new GuardMetrics(false), () => true);
    await expect(startAdminServer('127.0.0.1', a.port, new GuardMetrics(false), () => true)).rejects.toThrow(/EADDRINUSE/);
    await a.close();
  });
});
