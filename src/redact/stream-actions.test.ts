// Streamed replies with the redaction filter: tokens restored (held back only as long as a token can
// be), block stops the stream with a typed error, channels end where providers say so, and memory
// stays bounded on long streams.
import { describe, expect, it } from 'vitest';
import { rewriteJsonBody, rewriteJsonBodyAsync, SseRewriter } from '../pipeline/response.js';
import { SseParser } from '../sse/parser.js';
import { deriveTenantKeys } from './actions.js';
import { channelEnds, endsChannel } from './channel-ends.js';
import { ResponseBlockedError } from './errors.js';
import { redactionFilter } from './filter.js';
import { compileRedactionPolicy } from './policy.js';
import { redactText } from './redact-text.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import { clientView, STREAM_APIS, streamBytes, streamEvents } from './testing/streams.js';
import { MemoryTokenStore, TokenVault } from './token-store.js';

const KEYS = deriveTenantKeys('secret', 'tenant-a');
const SCOPE = { tenant: 'tenant-a', conversation: 'conv-9' };
const POLICY = compileRedactionPolicy({ entities: { EMAIL_ADDRESS: 'tokenize', CREDIT_CARD: 'tokenize', PRIVATE_KEY: 'block' } }, SAMPLE_RECOGNIZERS);
const enc = new TextEncoder();

function each(rw: SseRewriter, bytes: Uint8Array, per = 7): Uint8Array {
  const outs: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += per) outs.push(rw.push(bytes.subarray(i, i + per), i + per >= bytes.length));
  return Buffer.concat(outs);
}

describe('tokenize -> detokenize through a streamed reply', () => {
  it.each(STREAM_APIS)('%s: tokens in the prompt come back as the values, split across many deltas', (api) => {
    const vault = new TokenVault(SCOPE, KEYS, null, 60);
    const prompt = redactText('Write to jane.doe@example.com about card 4111 1111 1111 1111.', POLICY, { keys: KEYS, vault });
    const tokens = prompt.text.match(/\[\[[A-Z_]+_[0-9a-f]{8}\]\]/gu)!;
    expect(tokens).toHaveLength(2);
    // The model echoes the tokens; each arrives in 3-character deltas.
    const reply = `Sure, I will email ${tokens[0]} and charge ${tokens[1]}. An unknown [[EMAIL_ADDRESS_00000000]] stays.`;
    const pieces = reply.match(/.{1,3}/gsu)!;
    const rw = new SseRewriter(api, [redactionFilter(POLICY, { keys: KEYS, vault })], 1 << 20, {});
    const view = clientView(api, each(rw, streamBytes(api, { pieces })));
    const want = 'Sure, I will email jane.doe@example.com and charge 4111 1111 1111 1111. An unknown [[EMAIL_ADDRESS_00000000]] stays.';
    expect([...view.texts.values()]).toStrictEqual([want]);
    for (const f of view.finals) expect(f).toBe(want);
  });

  it('pushAsync looks up tokens of earlier requests in the store before emitting (sync push leaves them)', async () => {
    const store = new MemoryTokenStore();
    const earlier = new TokenVault(SCOPE, KEYS, store, 60);
    const token = earlier.tokenize('EMAIL_ADDRESS', 'jane.doe@example.com')!;
    await earlier.save();
    const bytes = streamBytes('openai-chat', { pieces: ['Mail ', token.slice(0, 9), token.slice(9), ' now.'] });

    const asyncRw = new SseRewriter('openai-chat', [redactionFilter(POLICY, { keys: KEYS, vault: new TokenVault(SCOPE, KEYS, store, 60) })], 1 << 20, {});
    const outs: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 50) outs.push(await asyncRw.pushAsync(bytes.subarray(i, i + 50), i + 50 >= bytes.length));
    expect(clientView('openai-chat', Buffer.concat(outs)).texts.get('choice:0')).toBe('Mail jane.doe@example.com now.');

    const syncRw = new SseRewriter('openai-chat', [redactionFilter(POLICY, { keys: KEYS, vault: new TokenVault(SCOPE, KEYS, store, 60) })], 1 << 20, {});
    expect(clientView('openai-chat', syncRw.push(bytes, true)).texts.get('choice:0')).toBe(`Mail ${token} now.`);
  });

  it('a JSON reply: tokens restored, other values redacted; async looks up the store', async () => {
    const store = new MemoryTokenStore();
    const vault = new TokenVault(SCOPE, KEYS, store, 60);
    const token = vault.tokenize('EMAIL_ADDRESS', 'jane.doe@example.com')!;
    await vault.save();
    const body = enc.encode(JSON.stringify({ id: 'c', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: `To ${token}, card 4111 1111 1111 1111 from the model itself` }, finish_reason: 'stop' }] }));
    const fresh = () => [redactionFilter(POLICY, { keys: KEYS, vault: new TokenVault(SCOPE, KEYS, store, 60) })];
    const out = await rewriteJsonBodyAsync('openai-chat', body, fresh(), {});
    expect(JSON.parse(Buffer.from(out!).toString()).choices[0].message.content).toBe('To jane.doe@example.com, card [CREDIT_CARD] from the model itself');
    const sync = rewriteJsonBody('openai-chat', body, [redactionFilter(POLICY, { keys: KEYS, vault })], {});
    expect(JSON.parse(Buffer.from(sync!).toString()).choices[0].message.content).toContain('jane.doe@example.com');
  });
});

