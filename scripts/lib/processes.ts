// Child processes for the stack, the demo, tests and the benchmark: started on free loopback ports,
// output captured, stopped by PID (never by name).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Managed {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the process wrote so far (stdout + stderr), bounded. */
  output(): string;
  stdout(): string;
  /** Resolves when a line matching `test` appears on stdout or stderr; rejects on exit or timeout. */
  waitFor(test: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

const MAX_CAPTURE = 4 * 1024 * 1024;

export function startProcess(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, echo = false): Managed {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    child.on('error', () => { /* reported by the throw below */ });
    throw new Error(`${name}: cannot start ${command} (is it installed? run npm run bootstrap)`);
  }
  let out = '';
  let stdout = '';
  const listeners = new Set<(line: string) => void>();
  let partial = '';
  const onData = (isStdout: boolean) => (buf: Buffer) => {
    const text = buf.toString('utf8');
    if (echo) process.stderr.write(text);
    if (out.length < MAX_CAPTURE) out += text;
    if (isStdout && stdout.length < MAX_CAPTURE) stdout += text;
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const l of listeners) l(line);
  };
  child.stdout?.on('data', onData(true));
  child.stderr?.on('data', onData(false));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? null : 0)));
    child.once('error', (err) => { out += `\n${name}: ${err.message}\n`; resolve(127); });
  });
  const pid = child.pid;
  return {
    name, child, pid, exited,
    output: () => out,
    stdout: () => stdout,
    waitFor(test, timeoutMs) {
      for (const line of out.split('\n')) if (test(line)) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { cleanup(); reject(new Error(`${name}: timed out after ${timeoutMs} ms waiting for output\n${out.slice(-4000)}`)); }, timeoutMs);
        const listener = (line: string) => { if (test(line)) { cleanup(); resolve(line); } };
        const onExit = (code: number | null) => { cleanup(); reject(new Error(`${name}: exited (${code}) before it was ready\n${out.slice(-4000)}`)); };
        const cleanup = () => { clearTimeout(timer); listeners.delete(listener); child.off('exit', onExit); };
        listeners.add(listener);
        child.once('exit', onExit);
      });
    },
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
