// AI provider keys: prefixes, the OpenAI marker, Anthropic's "AA" ending, and name-gated bare keys.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64URL, DIGITS, HEX, LOWER, UPPER, prng, rand, scan } from './testing/tokens.js';

const next = prng(303);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const ANTHROPIC = `sk-ant-api03-${r(B64URL, 93)}AA`;

describe('AI provider recognizers find valid values', () => {
  it.each([
    ['OpenAI legacy key', `OPENAI_API_KEY=sk-${r(ALNUM, 20)}T3BlbkFJ${r(ALNUM, 20)}`, 'OPENAI_API_KEY', 'T3BlbkFJ'],
    ['OpenAI project key', `sk-proj-${r(B64URL, 74)}T3BlbkFJ${r(B64URL, 74)}`, 'OPENAI_API_KEY', 'sk-proj-'],
    ['OpenAI service-account key', `sk-svcacct-${r(B64URL, 58)}T3BlbkFJ${r(B64URL, 58)}`, 'OPENAI_API_KEY', 'sk-svcacct-'],
    ['Anthropic key', `x-api-key: ${ANTHROPIC}`, 'ANTHROPIC_API_KEY', ANTHROPIC],
    ['Anthropic admin key', `sk-ant-admin01-${r(B64URL, 93)}AA`, 'ANTHROPIC_API_KEY', 'sk-ant-admin01-'],
    ['Anthropic key not ending in AA (CredSweeper length range)', `sk-ant-api03-${r(B64URL, 94)}`, 'ANTHROPIC_API_KEY', 'sk-ant-api03-'],
    ['Anthropic key, 64 after the prefix', `sk-ant-api03-${r(B64URL, 64)}`, 'ANTHROPIC_API_KEY', 'sk-ant-api03-'],
    ['Hugging Face token', `HF_TOKEN=hf_${r(UPPER + LOWER, 34)}`, 'HUGGINGFACE_TOKEN', 'hf_'],
    ['Groq key', `gsk_${r(ALNUM, 52)}`, 'GROQ_API_KEY', 'gsk_'],
    ['Replicate token', `r8_${r(ALNUM, 37)}`, 'REPLICATE_API_TOKEN', 'r8_'],
    ['Perplexity key', `pplx-${r(ALNUM, 48)}`, 'PERPLEXITY_API_KEY', 'pplx-'],
    ['xAI key', `xai-${r(ALNUM, 80)}`, 'XAI_API_KEY', 'xai-'],
    ['Together key', `tgp_v1_${r(B64URL, 43)}`, 'TOGETHER_API_KEY', 'tgp_v1_'],
    ['Fireworks key', `fw_${r(ALNUM, 24)}`, 'FIREWORKS_API_KEY', 'fw_'],
    ['DeepSeek key', `api_key="sk-${r(HEX, 32)}"`, 'DEEPSEEK_API_KEY', 'sk-'],
    ['DeepSeek key after an ANSI colour code', `\u001b[93msk-${r(HEX, 32)}\u001b[0m`, 'DEEPSEEK_API_KEY', 'sk-'],
    ['OpenRouter key', `sk-or-v1-${r(HEX, 64)}`, 'OPENROUTER_API_KEY', 'sk-or-v1-'],
    ['Llama API key', `llx-${r(ALNUM, 48)}`, 'LLAMA_API_KEY', 'llx-'],
    ['Tavily key', `tvly-dev-${r(ALNUM, 32)}`, 'TAVILY_API_KEY', 'tvly-'],
    ['LangSmith key', `lsv2_pt_${r(HEX, 32)}_${r(HEX, 10)}`, 'LANGSMITH_API_KEY', 'lsv2_'],
    ['LangSmith key, alphanumeric body', `LANGCHAIN_API_KEY=lsv2_sk_${r(LOWER + DIGITS, 32)}_${r(LOWER + DIGITS, 10)}`, 'LANGSMITH_API_KEY', 'lsv2_sk_'],
    ['Claude Code session URL', `see https://claude.ai/code/session_${r(ALNUM, 24)} for context`, 'CLAUDE_CODE_SESSION_URL', 'claude.ai/code/session_'],
    ['Claude Code session URL, upper-case host', `session = "https://CLAUDE.AI/code/session_${r(ALNUM, 24)}/"`, 'CLAUDE_CODE_SESSION_URL', '/code/session_'],
    ['NVIDIA key', `nvapi-${r(B64URL, 64)}`, 'NVIDIA_API_KEY', 'nvapi-'],
    ['Cohere key by name', `COHERE_API_KEY=${r(ALNUM, 40)}`, 'COHERE_API_KEY', ''],
    ['Mistral key by name', `mistral_api_key: "${r(ALNUM, 32)}"`, 'MISTRAL_API_KEY', ''],
    ['Cerebras key', `csk-${r(LOWER + DIGITS, 48)}`, 'CEREBRAS_API_KEY', 'csk-'],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });
});

describe('AI provider recognizers reject near misses', () => {
  it.each([
    ['OpenAI without the marker', `sk-proj-${'Xi8tdMjHV6pmbBbwilTe'}T4BlbkFJ3UDnpdEwNNm6wVBpYM0o`],
    ['Anthropic key of a repeated group', `sk-ant-api03-${'aB3dE6gH9j'.repeat(9)}xyzBB`],
    ['Anthropic key too short', `sk-ant-api03-${'q7Hk2Lm9Zp4R'.repeat(5)}`],
    ['Anthropic key of counting filler', 'sk-ant-api03-abc123xyz-456def789ghij-klmnopqrstuvwx-3456yza789bcde-1234fghijklmnopby56aaaogaopaaaabc123xyzAA'],
    ['hf_ inside an identifier', '- (id)hf_requiredCharacteristicTypesForDisplayMetadata;'],
    ['hf_ word-like', '&hf_servingcellpriorityparametersdescription_h_prio'],
    ['hf_ masked', 'HUGGINGFACE_API_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['Perplexity masked', 'PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['Cohere name, masked', 'CO_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['LangSmith key of another type', `lsv2_xx_${r(HEX, 32)}_${r(HEX, 10)}`],
    ['LangSmith key with upper-case letters', `lsv2_pt_${r(UPPER + DIGITS, 32)}_${r(HEX, 10)}`],
    ['Claude session URL on another host', `https://example.com/code/session_${r(ALNUM, 24)}`],
    ['Claude chat URL, not a code session', `https://claude.ai/chat/session_${r(ALNUM, 24)}`],
    ['Claude session id too short', 'https://claude.ai/code/session_short'],
    ['Claude session id masked', `https://claude.ai/code/session_${'X'.repeat(24)}`],
    ['sk- hex inside a longer word', `task-${'3f2a9c1b'.repeat(4)}`],
  ])('%s', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});
