// Verdict helpers: continue verdicts with text and structural edits, and the flattened edit list.
import { describe, expect, it } from 'vitest';
import { applyBodyEdits } from '../llm/rewrite.js';
import { bodyEdits, CONTINUE, continueWith, type StructuralEdit, type TextEdit } from './verdict.js';

const text: TextEdit = { path: ['messages', 0, 'content'], text: 'x' };
const remove: StructuralEdit = { kind: 'remove', path: ['context'] };

describe('continueWith', () => {
  it('is CONTINUE itself when there is nothing to change', () => {
    expect(continueWith([])).toBe(CONTINUE);
    expect(continueWith([], [])).toBe(CONTINUE);
  });

  it('carries only the kinds of edits it was given', () => {
    expect(continueWith([text])).toStrictEqual({ action: 'continue', edits: [text] });
    expect(continueWith([], [remove])).toStrictEqual({ action: 'continue', structuralEdits: [remove] });
    expect(continueWith([text], [remove])).toStrictEqual({ action: 'continue', edits: [text], structuralEdits: [remove] });
  });
});

describe('bodyEdits', () => {
  it('lists text edits then structural ones, ready for applyBodyEdits', () => {
    const verdict = continueWith([text], [remove]);
    expect(bodyEdits(verdict)).toStrictEqual([text, remove]);
    const out = applyBodyEdits({ context: [], messages: [{ role: 'user', content: 'a' }] }, bodyEdits(verdict));
    expect(JSON.parse(new TextDecoder().decode(out))).toStrictEqual({ messages: [{ role: 'user', content: 'x' }] });
  });

  it('is empty for CONTINUE', () => {
    expect(bodyEdits(CONTINUE)).toStrictEqual([]);
  });
});
