// Fake conversation structure: chat-template control tokens (<|im_start|>, [INST], <<SYS>>) and role
// headers ("### System:", "[assistant]", "<system>") let text pose as a turn it is not. Closing tags and
// "end of prompt" markers try to break out of whatever wrapper (spotlighting, XML tags) contains them.
// Real chat-template tokens never belong in user or tool text, so they weigh the most.
import { re2 } from '../../util/re2.js';

/** Special tokens of the common chat templates (ChatML, Llama 2/3, Gemma, Mistral, Phi, FIM). */
export const TEMPLATE_TOKEN = re2(
  '<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|' +
  'begin_of_text|end_of_text|eom_id|python_tag|tool_call|fim_prefix|fim_suffix|fim_middle|endofprompt|end|' +
  'channel|message|start|return|constrain)\\|>' +
  '|\\[/?inst\\]|<</?sys>>|<(?:start|end)_of_turn>|\\[/?(?:system_prompt|available_tools|tool_calls|tool_results)\\]' +
  '|</?(?:s|bos|eos)>(?: ?\\[inst\\]| ?<)',
  'gu',
);

const ROLE = '(?:system|assistant|developer|admin|administrator|root|sudo|operator|ai|gpt|chatgpt|model|bot|human|user)';
const ROLE_QUAL = '(?: ?(?:message|prompt|instructions?|note|override|update|command|notice|alert|mode|response|output))?';
/** A role label opening a line, as transcripts and prompt templates write it. */
export const ROLE_HEADER = re2(
  `(?:^|\\n) ?(?:#{1,6} ?|\\[|<|\\*\\*|={2,} ?|-{2,} ?|>+ ?)?${ROLE}${ROLE_QUAL}(?: ?\\]| ?>| ?\\*\\*| ?#{1,6}| ?={2,}| ?-{2,})? ?:` +
  `|<${ROLE}${ROLE_QUAL}>|\\[${ROLE}${ROLE_QUAL}\\]|(?:^|\\n)#{2,} ?(?:instruction|response|input|system)s? ?:?(?:\\n|$)`,
  'gu',
);

/** Attempts to close the container the text sits in, or to declare the instructions over. */
export const BOUNDARY = re2(
  '(?:end|stop|close|terminate|exit)(?: of)?(?: the)? (?:system )?(?:prompt|instructions?|context|document|input|' +
  'conversation|data|text|user input|article|email|message|transcript|tool output|search results?)(?:[ .!:=\\]\\-]|$)' +
  '|={3,} ?(?:end|new|begin|system|start)|-{3,} ?(?:end|new|begin|system|start)|\\*{3,} ?(?:end|new|system)' +
  '|(?:prompt|instructions|context|document) (?:ends?|ended|is over|finished|stops) (?:here|now)' +
  '|</(?:document|context|data|tool_result|tool_output|user|system|article|email|search_results?|input|untrusted|content|' +
  'retrieved|function_results?|instructions?|user_query|query)>' +
  '|"role" ?: ?"(?:system|assistant|developer|tool)"',
  'gu',
);

/**
 * PEM and PGP armor lines (RFC 7468, RFC 4880) of public material and keys: `-----BEGIN CERTIFICATE-----`
 * matches BOUNDARY's dash alternative, yet it opens or closes a certificate, not the prompt. Each such
 * line takes one boundary count back, so a pasted certificate chain (six armor lines) is not a
 * prompt-boundary attack. Only real labels: `-----END SYSTEM PROMPT-----` and `-----BEGIN SYSTEM
 * MESSAGE-----` stay boundaries. (The view is lower-cased.)
 */
export const PEM_ARMOR = re2(
  '-{5}(?:begin|end) (?:[a-z0-9]{1,12} ){0,2}(?:certificate(?: request)?|x509 crl|crl|public key(?: block)?|private key(?: block)?|' +
  'pgp (?:signed )?message|pgp signature|pkcs7|cms|(?:dh|ec|dsa) parameters)-{5}',
  'gu',
);
