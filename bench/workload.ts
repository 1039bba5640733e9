// The benchmark's 1 KB chat request, shared by the stack benchmark (run.ts) and the in-process one
// (guard-inproc.ts), so both measure the guard on the same bytes.

const PROMPT_SENTENCE = 'Please summarise the quarterly planning notes for the gardening club, listing the tasks for spring, '
  + 'who volunteered for each bed, and which seeds still need to be ordered before the end of the month. ';

/**
 * The 1 KB request. With `unique`, the user turn ends in a different reference number each time (same
 * length, so the mock's reply is the same): nothing the guard remembers (injection verdicts, texts
 * found clean) applies to it, as for a new question. The system prompt repeats either way, as it does.
 */
export function chatBody(stream: boolean, unique?: number): Buffer {
  const question = PROMPT_SENTENCE.repeat(4).trim();
  const body = {
    model: 'gpt-4o-mini',
    stream,
    temperature: 0.2,
    messages: [
      { role: 'system', content: 'You are a concise assistant for a community gardening club.' },
      { role: 'user', content: unique === undefined ? question : `${question} Ref ${String(unique % 1e7).padStart(7, '0')}.` },
    ],
  };
  return Buffer.from(JSON.stringify(body));
}
