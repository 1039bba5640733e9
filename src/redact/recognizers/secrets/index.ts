// The secret recognizer set. Provider formats with literal prefixes and checksums come first (on
// equal confidence and length the scanner keeps the earlier recognizer), then key material, then
// the name-based assignment, command and connection-string recognizers, then the entropy fallback.
import type { Recognizer } from '../../types.js';
import { AI_RECOGNIZERS } from './ai.js';
import { ASSIGNMENT_RECOGNIZERS } from './assignments.js';
import { CLOUD_RECOGNIZERS } from './cloud.js';
import { CODE_HOSTING_RECOGNIZERS } from './code-hosting.js';
import { COMMAND_RECOGNIZERS } from './commands.js';
import { CONNECTION_RECOGNIZERS } from './connection.js';
import { DEVTOOLS_RECOGNIZERS } from './devtools.js';
import { ENTROPY_RECOGNIZERS } from './entropy.js';
import { KEY_RECOGNIZERS } from './keys.js';
import { MESSAGING_RECOGNIZERS } from './messaging.js';
import { MORE_PROVIDER_RECOGNIZERS } from './more-providers.js';
import { PAYMENT_RECOGNIZERS } from './payments.js';
import { SAAS_RECOGNIZERS } from './saas.js';

export const SECRET_RECOGNIZERS: readonly Recognizer[] = [
  ...CLOUD_RECOGNIZERS,
  ...CODE_HOSTING_RECOGNIZERS,
  ...AI_RECOGNIZERS,
  ...PAYMENT_RECOGNIZERS,
  ...MESSAGING_RECOGNIZERS,
  ...DEVTOOLS_RECOGNIZERS,
  ...SAAS_RECOGNIZERS,
  ...MORE_PROVIDER_RECOGNIZERS,
  ...KEY_RECOGNIZERS,
  ...CONNECTION_RECOGNIZERS,
  ...COMMAND_RECOGNIZERS,
  ...ASSIGNMENT_RECOGNIZERS,
  ...ENTROPY_RECOGNIZERS,
];
