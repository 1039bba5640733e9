// AI and model providers. Most publish a distinctive prefix; OpenAI keys also embed
// "T3BlbkFJ" (base64 of "OpenAI") between two random halves, and Anthropic keys end in "AA".
// Providers whose keys are bare random strings (Cohere, Mistral, ...) need their name nearby.
import type { Recognizer } from '../../types.js';
import { bodyAfter, charClasses, distinctChars, entropy, isFillerToken, isMaskedOrDocumented, secret } from './util.js';

/** Validator for bare keys reported only next to the provider's name: random, mixed, not filler. */
function namedRandomKey(value: string): boolean {
  const c = charClasses(value);
  return c.digit > 0 && (c.upper > 0 || c.lower > 0) && !isFillerToken(value) && entropy(value) >= 3.6;
}

/** The same group of characters over and over ("aB3dE6aB3dE6..."): typed, not generated. */
function isPeriodic(s: string): boolean {
  for (let p = 1; p <= 16 && p * 3 <= s.length; p++) {
    let same = 0;
    for (let i = p; i < s.length; i++) if (s[i] === s[i - p]) same++;
    if (same >= (s.length - p) * 0.8) return true;
  }
  return false;
}

/** `<name>...key = "<value>"`-style assignment for providers with unprefixed keys. */
function named(names: string, value: string): string {
  return `(?:^|[^A-Za-z])(?i:${names})(?:(?:[_.-]|[A-Z])[\\w.-]{0,30}?)?(?i:key|token|secret)?["']?[ \\t]{0,3}(?:[:=]|:=|=>)[ \\t]{0,3}["']?(${value})(?:[^A-Za-z0-9_-]|$)`;
}

