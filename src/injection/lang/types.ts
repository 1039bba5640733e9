// A language pack describes how one language phrases the moves an injection makes, as lexical classes
// plus word order, instead of a list of translated sentences. The compiler (compile.ts) combines the
// classes with the language's order and gap rules, so "ignore" + "all earlier" + "rules" also covers
// "forget every preceding directive" and, in a verb-final language, "önceki talimatları unut".
//
// Fragments are RE2 syntax over the lower-cased, normalised view (see normalize.ts). In spaced scripts a
// fragment is matched as a whole word; '~' stands for any inflectional ending ("anweisung~" also matches
// "anweisungen"), and a fragment ending in '~' has no word end (so one that ends on an opening quote
// must end in '~', or the word end would demand a non-letter right after the quote). Placeholders: {G1}..{G6} = a gap of up to N words (or
// about 3N characters in scripts written without spaces) that never crosses a sentence end. A fragment
// that starts with "(?:^|" carries its own start anchor (a sentence start) instead of a word boundary.
export type LangId = 'en' | 'de' | 'es' | 'fr' | 'it' | 'pt' | 'ru' | 'zh' | 'ja' | 'ko' | 'hi' | 'ar' | 'tr' | 'vi';

export interface LangPack {
  readonly id: LangId;
  /** 'dense': words are not separated by spaces (zh, ja): no word boundaries, gaps count characters. */
  readonly writing: 'spaced' | 'dense';
  /** Verb-object ('VO') and/or object-verb ('OV') order for the composed cues. */
  readonly order: readonly ('VO' | 'OV')[];
  /** Also match each accented letter without its accent (people type "instrucoes", "huong dan"). */
  readonly looseAccents?: boolean;

  /** Verbs of setting aside: ignore, forget, disregard, stop following (imperative, infinitive...). */
  readonly ignore: readonly string[];
  /** Forms used when the verb comes last (OV order), if they differ: German "... zu ignorieren". */
  readonly ignoreFinal?: readonly string[];
  /** Verbs that only mean "set aside" next to a clearly model-side object: delete, disable, reset. */
  readonly ignoreSoft?: readonly string[];
  /** Determiners and adjectives pointing at the governing instructions: previous, above, all, your. */
  readonly prior: readonly string[];
  /** The subset that cannot point at ordinary data: previous, above, your, system (not "all", "any"). */
  readonly priorStrict?: readonly string[];
  /** The same, placed after the noun (Romance adjectives, "the rules above", "you were given"). */
  readonly priorAfter: readonly string[];
  /** Nouns for what governs the model: instructions, rules, prompt, guidelines, restrictions. */
  readonly rules: readonly string[];
  /** Nouns that govern the model only with a strict pointer: messages, context, tasks, information. */
  readonly rulesBroad?: readonly string[];
  /** Broad objects that are weaker evidence: everything, all that, what I said. */
  readonly everything: readonly string[];
  /** Verbs of disclosure: reveal, show, print, repeat, tell, what is. */
  readonly reveal: readonly string[];
  /** What must not be disclosed, already qualified: the password, your system prompt. */
  readonly secret: readonly string[];
  /**
   * Secret nouns owned by the addressee ("your instructions", "what you were told"): a short message
   * that asks about these is probing the model itself, unlike "I forgot the password".
   */
  readonly secretYours: readonly string[];
  /** The head nouns of `secret` (password, prompt, instructions): where extraction cues are looked for. */
  readonly secretHeads: readonly string[];
  /**
   * Function words that are frequent in the language and rare in English ("und", "los", "les"). One of
   * them in a text switches a Latin-script pack on (English is always on; other scripts switch their
   * pack on by themselves).
   */
  readonly stopwords: readonly string[];
  /** Scripts other than Latin whose presence switches the pack on (e.g. Cyrillic for ru). */
  readonly script?: 'cyrillic' | 'arabic' | 'devanagari' | 'hangul' | 'kana' | 'han';

  /** Words that negate a following request: without, never, do not ("without bypassing any filters"). */
  readonly negators?: readonly string[];
  /** Complete cues (they carry their own structure). */
  readonly overrideExtra: readonly string[];
  readonly persona: readonly string[];
  readonly unrestricted: readonly string[];
  readonly refusal: readonly string[];
  readonly contextSwitch: readonly string[];
  /** Sentences aimed at the model's own output: "in your response", "begin your answer with". */
  readonly addressed: readonly string[];
  /** Imperative-mood markers at a sentence start (verb forms, politeness particles). */
  readonly directive: readonly string[];
  /**
   * Complete extraction requests that need no secret noun: "print everything above", "repeat the
   * previous text". Narrow verbs only (not summarise or translate, which users ask of their own text).
   */
  readonly extractionExtra?: readonly string[];
  /** Requests to hand something over in a disguised form: spell it backwards, letter by letter. */
  readonly leakFormat: readonly string[];
}
