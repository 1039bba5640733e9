// Loads our ext_proc schema (protos/) with @grpc/proto-loader. Decoding options are part of the
// contract with messages.ts: snake_case keys, oneof names, bytes as Buffer, enums as numbers.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, type GrpcObject, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { cachingSerializer } from './codec.js';
import type { ProcessingResponse } from './messages.js';

/** protos/ sits at the repo (or image) root; this file runs from src/ or dist/src/. */
export function protoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'protos', 'envoy'))) return join(dir, 'protos');
    dir = dirname(dir);
  }
  throw new Error('protos/ directory not found above ' + fileURLToPath(import.meta.url));
}

export const EXT_PROC_PROTO = 'envoy/service/ext_proc/v3/external_processor.proto';

export function loadExtProcService(): ServiceDefinition {
  const definition = loadSync(EXT_PROC_PROTO, {
    includeDirs: [protoRoot()],
    keepCase: true,
    longs: Number,
    enums: Number,
    defaults: false,
    oneofs: true,
  });
  const pkg = loadPackageDefinition(definition) as unknown as {
    envoy: { service: { ext_proc: { v3: { ExternalProcessor: GrpcObject[string] & { service: ServiceDefinition } } } } };
  };
  const service = pkg.envoy.service.ext_proc.v3.ExternalProcessor.service;
  const process = service.Process as ServiceDefinition[string] & { responseSerialize: (msg: ProcessingResponse) => Buffer };
  return { ...service, Process: { ...process, responseSerialize: cachingSerializer(process.responseSerialize) } };
}
