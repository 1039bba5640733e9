// The scanner runs RE2 over UTF-8 bytes (one conversion per scan instead of one per regex), and reports
// findings in UTF-16 code units, the unit of JavaScript strings. This maps byte offsets to UTF-16
// offsets: free for ASCII texts; otherwise counted natively (RE2.getUtf16Length) from the nearest
// checkpoint at or before the offset (one per segment), so no lookup counts more than a segment.
import RE2 from 're2';

export class OffsetMap {
  readonly ascii: boolean;
  /** Checkpoints: byte offsets (increasing) and their UTF-16 offsets. */
  private readonly bytes: number[] = [0];
  private readonly units: number[] = [0];
  /** Last lookup, to count forward from it when lookups are increasing (the usual case). */
  private curB = 0;
  private cur16 = 0;

  constructor(readonly buf: Buffer, textLength: number) {
    this.ascii = buf.length === textLength;
  }

  /** Records that byte `b` is UTF-16 offset `u16` (character boundaries; after the previous checkpoint). */
  checkpoint(b: number, u16: number): void {
    if (this.ascii || b <= this.bytes[this.bytes.length - 1]!) return;
    this.bytes.push(b);
    this.units.push(u16);
  }

  /** UTF-16 offset of the character boundary at byte `b`. */
  toUtf16(b: number): number {
    if (this.ascii) return b;
    if (b < this.curB || this.nearestCheckpoint(b) > this.curB) {
      const k = this.indexAtOrBefore(b);
      this.curB = this.bytes[k]!;
      this.cur16 = this.units[k]!;
    }
    if (b > this.curB) {
      this.cur16 += RE2.getUtf16Length(this.buf.subarray(this.curB, b));
      this.curB = b;
    }
    return this.cur16;
  }

  /** UTF-16 length of the bytes [a, b). */
  unitsBetween(a: number, b: number): number {
    return this.ascii ? b - a : RE2.getUtf16Length(this.buf.subarray(a, b));
  }

  private nearestCheckpoint(b: number): number {
    return this.bytes[this.indexAtOrBefore(b)]!;
  }

  private indexAtOrBefore(b: number): number {
    let lo = 0;
    let hi = this.bytes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bytes[mid]! <= b) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
}

/** The nearest character boundary at or after `i`. */
export function alignForward(buf: Uint8Array, i: number): number {
  let j = i;
  while (j < buf.length && (buf[j]! & 0xc0) === 0x80) j++;
  return j;
}
