// PII and secret redaction through the real Envoy with the official clients, on the shipped defaults:
// values planted in a reply arrive masked however the upstream splits them (1 byte per chunk, random
// cuts, one word per SSE event), the streams still parse, and prompts are redacted before the model.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatBody, rawRequest, startTestStack, type TestStack } from './support.js';

let t: TestStack;
beforeAll(async () => { t = await startTestStack(); });
afterAll(async () => { await t?.stop(); });
beforeEach(() => t.mock.reset());

// Built at run time so no real-looking secret sits in the repository as a literal.
const AWS_KEY = ['AKIA', 'Q3EGRI7W', 'XZ4T5BOC'].join('');
const EMAIL = 'jane.doe@example.org';
const CARD = '4111 1111 1111 1111';
const PLANTED = `Contact ${EMAIL} or pay with card ${CARD}. Deploy key ${AWS_KEY} is set.`;
const VALUES = [EMAIL, CARD, AWS_KEY, '4111111111111111', 'jane.doe'];
const planted = (chunk: string) => ({ 'x-mock-reply': Buffer.from(PLANTED).toString('base64'), 'x-mock-chunk': chunk });

function assertRedacted(text: string): void {
  for (const v of VALUES) expect(text).not.toContain(v);
  expect(text).toContain('[EMAIL_ADDRESS]');
  expect(text).toContain('[CREDIT_CARD]');
  expect(text).toMatch(/\[AWS_[A-Z_]+\]/);
}

describe('replies: planted values split across chunks and events arrive redacted', () => {
  it.each(['1', 'random:5', 'random:77'])('openai chat stream, upstream chunking %s', async (chunk) => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'k', maxRetries: 0, defaultHeaders: planted(chunk) });
    const stream = await client.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    assertRedacted(text);
    expect(text.startsWith('Contact [EMAIL_ADDRESS] or pay with card [CREDIT_CARD].')).toBe(true);
  });

  it('openai responses stream: deltas and the final texts are redacted', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'k', maxRetries: 0, defaultHeaders: planted('random:9') });
    const stream = await client.responses.create({ model: 'm', input: 'hi', stream: true });
    let text = '';
    let final = '';
    for await (const e of stream) {
      if (e.type === 'response.output_text.delta') text += e.delta;
      if (e.type === 'response.output_text.done') final = e.text;
    }
    assertRedacted(text);
    assertRedacted(final);
  });

  it.each(['1', 'random:13'])('anthropic messages stream, upstream chunking %s', async (chunk) => {
    const client = new Anthropic({ baseURL: t.url, apiKey: 'k', maxRetries: 0, defaultHeaders: planted(chunk) });
    const msg = await client.messages.stream({ model: 'c', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    const text = msg.content[0]?.type === 'text' ? msg.content[0].text : '';
    assertRedacted(text);
  });

  it('non-streamed JSON replies are redacted with a correct content-length', async () => {
    const res = await rawRequest(t.url, '/v1/chat/completions', { body: chatBody('hi'), headers: planted('random:3') });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    assertRedacted(JSON.parse(res.body.toString()).choices[0].message.content);
  });
});

describe('prompts are redacted before they reach the model', () => {
  it('PII and secrets in messages and tool results are masked in the forwarded body', async () => {
    const body = JSON.stringify({ model: 'm', messages: [
      { role: 'system', content: 'You are a support bot.' },
      { role: 'user', content: `My email is ${EMAIL} and my card is ${CARD}.` },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: JSON.stringify({ email: EMAIL }) } }] },
      { role: 'tool', tool_call_id: 'c1', content: `aws_access_key_id = ${AWS_KEY}` },
    ] });
    const res = await rawRequest(t.url, '/v1/chat/completions', { body });
    expect(res.status).toBe(200);
    const seen = t.mock.requests.find((r) => r.path === '/v1/chat/completions');
    const forwarded = seen?.body.toString() ?? '';
    for (const v of [EMAIL, '4111 1111', AWS_KEY]) expect(forwarded).not.toContain(v);
    const parsed = JSON.parse(forwarded) as { messages: { content: string | null; tool_calls?: { function: { arguments: string } }[] }[] };
    expect(parsed.messages[1]?.content).toBe('My email is [EMAIL_ADDRESS] and my card is [CREDIT_CARD].');
    expect(JSON.parse(parsed.messages[2]?.tool_calls?.[0]?.function.arguments ?? '{}')).toEqual({ email: '[EMAIL_ADDRESS]' });
    expect(Number(seen?.headers['content-length'])).toBe(seen?.body.length);
  });
});