describe('block mid-stream', () => {
  it.each(STREAM_APIS)('%s: a blocked entity throws ResponseBlockedError (no content in it); earlier pushes were clean', (api) => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const bytes = streamBytes(api, { pieces: ['Here is ', 'the key: ', ...pem.match(/.{1,5}/gsu)!, ' bye'] });
    const rw = new SseRewriter(api, [redactionFilter(POLICY, { keys: KEYS })], 1 << 20, {});
    const emitted: Uint8Array[] = [];
    let error: unknown;
    try {
      for (let i = 0; i < bytes.length; i += 40) emitted.push(rw.push(bytes.subarray(i, i + 40), i + 40 >= bytes.length));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ResponseBlockedError);
    expect((error as ResponseBlockedError).code).toBe('response_blocked');
    expect((error as Error).message).toBe('response blocked: PRIVATE_KEY in generated text');
    expect(Buffer.concat(emitted).toString()).not.toContain('MIIEvQ');
  });
});

describe('memory stays bounded', () => {
  it('100k events through one stream: held events, bytes and channel buffers stay small', () => {
    const rw = new SseRewriter('openai-chat', [redactionFilter(POLICY, { keys: KEYS })], 1 << 20, {});
    const event = (t: string) => enc.encode(`data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(t)}},"finish_reason":null}]}\n\n`);
    const words = ['alpha ', 'beta ', 'jane.doe@example.com ', 'gamma', ' delta ', '4111 ', '1111 ', '1111 ', '1111 ', 'x '];
    let maxEvents = 0;
    let maxBytes = 0;
    let out = 0;
    for (let i = 0; i < 100_000; i += 100) {
      const chunk = Buffer.concat(Array.from({ length: 100 }, (_, k) => event(words[(i + k) % words.length]!)));
      out += rw.push(chunk, false).length;
      maxEvents = Math.max(maxEvents, rw.heldEvents);
      maxBytes = Math.max(maxBytes, rw.heldBytes);
    }
    out += rw.push(enc.encode('data: [DONE]\n\n'), true).length;
    expect(out).toBeGreaterThan(0);
    expect(maxEvents).toBeLessThan(20);
    expect(maxBytes).toBeLessThan(4096);
    expect(rw.heldEvents).toBe(0);
    const channels = (rw as unknown as { channels: Map<string, { buf: string }> }).channels;
    for (const ch of channels.values()) expect(ch.buf.length).toBeLessThan(4096);
  }, 60_000);

  it('over the byte cap, the held text is given up replaced, never passed raw (a slow PEM block in 1-char deltas)', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'.repeat(20)}-----END PRIVATE KEY-----`;
    const bytes = streamBytes('openai-chat', { pieces: ['here: ', ...Array.from(pem), ' done '] });
    const rw = new SseRewriter('openai-chat', [redactionFilter(compileRedactionPolicy({}, SAMPLE_RECOGNIZERS), { keys: KEYS })], 1 << 20, {}, { maxHeldBytes: 8192 });
    let maxBytes = 0;
    const outs: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 1000) {
      outs.push(rw.push(bytes.subarray(i, i + 1000), i + 1000 >= bytes.length));
      maxBytes = Math.max(maxBytes, rw.heldBytes);
    }
    expect(rw.forcedFinalisations).toBeGreaterThan(0);
    expect(maxBytes).toBeLessThan(8192 + 2000);
    const text = clientView('openai-chat', Buffer.concat(outs)).texts.get('choice:0')!;
    expect(text).not.toContain('MIIEvQ');
    expect(text.startsWith('here: ')).toBe(true);
    expect(text).toContain('[REDACTED]');
  });
});

describe('channel ends', () => {
  const ev = (s: string) => new SseParser().push(enc.encode(s))[0]!;

  it.each([
    ['openai-chat', 'data: [DONE]\n\n', 'all'],
    ['openai-chat', 'data: {"choices":[{"index":1,"delta":{},"finish_reason":"stop"}]}\n\n', ['choice:1']],
    ['openai-chat', 'data: {"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}\n\n', null],
    ['openai-chat', 'data: {"choices":[{"index":0,"delta":{"content":"\\"finish_reason\\":\\"stop\\""},"finish_reason":null}]}\n\n', null],
    ['anthropic-messages', 'event: content_block_stop\ndata: {"type":"content_block_stop","index":2}\n\n', ['block:2']],
    ['anthropic-messages', 'event: message_stop\ndata: {"type":"message_stop"}\n\n', 'all'],
    ['anthropic-messages', 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"message_stop content_block_stop"}}\n\n', null],
    ['openai-responses', 'event: response.completed\ndata: {"type":"response.completed","response":{"output":[]}}\n\n', 'all'],
    ['openai-chat', 'event: error\ndata: {"error":{}}\n\n', 'all'],
  ] as const)('%s %j', (api, raw, want) => {
    expect(channelEnds(api, ev(raw), [])).toStrictEqual(want);
  });

  it('responses: a ":final" text ends its channel; prefixes end sub-channels only at a colon', () => {
    expect(channelEnds('openai-responses', ev('data: {}\n\n'), [{ channel: 'output:0:1:final', text: 'x' }])).toStrictEqual(['output:0:1']);
    expect(endsChannel('choice:1', 'choice:1:tool:0')).toBe(true);
    expect(endsChannel('choice:1', 'choice:10')).toBe(false);
  });

  it('a channel that ends releases its held tail at once, before the end of the stream', () => {
    const events = streamEvents('anthropic-messages', { pieces: ['write to jane'], toolPieces: ['{"a":'] });
    const rw = new SseRewriter('anthropic-messages', [redactionFilter(POLICY, { keys: KEYS })], 1 << 20, {});
    const stop = events.findIndex((e) => e.includes('"content_block_stop","index":0'));
    const out = rw.push(enc.encode(events.slice(0, stop + 1).join('')), false);
    expect(clientView('anthropic-messages', out).texts.get('block:0')).toBe('write to jane');
  });
});
