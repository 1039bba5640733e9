// StreamDecoder: incremental gzip / deflate / br decoding with a per-chunk output limit.
import type { Transform } from 'node:stream';
import {
  brotliCompressSync, constants, createBrotliCompress, createDeflate, createGzip, deflateRawSync, deflateSync, gzipSync,
} from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSupportedEncoding, StreamDecoder, SUPPORTED_ENCODINGS } from './decompress.js';

type Enc = 'gzip' | 'x-gzip' | 'deflate' | 'br';
const ENCODINGS: readonly Enc[] = ['gzip', 'x-gzip', 'deflate', 'br'];

function compress(encoding: Enc, data: Uint8Array): Buffer {
  if (encoding === 'br') return brotliCompressSync(data);
  if (encoding === 'deflate') return deflateSync(data);
  return gzipSync(data);
}

/** Compresses each piece and flushes after it, as a streaming upstream would: one segment per piece. */
async function compressFlushed(encoding: Enc, pieces: readonly string[]): Promise<Buffer[]> {
  const z: Transform = encoding === 'br' ? createBrotliCompress() : encoding === 'deflate' ? createDeflate() : createGzip();
  const kind = encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
  let pending: Buffer[] = [];
  z.on('data', (b: Buffer) => pending.push(b));
  const segments: Buffer[] = [];
  for (const piece of pieces) {
    z.write(piece);
    await new Promise<void>((resolve) => (z as unknown as { flush(k: number, cb: () => void): void }).flush(kind, resolve));
    segments.push(Buffer.concat(pending));
    pending = [];
  }
  await new Promise<void>((resolve) => { z.once('end', resolve); z.end(); z.resume(); });
  segments.push(Buffer.concat(pending));
  return segments;
}

function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => Math.min(o, bytes.length)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) { parts.push(bytes.subarray(prev, p)); prev = p; }
  parts.push(bytes.subarray(prev));
  return parts;
}

async function decodeAll(encoding: string, chunks: readonly Uint8Array[], max = 1 << 24): Promise<Buffer> {
  const d = new StreamDecoder(encoding, max);
  const out: Uint8Array[] = [];
  for (let i = 0; i < chunks.length; i++) out.push(await d.push(chunks[i] as Uint8Array, i === chunks.length - 1));
  return Buffer.concat(out);
}

