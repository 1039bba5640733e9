import type { Recognizer } from '../../types.js';

export const SECRET_RECOGNIZERS: readonly Recognizer[] = [];
