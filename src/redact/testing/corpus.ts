import { mulberry32 as prng } from '../../util/prng.js';
// A deterministic "mixed text" corpus for the redaction benchmark and tests: prose (some of it
// non-ASCII), source code, JSON and log lines, with a few planted sensitive values. Shaped like what
// flows through an LLM gateway, not like a worst case: most text has nothing to find.

export { mulberry32 as prng } from '../../util/prng.js';

const WORDS = ('the of and to in is that for it as with was on be by this are from at or an have not but ' +
  'which one all were when we there can more if out so what about up into their time has two like other ' +
  'model report system data user request team plan budget quarter review design service customer order ' +
  'release feature support network policy update result value process account project market growth').split(' ');
const FOREIGN = ['café', 'naïve', 'résumé', 'Größe', 'übermäßig', '日本語', 'の', 'データ', 'über', 'año', 'señal', '🚀'];

const CODE = [
  'export async function handler(req: Request, res: Response): Promise<void> {\n  const user = await db.users.findOne({ id: req.params.id });\n  if (!user) { res.status(404).json({ error: "not found" }); return; }\n  res.json({ id: user.id, name: user.name, createdAt: user.createdAt });\n}\n',
  'def load_config(path):\n    with open(path, "r", encoding="utf-8") as f:\n        data = yaml.safe_load(f)\n    return Config(**data["service"])\n',
  'for (let i = 0; i < items.length; i += 1) {\n  const item = items[i];\n  if (item.kind === "file" && item.size > limit) skipped.push(item.path);\n}\n',
  'SELECT o.id, o.total, c.region FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at > NOW() - INTERVAL \'7 days\';\n',
];

const PLANTED = [
  'please email jane.doe@example.com about it', 'card 4111 1111 1111 1111 exp 09/27', 'call +44 20 7946 0958 tomorrow',
  'use ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 for CI', 'aws key AKIAIOSFODNN7EXAMPLE in the env',
  'IBAN DE89 3704 0044 0532 0130 00', 'SSN 123-45-6789 on file', 'password = "hunter2hunter2"',
  'db postgres://admin:s3cretPass@db.internal:5432/app', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc for billing',
];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function prose(rand: () => number): string {
  const n = 40 + Math.floor(rand() * 60);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rand() < 0.04 ? pick(rand, FOREIGN) : pick(rand, WORDS));
  return `${words.join(' ')}.\n\n`;
}

function logLine(rand: () => number, i: number): string {
  const id = Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0');
  const status = pick(rand, [200, 200, 200, 201, 304, 404, 500]);
  const ip = rand() < 0.25 ? ` client=10.${i % 250}.${(i * 7) % 250}.${(i * 13) % 250}` : '';
  return `2024-05-01T12:${String(i % 60).padStart(2, '0')}:03.123Z INFO request_id=${id} method=GET path=/api/v1/items/${i % 1000} status=${status} duration_ms=${Math.floor(rand() * 400)}${ip}\n`;
}

function json(rand: () => number, i: number): string {
  return `${JSON.stringify({ id: i, sku: `SKU-${Math.floor(rand() * 1e6)}`, qty: Math.floor(rand() * 9) + 1, price: Math.round(rand() * 1e4) / 100, tags: [pick(rand, WORDS), pick(rand, WORDS)] })}\n`;
}

/** About `bytes` UTF-8 bytes of mixed text; `plantEvery` blocks get one planted value (0: none). */
export function mixedCorpus(bytes: number, opts: { seed?: number; plantEvery?: number } = {}): string {
  const rand = prng(opts.seed ?? 42);
  const plantEvery = opts.plantEvery ?? 25;
  const parts: string[] = [];
  let size = 0;
  for (let block = 0; size < bytes; block++) {
    const r = rand();
    let piece: string;
    if (r < 0.4) piece = prose(rand);
    else if (r < 0.65) piece = pick(rand, CODE);
    else if (r < 0.9) { piece = ''; for (let k = 0; k < 5; k++) piece += logLine(rand, block * 5 + k); }
    else { piece = ''; for (let k = 0; k < 4; k++) piece += json(rand, block * 4 + k); }
    if (plantEvery > 0 && block % plantEvery === plantEvery - 1) piece += `${pick(rand, PLANTED)}\n`;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}
