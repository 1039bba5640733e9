// The scanner runs RE2 over UTF-8 bytes (one conversion per scan instead of one per regex), and reports
// findings in UTF-16 code units, the unit of JavaScript strings. This maps byte offsets to UTF-16
// offsets: free for ASCII texts; otherwise counted from the previous lookup (RE2.getUtf16Length, or a
// loop over a few bytes). The engine looks offsets up in increasing order, once per scan (see
// Engine.settle), so the text is counted about once, whatever the number of findings.
import { isAscii } from 'node:buffer';
import RE2 from 're2';

/** Stretches shorter than this are counted in JavaScript (a native call costs ~0.15 µs). */
const SHORT_COUNT = 64;

export class OffsetMap {
  readonly ascii: boolean;
  /** Last lookup: a byte offset (a character boundary) and its UTF-16 offset. */
  private curB = 0;
  private cur16 = 0;

  constructor(readonly buf: Buffer, textLength: number) {
    this.ascii = buf.length === textLength;
  }

  /** Records that byte `b` (a character boundary) is UTF-16 offset `u16`: lookups count from there. */
  checkpoint(b: number, u16: number): void {
    this.curB = b;
    this.cur16 = u16;
  }

  /** UTF-16 offset of the character boundary at byte `b`: cheap when `b` is at or just after the last lookup. */
  toUtf16(b: number): number {
    if (this.ascii) return b;
    if (b >= this.curB) this.cur16 += this.unitsBetween(this.curB, b);
    else this.cur16 -= this.unitsBetween(b, this.curB);
    this.curB = b;
    return this.cur16;
  }

  /** UTF-16 length of the bytes [a, b) (character boundaries): every byte but UTF-8 continuation bytes, and 2 for a 4-byte character. */
  unitsBetween(a: number, b: number): number {
    if (this.ascii) return b - a;
    if (b - a >= SHORT_COUNT) {
      // Checking costs a fraction of counting (SIMD), and stretches of code, logs or JSON are ASCII.
      const bytes = this.buf.subarray(a, b);
      return isAscii(bytes) ? b - a : RE2.getUtf16Length(bytes);
    }
    const buf = this.buf;
    let n = 0;
    for (let i = a; i < b; i++) {
      const c = buf[i]!;
      if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
    }
    return n;
  }
}

/** The nearest character boundary at or after `i`. */
export function alignForward(buf: Uint8Array, i: number): number {
  let j = i;
  while (j < buf.length && (buf[j]! & 0xc0) === 0x80) j++;
  return j;
}

/** The nearest character boundary at or before `i`. */
export function alignBack(buf: Uint8Array, i: number): number {
  let j = i;
  while (j > 0 && j < buf.length && (buf[j]! & 0xc0) === 0x80) j--;
  return j;
}
