// The PII recognizer set, in the order the scanner runs it. Entity names follow Presidio's where
// one exists (EMAIL_ADDRESS, PHONE_NUMBER, ...), so policies and eval sets line up.
import type { Recognizer } from '../../types.js';
import { CREDIT_CARD_RECOGNIZERS } from './credit-card.js';
import { CRYPTO_RECOGNIZERS } from './crypto.js';
import { EMAIL_RECOGNIZERS } from './email.js';
import { IBAN_RECOGNIZERS } from './iban.js';
import { NATIONAL_ID_RECOGNIZERS } from './national-ids.js';
import { NETWORK_RECOGNIZERS } from './network.js';
import { PHONE_RECOGNIZERS } from './phone.js';
import { URL_CREDENTIAL_RECOGNIZERS } from './url-credentials.js';
import { US_SSN_RECOGNIZERS } from './us-ssn.js';

export const PII_RECOGNIZERS: readonly Recognizer[] = [
  ...EMAIL_RECOGNIZERS,
  ...URL_CREDENTIAL_RECOGNIZERS,
  ...CREDIT_CARD_RECOGNIZERS,
  ...IBAN_RECOGNIZERS,
  ...US_SSN_RECOGNIZERS,
  ...NETWORK_RECOGNIZERS,
  ...CRYPTO_RECOGNIZERS,
  ...NATIONAL_ID_RECOGNIZERS,
  ...PHONE_RECOGNIZERS,
];
