#!/usr/bin/env node
// CLI: `serve` (default) runs the guard; `check-config` validates a configuration and exits.
import { loadConfig, ConfigError } from './config/load.js';
import { paramsFromArgs, renderEnvoyConfig } from './envoy/render-config.js';
import { buildDeps, startService } from './service.js';
import { createLogger } from './telemetry/logger.js';
import { GuardMetrics } from './telemetry/metrics.js';
import { startTracing } from './telemetry/tracing.js';

function usage(): never {
  process.stderr.write([
    'usage: envoy-llm-guard [serve|check-config] [--config FILE]   (GUARD_CONFIG=FILE works too; no file = embedded defaults)',
    '       envoy-llm-guard render-envoy-config [--upstream URL] [--guard-host H] [--guard-port N] [--listen-host H]',
    '                       [--listen-port N] [--admin-port N] [--tls-port N --tls-cert F --tls-key F] [--metadata-namespace NS]',
    '',
  ].join('\n'));
  process.exit(2);
}

function parseArgs(argv: string[]): { command: string; configPath?: string } {
  let command = 'serve';
  let configPath: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--config') configPath = argv[++i] ?? usage();
    else if (arg === 'serve' || arg === 'check-config') command = arg;
    else usage();
  }
  return { command, configPath };
}

function loadOrExit(configPath: string | undefined) {
  try {
    return loadConfig({ path: configPath });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'render-envoy-config') {
    try {
      process.stdout.write(renderEnvoyConfig(paramsFromArgs(process.argv.slice(3))));
    } catch (err) {
      process.stderr.write(`render-envoy-config: ${err instanceof Error ? err.message : String(err)}\n`);
      usage();
    }
    return;
  }
  const { command, configPath } = parseArgs(process.argv.slice(2));
  const config = loadOrExit(configPath);
  if (command === 'check-config') {
    // Building the guards compiles every pattern, exactly as serving would.
    try {
      buildDeps(config, createLogger('silent'), new GuardMetrics(false));
    } catch (err) {
      process.stderr.write(`invalid configuration:\n  - ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    }
    process.stdout.write(`configuration ok${configPath ?? process.env.GUARD_CONFIG ? '' : ' (embedded defaults)'}\n`);
    return;
  }
  const log = createLogger(config.logging.level);
  const metrics = new GuardMetrics();
  const tracing = await startTracing(config.tracing);
  const service = await startService(config, log, metrics, tracing.tracer);
  log.info({ grpc_port: service.grpc.port, admin_port: service.admin.port }, 'envoy-llm-guard listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, active_streams: service.grpc.activeStreams }, 'draining');
    service.stop()
      .then(() => tracing.shutdown())
      .then(() => { log.info('stopped'); log.flush(); setTimeout(() => process.exit(0), 50); })
      .catch((err: unknown) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A fault we did not anticipate leaves state we cannot trust: log it and let the supervisor restart us.
  process.on('uncaughtException', (err) => { log.fatal({ err: { name: err.name, message: err.message } }, 'uncaught exception'); log.flush(); process.exit(1); });
  process.on('unhandledRejection', (err) => { log.fatal({ err: String(err) }, 'unhandled rejection'); log.flush(); process.exit(1); });
}

void main();
