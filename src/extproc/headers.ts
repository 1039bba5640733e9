// A read-only view of an HTTP header map as Envoy sends it: lower-case keys, pseudo-headers as ordinary
// entries, repeated headers as separate entries, values in raw_value (with `value` as the fallback).
import type { HeaderMap } from './messages.js';

export interface HeaderView {
  /** First value of a header, or undefined. */
  get(name: string): string | undefined;
  getAll(name: string): readonly string[];
  has(name: string): boolean;
}

export class Headers implements HeaderView {
  private readonly map = new Map<string, string[]>();

  static fromProto(map: HeaderMap | undefined): Headers {
    const headers = new Headers();
    for (const h of map?.headers ?? []) {
      const raw = h.raw_value;
      // proto-loader hands bytes over as Buffers: read them in place (Buffer.from(buffer) would copy).
      const value = raw && raw.length > 0 ? latin1(raw) : (h.value ?? '');
      headers.add(h.key, value);
    }
    return headers;
  }

  static of(entries: Record<string, string>): Headers {
    const headers = new Headers();
    for (const [k, v] of Object.entries(entries)) headers.add(k, v);
    return headers;
  }

  add(name: string, value: string): void {
    const key = name.toLowerCase();
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }

  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.[0];
  }

  getAll(name: string): readonly string[] {
    return this.map.get(name.toLowerCase()) ?? [];
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
}

function latin1(bytes: Uint8Array): string {
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1');
}

/** Media type without parameters, lower-cased: `Application/JSON; charset=utf-8` -> `application/json`. */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}