/** Resolves to 'pending' if the promise has not settled within `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

const SSE = Buffer.from(Array.from({ length: 40 }, (_, i) => `data: {"choices":[{"index":0,"delta":{"content":"tok ${i} é😀"}}]}\n\n`).join(''));

describe('supported encodings', () => {
  it.each([['gzip', true], ['x-gzip', true], ['deflate', true], ['br', true], ['identity', false], ['zstd', false], ['GZIP', false], ['', false]])('%j -> %s', (e, want) => {
    expect(isSupportedEncoding(e)).toBe(want);
  });

  it('the list is exactly the four decoders', () => {
    expect([...SUPPORTED_ENCODINGS]).toStrictEqual(['gzip', 'x-gzip', 'deflate', 'br']);
  });
});

describe('StreamDecoder', () => {
  it.each(ENCODINGS)('%s: one chunk with end decodes to the original', async (encoding) => {
    expect((await decodeAll(encoding, [compress(encoding, SSE)])).equals(SSE)).toBe(true);
  });

  it.each(ENCODINGS)('%s: property: any chunk cuts decode to the original', async (encoding) => {
    const compressed = compress(encoding, SSE);
    await fc.assert(fc.asyncProperty(fc.array(fc.nat({ max: compressed.length }), { maxLength: 12 }), async (offsets) => {
      expect((await decodeAll(encoding, cut(compressed, offsets))).equals(SSE)).toBe(true);
    }), { numRuns: 40 });
  });

  it.each(ENCODINGS)('%s: property: random data, random cuts', async (encoding) => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 6 }), async (data, raw) => {
      const compressed = compress(encoding, data);
      const offsets = raw.map((o) => o % (compressed.length + 1));
      expect((await decodeAll(encoding, cut(compressed, offsets))).equals(Buffer.from(data))).toBe(true);
    }), { numRuns: 30 });
  });

  it.each(ENCODINGS)('%s: streams: each flushed segment decodes to its piece as soon as it arrives', async (encoding) => {
    const pieces = ['data: {"a":1}\n\n', 'data: {"b":2}\n\n', 'data: [DONE]\n\n'];
    const segments = await compressFlushed(encoding, pieces);
    const d = new StreamDecoder(encoding, 1 << 20);
    const got: string[] = [];
    for (let i = 0; i < pieces.length; i++) got.push(Buffer.from(await d.push(segments[i] as Buffer, false)).toString());
    got.push(Buffer.from(await d.push(segments[pieces.length] as Buffer, true)).toString());
    expect(got).toStrictEqual([...pieces, '']);
  });

  it('an empty non-final chunk yields nothing and does not break the stream', async () => {
    const compressed = compress('gzip', SSE);
    const d = new StreamDecoder('gzip', 1 << 20);
    expect(await d.push(new Uint8Array(0), false)).toHaveLength(0);
    expect(Buffer.from(await d.push(compressed, true)).equals(SSE)).toBe(true);
  });

  it.each([
    ['gzip', Buffer.from('definitely not gzip data')],
    ['deflate', Buffer.from('definitely not zlib data')],
    ['br', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
    ['gzip (truncated trailer)', gzipSync(SSE).subarray(0, -4)],
    ['deflate (truncated)', deflateSync(SSE).subarray(0, 20)],
    ['br (truncated)', brotliCompressSync(SSE).subarray(0, 20)],
    ['gzip (trailing garbage)', Buffer.concat([gzipSync(SSE), Buffer.from('garbage')])],
    ['deflate (raw deflate without zlib header)', deflateRawSync(SSE)],
    ['gzip (empty body)', Buffer.alloc(0)],
  ])('%s: corrupt or incomplete input with end rejects', async (name, bytes) => {
    const encoding = name.split(' ')[0] as Enc;
    await expect(new StreamDecoder(encoding, 1 << 24).push(bytes, true)).rejects.toThrow(Error);
  });

  // Regression (decompress.ts push): push waits only for the flush callback (non-final) or 'end' (final), and
  // zlib calls neither once the stream has errored or ended: corrupt compressed input on a non-final chunk
  // leaves the promise pending forever, and so does any push after a failed final push. In stream.ts the
  // reply budget then fires: the client gets guard_timeout (counted as a reply timeout, after
  // replyBudgetMs) instead of upstream_response_invalid, and the pending closure leaks.
  it.each(['gzip', 'deflate', 'br'] as const)('%s: corrupt input on a non-final chunk rejects (does not hang)', async (encoding) => {
    const d = new StreamDecoder(encoding, 1 << 20);
    const settled = await within(d.push(Buffer.from('this is not compressed data at all, really'), false).then(() => 'resolved', () => 'rejected'), 250);
    expect(settled).toBe('rejected');
  });

  it('a push after a failed final push rejects (does not hang)', async () => {
    const d = new StreamDecoder('gzip', 1 << 20);
    await expect(d.push(Buffer.from('definitely not gzip data'), true)).rejects.toThrow('incorrect header check');
    const later = await within(d.push(Buffer.from('more'), false).then(() => 'resolved', (e: Error) => e.message), 250);
    expect(later).toBe('incorrect header check');
  });

  it.each(ENCODINGS)('%s: output over the per-chunk limit rejects', async (encoding) => {
    const data = Buffer.alloc(10_000, 0x61);
    await expect(new StreamDecoder(encoding, 9_999).push(compress(encoding, data), true)).rejects.toThrow('decoded chunk exceeds limit');
    expect((await new StreamDecoder(encoding, 10_000).push(compress(encoding, data), true)).length).toBe(10_000);
  });

  it('the limit is per push, not cumulative', async () => {
    const segments = await compressFlushed('gzip', ['a'.repeat(600), 'b'.repeat(600)]);
    const d = new StreamDecoder('gzip', 1000);
    expect((await d.push(segments[0] as Buffer, false)).length).toBe(600);
    expect((await d.push(segments[1] as Buffer, false)).length).toBe(600);
    expect((await d.push(segments[2] as Buffer, true)).length).toBe(0);
  });

  // Regression (decompress.ts push): the limit is checked only after the whole chunk has been inflated into
  // memory. A 8 MiB run of zeros gzips to ~8 KiB, so one small chunk makes the decoder allocate the full
  // 8 MiB (1000x amplification per stream) before "exceeds limit" is thrown. Decoding should stop as soon
  // as the output passes the limit.
  it('a decompression bomb stops inflating soon after the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(8 << 20));
    expect(bomb.length).toBeLessThan(16 << 10);
    const d = new StreamDecoder('gzip', 1024);
    let inflated = 0;
    (d as unknown as { z: Transform }).z.on('data', (b: Buffer) => { inflated += b.length; });
    await expect(d.push(bomb, false)).rejects.toThrow('decoded chunk exceeds limit');
    expect(inflated).toBeLessThan(256 << 10);
  });

  it('destroy() is safe before and after use', async () => {
    const d = new StreamDecoder('br', 1 << 20);
    expect(Buffer.from(await d.push(brotliCompressSync(Buffer.from('x')), true)).toString()).toBe('x');
    expect(() => d.destroy()).not.toThrow();
    expect(() => new StreamDecoder('gzip', 1).destroy()).not.toThrow();
  });
});
