// Logger: JSON lines, level labels, credentials redacted.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); cb(); } });
  return { log: createLogger(level, sink), lines };
}

describe('createLogger', () => {
  it('writes one JSON line with a level label, service and ISO time', () => {
    const { log, lines } = capture();
    log.info({ request_id: 'r1' }, 'hello');
    expect(lines).toHaveLength(1);
    const line = lines[0] as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', service: 'envoy-llm-guard', request_id: 'r1', msg: 'hello' });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(line).not.toHaveProperty('pid');
  });

  it.each([
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['silent', []],
    ['debug', ['debug', 'info', 'warn', 'error']],
  ])('level %s lets through %j', (level, want) => {
    const { log, lines } = capture(level);
    log.debug('d'); log.info('i'); log.warn('w'); log.error('e');
    expect(lines.map((l) => l.level)).toStrictEqual(want);
  });

  it.each([
    ['headers.authorization', { headers: { authorization: 'Bearer sk-live', accept: '*/*' } }, { headers: { authorization: '[redacted]', accept: '*/*' } }],
    ['headers["x-api-key"]', { headers: { 'x-api-key': 'sk-ant-1' } }, { headers: { 'x-api-key': '[redacted]' } }],
    ['headers.cookie', { headers: { cookie: 'session=1' } }, { headers: { cookie: '[redacted]' } }],
    ['*.authorization', { upstream: { authorization: 'Basic x' } }, { upstream: { authorization: '[redacted]' } }],
  ])('redacts %s', (_n, obj, want) => {
    const { log, lines } = capture();
    log.info(obj, 'm');
    expect(lines[0]).toMatchObject(want);
    expect(JSON.stringify(lines[0])).not.toMatch(/sk-live|sk-ant-1|session=1|Basic x/);
  });

  it('child loggers keep the redaction', () => {
    const { log, lines } = capture();
    log.child({ request_id: 'r' }).info({ headers: { authorization: 'Bearer sk-live' } }, 'm');
    expect(lines[0]).toMatchObject({ request_id: 'r', headers: { authorization: '[redacted]' } });
  });

  it('observed: redaction paths are fixed depth; a header map nested two levels down is not covered', () => {
    const { log, lines } = capture();
    log.info({ req: { headers: { authorization: 'Bearer sk-live' } } }, 'm');
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: 'Bearer sk-live' } } });
  });
});
