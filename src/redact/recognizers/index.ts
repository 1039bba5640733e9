// The default recognizer set: PII and secrets. Each list is owned by its folder.
import type { Recognizer } from '../types.js';
import { PII_RECOGNIZERS } from './pii/index.js';
import { SECRET_RECOGNIZERS } from './secrets/index.js';

export const DEFAULT_RECOGNIZERS: readonly Recognizer[] = [...PII_RECOGNIZERS, ...SECRET_RECOGNIZERS];
