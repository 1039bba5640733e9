// Keccak-256 (the original Keccak padding, as Ethereum uses it; NOT NIST SHA3-256, which pads
// differently). Node's crypto offers only SHA3, so EIP-55 address checksums need this. 64-bit
// lanes are kept as (lo, hi) 32-bit halves so every operation stays in fast small-integer maths.

const RATE = 136; // bytes: 1600-bit state minus 2 x 256-bit capacity

// Round constants as [lo, hi] pairs.
const RC: readonly number[] = [
  0x00000001, 0x00000000, 0x00008082, 0x00000000, 0x0000808a, 0x80000000, 0x80008000, 0x80000000,
  0x0000808b, 0x00000000, 0x80000001, 0x00000000, 0x80008081, 0x80000000, 0x00008009, 0x80000000,
  0x0000008a, 0x00000000, 0x00000088, 0x00000000, 0x80008009, 0x00000000, 0x8000000a, 0x00000000,
  0x8000808b, 0x00000000, 0x0000008b, 0x80000000, 0x00008089, 0x80000000, 0x00008003, 0x80000000,
  0x00008002, 0x80000000, 0x00000080, 0x80000000, 0x0000800a, 0x00000000, 0x8000000a, 0x80000000,
  0x80008081, 0x80000000, 0x00008080, 0x80000000, 0x80000001, 0x00000000, 0x80008008, 0x80000000,
];

// Rotation offset for lane x + 5y.
const ROT: readonly number[] = [
  0, 1, 62, 28, 27,
  36, 44, 6, 55, 20,
  3, 10, 43, 25, 39,
  41, 45, 15, 21, 8,
  18, 2, 61, 56, 14,
];

function keccakF(s: Uint32Array): void {
  const c = new Uint32Array(10);
  const b = new Uint32Array(50);
  for (let round = 0; round < 24; round++) {
    // theta
    for (let x = 0; x < 5; x++) {
      c[2 * x] = (s[2 * x] as number) ^ (s[2 * x + 10] as number) ^ (s[2 * x + 20] as number) ^ (s[2 * x + 30] as number) ^ (s[2 * x + 40] as number);
      c[2 * x + 1] = (s[2 * x + 1] as number) ^ (s[2 * x + 11] as number) ^ (s[2 * x + 21] as number) ^ (s[2 * x + 31] as number) ^ (s[2 * x + 41] as number);
    }
    for (let x = 0; x < 5; x++) {
      const p = (x + 4) % 5;
      const n = (x + 1) % 5;
      const nlo = c[2 * n] as number;
      const nhi = c[2 * n + 1] as number;
      const dlo = (c[2 * p] as number) ^ ((nlo << 1) | (nhi >>> 31));
      const dhi = (c[2 * p + 1] as number) ^ ((nhi << 1) | (nlo >>> 31));
      for (let y = 0; y < 25; y += 5) {
        s[2 * (x + y)] = (s[2 * (x + y)] as number) ^ dlo;
        s[2 * (x + y) + 1] = (s[2 * (x + y) + 1] as number) ^ dhi;
      }
    }
    // rho and pi: B[y, 2x + 3y] = rot(A[x, y])
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) {
        const i = x + 5 * y;
        const lo = s[2 * i] as number;
        const hi = s[2 * i + 1] as number;
        const r = ROT[i] as number;
        let rlo: number;
        let rhi: number;
        if (r === 0) { rlo = lo; rhi = hi; }
        else if (r < 32) { rlo = (lo << r) | (hi >>> (32 - r)); rhi = (hi << r) | (lo >>> (32 - r)); }
        else if (r === 32) { rlo = hi; rhi = lo; }
        else { const m = r - 32; rlo = (hi << m) | (lo >>> (32 - m)); rhi = (lo << m) | (hi >>> (32 - m)); }
        const j = y + 5 * ((2 * x + 3 * y) % 5);
        b[2 * j] = rlo;
        b[2 * j + 1] = rhi;
      }
    }
    // chi
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const i = 2 * (x + y);
        const i1 = 2 * (((x + 1) % 5) + y);
        const i2 = 2 * (((x + 2) % 5) + y);
        s[i] = (b[i] as number) ^ (~(b[i1] as number) & (b[i2] as number));
        s[i + 1] = (b[i + 1] as number) ^ (~(b[i1 + 1] as number) & (b[i2 + 1] as number));
      }
    }
    // iota
    s[0] = (s[0] as number) ^ (RC[2 * round] as number);
    s[1] = (s[1] as number) ^ (RC[2 * round + 1] as number);
  }
}

export function keccak256(data: Uint8Array): Uint8Array {
  const s = new Uint32Array(50);
  // Pad: 0x01 after the message, 0x80 on the last byte of the final block.
  const blocks = Math.floor(data.length / RATE) + 1;
  const padded = new Uint8Array(blocks * RATE);
  padded.set(data);
  padded[data.length] = (padded[data.length] as number) ^ 0x01;
  padded[padded.length - 1] = (padded[padded.length - 1] as number) ^ 0x80;
  for (let off = 0; off < padded.length; off += RATE) {
    for (let i = 0; i < RATE / 4; i++) {
      const k = off + 4 * i;
      s[i] = (s[i] as number) ^ ((padded[k] as number) | ((padded[k + 1] as number) << 8) | ((padded[k + 2] as number) << 16) | ((padded[k + 3] as number) << 24));
    }
    keccakF(s);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = s[i] as number;
    out[4 * i] = w & 0xff;
    out[4 * i + 1] = (w >>> 8) & 0xff;
    out[4 * i + 2] = (w >>> 16) & 0xff;
    out[4 * i + 3] = (w >>> 24) & 0xff;
  }
  return out;
}

export function keccak256Hex(text: string): string {
  return Buffer.from(keccak256(new TextEncoder().encode(text))).toString('hex');
}
