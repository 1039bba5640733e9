import type { Recognizer } from '../../types.js';

export const PII_RECOGNIZERS: readonly Recognizer[] = [];
