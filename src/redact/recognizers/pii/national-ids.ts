// National identifiers with a check digit or strict structure. Formats that are only digits are
// kept below the phone and card recognizers in confidence (they lose overlaps to them), and the
// bare-digit forms that collide with ordinary numbers are reported only next to a context word.
import type { Recognizer } from '../../types.js';
import {
  aadhaarValid, caSinValid, deSteuerIdValid, esDniNieValid, fiHetuValid, itCodiceFiscaleValid, plPeselValid,
  sePersonnummerValid, ukNinoValid,
} from './national-id-checks.js';

// The Italian omocodia alphabet: digits may be replaced by these letters.
const CF_DIGIT = '[0-9LMNP-V]';

// Formats that count only next to a context word also list those words as keywords: the scanner
// then skips them outright on text that has none (keywords are looked for in the match and in
// the context window before it, which is exactly where a context word must be).
const AADHAAR_CONTEXT = ['aadhaar', 'aadhar', 'uidai', 'uid'];
const SE_CONTEXT = ['personnummer', 'personnr', 'pnr', 'samordningsnummer'];
const SIN_CONTEXT = ['sin:', 'sin ', 'sin#', 's.i.n', 'social insurance', 'assurance sociale', 'nas:'];

export const NATIONAL_ID_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'uk_nino',
    entity: 'UK_NINO',
    kind: 'pii',
    // First letter never D F I Q U V; second never D F I O Q U V; suffix A-D.
    pattern: '\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b',
    maxLength: 13,
    confidence: 0.75,
    validate: ukNinoValid,
    context: ['national insurance', 'nino', 'ni number', 'ni no', 'insurance number'],
  },
  {
    id: 'in_aadhaar',
    entity: 'IN_AADHAAR',
    kind: 'pii',
    // Grouped 4-4-4; a fourth group is over-captured so a 16-digit card is not read as Aadhaar.
    pattern: '\\b[2-9]\\d{3}[ \\-]\\d{4}[ \\-]\\d{4}(?:[ \\-]\\d{4})?\\b',
    maxLength: 19,
    confidence: 0.55,
    validate: aadhaarValid,
    context: AADHAAR_CONTEXT,
  },
  {
    id: 'in_aadhaar_bare',
    entity: 'IN_AADHAAR',
    kind: 'pii',
    pattern: '\\b[2-9]\\d{11}\\b',
    maxLength: 12,
    confidence: 0.5,
    validate: aadhaarValid,
    context: AADHAAR_CONTEXT,
    requireContext: true,
    keywords: AADHAAR_CONTEXT,
  },
  {
    id: 'es_dni_nie',
    entity: 'ES_NIF',
    kind: 'pii',
    pattern: '\\b(?:[XYZ]-?\\d{7}|\\d{2}\\.?\\d{3}\\.?\\d{3})-?[A-HJ-NP-TV-Z]\\b',
    maxLength: 12,
    confidence: 0.8,
    validate: esDniNieValid,
    context: ['dni', 'nie', 'nif', 'documento', 'identidad'],
  },
  {
    id: 'it_codice_fiscale',
    entity: 'IT_FISCAL_CODE',
    kind: 'pii',
    pattern: `\\b[A-Z]{6}${CF_DIGIT}{2}[ABCDEHLMPRST]${CF_DIGIT}{2}[A-Z]${CF_DIGIT}{3}[A-Z]\\b`,
    caseInsensitive: true,
    maxLength: 16,
    confidence: 0.85,
    validate: itCodiceFiscaleValid,
    context: ['codice fiscale', 'fiscale', 'c.f.', 'cf:'],
  },
  {
    id: 'se_personnummer',
    entity: 'SE_PERSONNUMMER',
    kind: 'pii',
    pattern: '\\b(?:18|19|20)?\\d{6}[\\-+]\\d{4}\\b',
    maxLength: 13,
    confidence: 0.65,
    validate: sePersonnummerValid,
    context: SE_CONTEXT,
  },
  {
    id: 'se_personnummer_bare',
    entity: 'SE_PERSONNUMMER',
    kind: 'pii',
    pattern: '\\b(?:(?:18|19|20)\\d{10}|\\d{10})\\b',
    maxLength: 12,
    confidence: 0.5,
    validate: sePersonnummerValid,
    context: SE_CONTEXT,
    requireContext: true,
    keywords: SE_CONTEXT,
  },
  {
    id: 'fi_henkilotunnus',
    entity: 'FI_PERSONAL_ID',
    kind: 'pii',
    pattern: '\\b\\d{6}[\\-+A-FU-Y]\\d{3}[0-9A-FHJ-NPR-Y]\\b',
    maxLength: 11,
    confidence: 0.85,
    validate: fiHetuValid,
    context: ['henkilötunnus', 'hetu', 'sotu', 'personal identity code', 'personbeteckning'],
  },
  {
    id: 'ca_sin',
    entity: 'CA_SIN',
    kind: 'pii',
    // Dashed 3-3-3. Low confidence: it is also a phone layout, and a validated phone wins.
    pattern: '\\b\\d{3}-\\d{3}-\\d{3}\\b',
    maxLength: 11,
    confidence: 0.4,
    validate: caSinValid,
    context: SIN_CONTEXT,
  },
  {
    id: 'ca_sin_context',
    entity: 'CA_SIN',
    kind: 'pii',
    // Space-grouped (also how amounts are written: 203 845 326) or bare: only next to a SIN word.
    pattern: '\\b\\d{3}(?: \\d{3} \\d{3}|\\d{6})\\b',
    maxLength: 11,
    confidence: 0.4,
    validate: caSinValid,
    context: SIN_CONTEXT,
    requireContext: true,
    keywords: SIN_CONTEXT,
  },
  {
    id: 'pl_pesel',
    entity: 'PL_PESEL',
    kind: 'pii',
    pattern: '\\b\\d{11}\\b',
    maxLength: 11,
    confidence: 0.55,
    validate: plPeselValid,
    context: ['pesel'],
  },
  {
    id: 'de_steuer_id',
    entity: 'DE_TAX_ID',
    kind: 'pii',
    // Written unspaced or as 2-3-3-3 (12 345 678 901).
    pattern: '\\b[1-9]\\d(?: ?\\d{3}){3}\\b',
    maxLength: 14,
    confidence: 0.5,
    validate: deSteuerIdValid,
    context: ['steuer', 'identifikationsnummer', 'idnr', 'tax id', 'tin:', 'tin '],
  },
];
