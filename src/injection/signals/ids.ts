// Signal identifiers reported by the detector. They name the kind of evidence, never the text.
export const SIGNALS = [
  'override', 'override_weak', 'extraction', 'extraction_weak', 'extraction_yours', 'leak_format', 'persona', 'unrestricted',
  'refusal_suppression', 'context_switch', 'addressed_to_model', 'directive', 'template_token', 'role_header',
  'boundary', 'exfil_image', 'exfil_link', 'send_to_url', 'promote_url', 'tool_call_shape', 'call_tool',
  'dangerous_code', 'exfil_code', 'payload_split', 'payload_split_weak', 'adversarial_suffix', 'persona_acronym',
  'encoded_instructions', 'instruction_in_data', 'question_to_reader', 'task_line', 'template_slot', 'persona_rules',
] as const;
export type SignalId = (typeof SIGNALS)[number];
export type Counts = Record<SignalId, number>;

export function emptyCounts(): Counts {
  return Object.fromEntries(SIGNALS.map((s) => [s, 0])) as Counts;
}
