// Phone numbers in four tiers, strongest first; overlapping findings collapse to the most
// confident one in the scanner.
//  - international: `+CC`, `00 CC` or `011 CC` then grouped digits; possible for that country.
//  - national: no context needed, but only for layouts that mark a phone number (North American
//    3-3-4, a trunk 0, a parenthesised area code), valid as written in a region that uses it.
//  - contextual: any phone-shaped run (grouped, or 8-12 bare digits), reported only after a
//    phone context word.
//  - labelled: a phone-shaped run followed by a label such as "office", "fax" or "(mobile)".
// Runs are matched greedily over digits, single separators and parentheses, so a date, IP
// address or longer digit run is seen whole and rejected, never matched in part.
import type { Recognizer } from '../../types.js';
import { LITERAL_ESCAPE } from './literal-escape.js';
import { contextualPhoneShape, internationalPhoneValid, nationalPhoneValid } from './phone-validate.js';

// Extension: "x123", " ext. 123", ", extension 123", " #12".
const EXT = '[ ,]{0,2}(?:ext\\.?|extension|x|#)[ .:]{0,2}\\d{1,6}\\b';
const ITEM = '(?:\\(\\d{1,4}\\)|\\d{1,8})';
// "(+358) 40 123 4567": the country code may sit in parentheses with its '+'.
const INTERNATIONAL = `(?:\\(\\+\\d{1,4}\\)|(?:\\+|\\b00|\\b011) ?${ITEM})(?:[ .\\-/]?${ITEM}){0,7}(?:${EXT}|\\b)`;
// National runs start after a character that cannot continue a number, an amount or a word
// (consumed; capture group 1 is the number), or after a literal escape (see literal-escape.ts). ASCII
// classes only: RE2 is far slower on Unicode classes. Parenthesised area code optional.
const BEFORE = `(?:^|${LITERAL_ESCAPE}|[^A-Za-z0-9_+.\\-/$€£¥#@])`;
// Either one run of 7-12 digits or two or more groups, so lone short numbers (years, counts,
// prices) never reach validation. Up to eight groups are captured although validation accepts
// six, so a longer dotted or dashed run is seen whole and rejected.
// Separators: space, dot, dash, and the slash of German, Austrian and Hungarian layouts
// (0732/5603495, 06-1/294 6986); dates written with slashes are rejected by shape.
const GROUP = '[ .\\-/]\\(?\\d{1,8}\\)?';
const NATIONAL_RUN = `(?:\\(\\d{1,5}\\)[ .\\-/]?\\d{1,12}(?:${GROUP}){0,7}|\\d{7,12}|\\d{1,8}(?:${GROUP}){1,7})`;
const NATIONAL = `${BEFORE}(${NATIONAL_RUN}(?:${EXT}|\\b))`;
// The no-context tier accepts only three layouts (see nationalPhoneValid), so its pattern starts
// with one of them: a parenthesised area code, a trunk 0, or North American 3-3-4. Far fewer
// texts then reach it at all than with the generic run above.
const STRONG_START = `(?:\\(\\d{1,5}\\)[ .\\-/]?\\d{1,12}|0\\d{0,7}${GROUP}|(?:1[ .\\-])?\\d{3}[ .\\-]\\d{3}[ .\\-]\\d{4})`;
const NATIONAL_STRONG = `${BEFORE}(${STRONG_START}(?:${GROUP}){0,7}(?:${EXT}|\\b))`;
// Labels after a number: unambiguous ones with any joiner ("416 60 039 office", "-Fax"); words
// that also follow street numbers ("12 Main St", "9 Home Farm") only in parentheses.
const LABELS = 'office|fax|mobile|cell|phone|tel|landline|whatsapp';
const PAREN_LABELS = `${LABELS}|home|work|direct|main|private|business`;
// Bounded: a whole match ends at most ~20 characters after the number it reports.
const LABEL = `(?:[ \\t]{0,3}[-,/]?[ \\t]{0,3}(?:${LABELS})\\b|[ \\t]{0,3}\\((?:${PAREN_LABELS})\\))`;
const LABELLED = `${BEFORE}(${NATIONAL_RUN}(?:${EXT}|\\b))${LABEL}`;

const MAX_EXT = 2 + 9 + 2 + 6;
const MAX_INTERNATIONAL = 7 + 8 * 9 + MAX_EXT;
const MAX_NATIONAL = 8 + 12 + 7 * 11 + MAX_EXT;

export const PHONE_CONTEXT: readonly string[] = [
  'phone', 'tel:', 'tel.', 'tel ', 'tél', 'call', 'mobile', 'mob:', 'mob.', 'cell:', 'cell ', 'cellphone', 'fax',
  'contact', 'reach', 'dial', 'whatsapp', 'sms', 'message', 'text me', 'text us', 'ring me', 'landline', 'hotline', 'helpline',
  'answer', 'voicemail', 'my number', 'your number', 'telefon', 'teléfono', 'telefono',
  'téléphone', 'handy', 'numéro', 'número', 'ph:', 'ph.',
];

export const PHONE_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'phone_international',
    entity: 'PHONE_NUMBER',
    kind: 'pii',
    pattern: INTERNATIONAL,
    caseInsensitive: true,
    maxLength: MAX_INTERNATIONAL,
    confidence: 0.75,
    validate: internationalPhoneValid,
    context: PHONE_CONTEXT,
  },
  {
    id: 'phone_national',
    entity: 'PHONE_NUMBER',
    kind: 'pii',
    pattern: NATIONAL_STRONG,
    group: 1,
    caseInsensitive: true,
    maxLength: MAX_NATIONAL,
    confidence: 0.6,
    validate: nationalPhoneValid,
    context: PHONE_CONTEXT,
  },
  {
    id: 'phone_contextual',
    entity: 'PHONE_NUMBER',
    kind: 'pii',
    pattern: NATIONAL,
    group: 1,
    caseInsensitive: true,
    maxLength: MAX_NATIONAL,
    confidence: 0.45,
    validate: contextualPhoneShape,
    context: PHONE_CONTEXT,
    requireContext: true,
    // A context word is required, so it is also a keyword: text without one skips this pass.
    keywords: PHONE_CONTEXT,
  },
  {
    id: 'phone_labelled',
    entity: 'PHONE_NUMBER',
    kind: 'pii',
    pattern: LABELLED,
    group: 1,
    caseInsensitive: true,
    maxLength: MAX_NATIONAL,
    confidence: 0.6,
    // The label is itself the context, so six digits (short local plans) are enough here.
    validate: (value) => contextualPhoneShape(value, 6),
    // The label is inside the match; the weak ones only in their parenthesised form.
    keywords: [...LABELS.split('|'), ...PAREN_LABELS.split('|').slice(LABELS.split('|').length).map((w) => `(${w})`)],
  },
];
