// Incremental decoding of a content-encoding the upstream sent although we asked for identity. Output
// is produced per input chunk (sync flush), so a compressed SSE stream still streams.
import type { Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export const SUPPORTED_ENCODINGS = ['gzip', 'x-gzip', 'deflate', 'br'] as const;

export function isSupportedEncoding(encoding: string): boolean {
  return (SUPPORTED_ENCODINGS as readonly string[]).includes(encoding);
}

export class StreamDecoder {
  private readonly z: Transform;
  private out: Buffer[] = [];
  private outBytes = 0;
  private failure: Error | undefined;
  private readonly flushKind: number;

  constructor(encoding: string, private readonly maxOutputBytes: number) {
    this.z = encoding === 'br' ? createBrotliDecompress() : encoding === 'deflate' ? createInflate() : createGunzip();
    this.flushKind = encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
    this.z.on('data', (b: Buffer) => {
      this.outBytes += b.length;
      // Stop inflating as soon as the limit is passed: a small chunk must not expand into memory first.
      if (this.outBytes > this.maxOutputBytes) {
        this.failure ??= new Error('decoded chunk exceeds limit');
        this.z.destroy();
        return;
      }
      this.out.push(b);
    });
    this.z.on('error', (err: Error) => { this.failure ??= err; });
  }

  /** Decodes one chunk; with `end`, also checks the stream was complete. */
  async push(chunk: Uint8Array, end: boolean): Promise<Uint8Array> {
    if (this.failure) throw this.failure;
    if (chunk.length > 0) this.z.write(chunk);
    await new Promise<void>((resolve) => {
      // zlib calls neither the flush callback nor 'end' once the stream errored: settle on those too.
      const done = (): void => { this.z.off('error', done).off('close', done).off('end', done); resolve(); };
      this.z.once('error', done).once('close', done);
      if (end) {
        this.z.once('end', done);
        this.z.end();
      } else {
        // Sync flush forces out everything decodable so far.
        (this.z as unknown as { flush(kind: number, cb: () => void): void }).flush(this.flushKind, done);
      }
    });
    if (this.failure) throw this.failure;
    const bytes = Buffer.concat(this.out);
    this.out = [];
    this.outBytes = 0;
    return bytes;
  }

  destroy(): void {
    this.z.destroy();
  }
}
