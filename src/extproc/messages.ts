// TypeScript views of the ext_proc messages as @grpc/proto-loader decodes them (keepCase, oneofs,
// bytes as Buffer, enums as numbers). Only the fields this service reads or writes are typed.

export interface HeaderValue { key: string; value?: string; raw_value?: Buffer | Uint8Array }
export interface HeaderMap { headers?: HeaderValue[] }
export interface HttpHeaders { headers?: HeaderMap; end_of_stream?: boolean }
export interface HttpBody { body?: Buffer; end_of_stream?: boolean }
export interface HttpTrailers { trailers?: HeaderMap }

export interface ProcessingRequest {
  request?: 'request_headers' | 'response_headers' | 'request_body' | 'response_body' | 'request_trailers' | 'response_trailers';
  request_headers?: HttpHeaders;
  response_headers?: HttpHeaders;
  request_body?: HttpBody;
  response_body?: HttpBody;
  request_trailers?: HttpTrailers;
  response_trailers?: HttpTrailers;
  observability_mode?: boolean;
  protocol_config?: { request_body_mode?: number; response_body_mode?: number };
}

export const HeaderSendMode = { DEFAULT: 0, SEND: 1, SKIP: 2 } as const;
export const BodySendMode = { NONE: 0, STREAMED: 1, BUFFERED: 2, BUFFERED_PARTIAL: 3, FULL_DUPLEX_STREAMED: 4 } as const;
export type BodySendModeValue = (typeof BodySendMode)[keyof typeof BodySendMode];

export interface ProcessingMode {
  request_header_mode?: number;
  response_header_mode?: number;
  request_body_mode?: number;
  response_body_mode?: number;
  request_trailer_mode?: number;
  response_trailer_mode?: number;
}

export interface HeaderValueOption { header: { key: string; raw_value: Buffer }; append_action?: number }
export interface HeaderMutation { set_headers?: HeaderValueOption[]; remove_headers?: string[] }

export interface CommonResponse {
  status?: number;
  header_mutation?: HeaderMutation;
  body_mutation?: { body?: Buffer; clear_body?: boolean };
}

export interface StructValue {
  nullValue?: number; numberValue?: number; stringValue?: string; boolValue?: boolean;
  structValue?: Struct; listValue?: { values: StructValue[] };
}
export interface Struct { fields: Record<string, StructValue> }

export interface ImmediateResponse {
  status: { code: number };
  headers?: HeaderMutation;
  body?: Buffer;
  details?: string;
}

export interface ProcessingResponse {
  request_headers?: { response: CommonResponse };
  response_headers?: { response: CommonResponse };
  request_body?: { response: CommonResponse };
  response_body?: { response: CommonResponse };
  request_trailers?: Record<string, never>;
  response_trailers?: Record<string, never>;
  immediate_response?: ImmediateResponse;
  dynamic_metadata?: Struct;
  mode_override?: ProcessingMode;
}