export const AI_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'openai_api_key',
    entity: 'OPENAI_API_KEY',
    pattern: '\\bsk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}\\b',
    maxLength: 420,
    confidence: 0.95,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('T3BlbkFJ') + 8)),
    keywords: ['t3blbkfj'],
  }),
  secret({
    // Project/service-account keys without the OpenAI marker are still long and prefixed.
    id: 'openai_project_key',
    entity: 'OPENAI_API_KEY',
    pattern: '\\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{100,}\\b',
    maxLength: 270,
    validate: (v) => !isFillerToken(v.slice(8)) && entropy(v) >= 4.5,
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
  }),
  secret({
    // Issued as 93 characters then "AA" (gitleaks); CredSweeper takes 64-128 characters after the
    // prefix, which alone is proof enough of what the value is. Matched longer and checked so a
    // longer run is not cut short; filler and repeated groups are documentation.
    id: 'anthropic_api_key',
    entity: 'ANTHROPIC_API_KEY',
    pattern: '\\bsk-ant-(?:api|admin|sid|oat|ort)\\d{2}-[A-Za-z0-9_-]{64,140}',
    maxLength: 155,
    confidence: 0.95,
    validate: (v) => {
      const body = v.slice(v.indexOf('-', 7) + 1);
      return body.length >= 64 && body.length <= 128 && !isFillerToken(body) && !isPeriodic(body);
    },
    keywords: ['sk-ant-'],
  }),
  secret({
    id: 'huggingface_token',
    entity: 'HUGGINGFACE_TOKEN',
    pattern: '\\b(?:hf_|api_org_)[A-Za-z]{34}\\b',
    maxLength: 42,
    validate: (v) => {
      const body = v.slice(v.lastIndexOf('_') + 1);
      const c = charClasses(body);
      const upperShare = c.upper / body.length;
      return !isFillerToken(body) && upperShare > 0.2 && upperShare < 0.8;
    },
    keywords: ['hf_', 'api_org_'],
  }),
  secret({
    id: 'groq_api_key',
    entity: 'GROQ_API_KEY',
    pattern: '\\bgsk_[A-Za-z0-9]{52}\\b',
    maxLength: 56,
    validate: bodyAfter(4),
    keywords: ['gsk_'],
  }),
  secret({
    id: 'replicate_api_token',
    entity: 'REPLICATE_API_TOKEN',
    pattern: '\\br8_[A-Za-z0-9]{37}\\b',
    maxLength: 40,
    validate: bodyAfter(3),
    keywords: ['r8_'],
  }),
  secret({
    id: 'perplexity_api_key',
    entity: 'PERPLEXITY_API_KEY',
    pattern: '\\bpplx-[A-Za-z0-9]{48}\\b',
    maxLength: 53,
    validate: bodyAfter(5),
    keywords: ['pplx-'],
  }),
  secret({
    id: 'xai_api_key',
    entity: 'XAI_API_KEY',
    pattern: '\\bxai-[A-Za-z0-9]{80}\\b',
    maxLength: 84,
    validate: bodyAfter(4),
    keywords: ['xai-'],
  }),
  secret({
    id: 'together_api_key',
    entity: 'TOGETHER_API_KEY',
    pattern: '\\btgp_v1_[A-Za-z0-9_-]{40,64}',
    maxLength: 71,
    validate: bodyAfter(7),
    keywords: ['tgp_v1_'],
  }),
  secret({
    id: 'fireworks_api_key',
    entity: 'FIREWORKS_API_KEY',
    pattern: '\\bfw_[A-Za-z0-9]{24,40}\\b',
    maxLength: 43,
    validate: bodyAfter(3, 3.8),
    keywords: ['fw_'],
  }),
  secret({
    // DeepSeek (and several OpenAI-compatible hosts) issue "sk-" + 32 lower-case hex.
    id: 'deepseek_api_key',
    entity: 'DEEPSEEK_API_KEY',
    // Terminal output is common here: the key may follow an ANSI colour code such as ESC[93m.
    pattern: '(?:^|[^A-Za-z0-9_-]|\\x1b\\[[0-9;]{0,12}m)(sk-[a-f0-9]{32})\\b',
    group: 1,
    maxLength: 35,
    confidence: 0.85,
    validate: bodyAfter(3),
    context: ['deepseek', 'api_key', 'apikey'],
    keywords: ['sk-'],
  }),
  secret({
    id: 'openrouter_api_key',
    entity: 'OPENROUTER_API_KEY',
    pattern: '\\bsk-or-v1-[a-f0-9]{64}\\b',
    maxLength: 73,
    validate: bodyAfter(9),
    keywords: ['sk-or-v1-'],
  }),
  secret({
    id: 'llama_api_key',
    entity: 'LLAMA_API_KEY',
    pattern: '\\bllx-[A-Za-z0-9_-]{48}\\b',
    maxLength: 52,
    validate: bodyAfter(4),
    keywords: ['llx-'],
  }),
  secret({
    // A Claude Code remote session link (gitleaks' claude-code-session-url): whoever holds it can
    // drive the session. The id is base62 after `session_`; the host and path pin the format, so only
    // masked ids (`XXXX`, `example`) and ones of a few distinct characters are left out.
    id: 'claude_code_session_url',
    entity: 'CLAUDE_CODE_SESSION_URL',
    pattern: '\\b(?i:https?://claude\\.ai)/code/session_[A-Za-z0-9]{16,64}\\b',
    maxLength: 100,
    validate: (v) => {
      const id = v.slice(v.indexOf('session_') + 8);
      return !isMaskedOrDocumented(id) && distinctChars(id) >= 8;
    },
    keywords: ['claude.ai/code/session_'],
  }),
  secret({
    id: 'tavily_api_key',
    entity: 'TAVILY_API_KEY',
    pattern: '\\btvly-(?:dev-|prod-)?[A-Za-z0-9]{32}\\b',
    maxLength: 42,
    validate: (v) => !isFillerToken(v.slice(-32)),
    keywords: ['tvly-'],
  }),
  secret({
    id: 'langsmith_api_key',
    entity: 'LANGSMITH_API_KEY',
    // Issued keys are hex; gitleaks' langsmith-api-key rule accepts lower-case alphanumerics.
    pattern: '\\blsv2_(?:pt|sk)_[a-z0-9]{32}_[a-z0-9]{10}\\b',
    maxLength: 51,
    validate: bodyAfter(8),
    keywords: ['lsv2_'],
  }),
  secret({
    id: 'pinecone_api_key',
    entity: 'PINECONE_API_KEY',
    pattern: '\\bpcsk_[A-Za-z0-9]{5,8}_[A-Za-z0-9]{50,70}\\b',
    maxLength: 84,
    validate: bodyAfter(5),
    keywords: ['pcsk_'],
  }),
  secret({
    id: 'nvidia_api_key',
    entity: 'NVIDIA_API_KEY',
    pattern: '\\bnvapi-[A-Za-z0-9_-]{64}\\b',
    maxLength: 70,
    validate: bodyAfter(6),
    keywords: ['nvapi-'],
  }),
  secret({
    id: 'cerebras_api_key',
    entity: 'CEREBRAS_API_KEY',
    pattern: '\\bcsk-[a-z0-9]{48}\\b',
    maxLength: 52,
    validate: bodyAfter(4),
    keywords: ['csk-'],
  }),
  secret({
    id: 'elevenlabs_api_key',
    entity: 'ELEVENLABS_API_KEY',
    pattern: '\\bsk_[a-f0-9]{48}\\b',
    maxLength: 51,
    validate: bodyAfter(3),
    keywords: ['sk_'],
  }),
  secret({
    id: 'langfuse_secret_key',
    entity: 'LANGFUSE_SECRET_KEY',
    pattern: '\\bsk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b',
    maxLength: 42,
    validate: bodyAfter(6),
    keywords: ['sk-lf-'],
  }),
  secret({
    id: 'cohere_api_key',
    entity: 'COHERE_API_KEY',
    pattern: named('cohere|co_api', '[A-Za-z0-9]{40}'),
    group: 1,
    maxLength: 40,
    validate: namedRandomKey,
    keywords: ['cohere', 'co_api'],
  }),
  secret({
    id: 'mistral_api_key',
    entity: 'MISTRAL_API_KEY',
    pattern: named('mistral', '[A-Za-z0-9]{32}'),
    group: 1,
    maxLength: 32,
    validate: namedRandomKey,
    keywords: ['mistral'],
  }),
  secret({
    id: 'ai21_or_voyage_key',
    entity: 'AI_PROVIDER_API_KEY',
    pattern: named('ai21|voyage|anyscale|deepinfra|novita|assemblyai|deepgram|stability|runway|wandb', '[A-Za-z0-9_-]{32,64}'),
    group: 1,
    maxLength: 64,
    validate: namedRandomKey,
    keywords: ['ai21', 'voyage', 'anyscale', 'deepinfra', 'novita', 'assemblyai', 'deepgram', 'stability', 'runway', 'wandb'],
  }),
];
