// One normalised model of an LLM request, whatever API shape it arrived in. Guards read this, never the
// raw provider JSON. Every text carries its JSON path so a guard's rewrite can be applied to the body.

export type ApiKind =
  | 'openai-chat'        // POST /v1/chat/completions
  | 'openai-responses'   // POST /v1/responses
  | 'openai-completions' // POST /v1/completions (legacy)
  | 'openai-embeddings'  // POST /v1/embeddings
  | 'anthropic-messages'; // POST /v1/messages

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/** A path into the parsed JSON body, e.g. ['messages', 2, 'content', 0, 'text']. */
export type JsonPath = readonly (string | number)[];

export interface TextPart {
  readonly text: string;
  readonly path: JsonPath;
}

export interface ToolCall {
  readonly id?: string;
  readonly name: string;
  /** Arguments as the model produced them (a JSON string for OpenAI, serialised input for Anthropic). */
  readonly arguments: TextPart;
}

export interface LlmMessage {
  readonly role: Role;
  readonly parts: readonly TextPart[];
  /** Calls the assistant asked for (OpenAI tool_calls, Anthropic tool_use blocks). */
  readonly toolCalls: readonly ToolCall[];
  /** For tool results: which call this answers (OpenAI tool_call_id, Anthropic tool_use_id). */
  readonly toolCallId?: string;
}

export interface LlmRequest {
  readonly api: ApiKind;
  readonly model?: string;
  readonly stream: boolean;
  readonly maxTokens?: number;
  /** System prompts come first as role 'system' (Anthropic top-level `system`, Responses `instructions`). */
  readonly messages: readonly LlmMessage[];
}
