/**
 * Long fuzz run of the PDU decoder (outside the default test run).
 * Usage: npx tsx scripts/pdu/fuzz.ts [inputs=1000000] [seed=1]
 * Every input must give a decoded PDU or a PduDecodeError; anything else is counted and
 * printed, and makes the exit status 1.
 */
import { decodePdu, encodeSubmit, hexToBytes, PduDecodeError } from '../../modem/pdu/index';
import { corpus, rng } from '../../modem/pdu/testing/corpus';

const total = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const r = rng(seed);
const int = (n: number): number => Math.floor(r() * n);

const seeds: Uint8Array[] = corpus(seed, 400).flatMap((m) =>
  encodeSubmit({ to: m.to, text: m.text, statusReport: m.statusReport, messageClass: m.messageClass, concat16: m.concat16 }).parts.map(
    (p) => hexToBytes(p.hex),
  ),
);
for (const hex of [
  '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37',
  '07914356060013F1065A098136397339F7219011700463802190117004638030',
  '07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E232',
]) {
  seeds.push(hexToBytes(hex));
}

function input(): Uint8Array | string {
  const kind = int(10);
  if (kind < 3) return Uint8Array.from({ length: int(200) }, () => int(256));
  if (kind < 4) {
    // Hex-ish strings, sometimes with junk characters or odd length.
    const chars = '0123456789ABCDEFabcdef G\n';
    return Array.from({ length: int(120) }, () => chars[int(chars.length)]).join('');
  }
  const b = Array.from(seeds[int(seeds.length)]!);
  const edits = 1 + int(4);
  for (let e = 0; e < edits; e++) {
    const i = int(b.length + 1);
    switch (int(5)) {
      case 0:
        b[i] = int(256);
        break;
      case 1:
        b.splice(i, 0, int(256));
        break;
      case 2:
        b.splice(i, 1);
        break;
      case 3:
        b.length = Math.min(b.length, i);
        break;
      default:
        // Flip one bit: the smallest corruption a serial line makes.
        if (b.length > 0) b[i % b.length] = b[i % b.length]! ^ (1 << int(8));
    }
  }
  return Uint8Array.from(b);
}

let results = 0;
let others = 0;
let slowest = 0;
let slowestAt = -1;
const codes = new Map<string, number>();
const t0 = performance.now();
for (let n = 0; n < total; n++) {
  const x = input();
  const s = performance.now();
  try {
    decodePdu(x);
    results++;
  } catch (e) {
    if (e instanceof PduDecodeError) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
    else {
      others++;
      if (others <= 10) console.error('NOT A TYPED ERROR', typeof x === 'string' ? x : Buffer.from(x).toString('hex'), e);
    }
  }
  const took = performance.now() - s;
  if (took > slowest) {
    slowest = took;
    slowestAt = n;
  }
}
const seconds = (performance.now() - t0) / 1000;
const typed = [...codes.values()].reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    inputs: total,
    seed,
    results,
    typedErrors: typed,
    byCode: Object.fromEntries(codes),
    otherExceptions: others,
    seconds: Number(seconds.toFixed(2)),
    slowestInputMs: Number(slowest.toFixed(3)),
    // A one-off pause (first use of a table, garbage collection) shows as a slow early or random input.
    slowestInputIndex: slowestAt,
  }),
);
process.exit(others === 0 && results + typed === total ? 0 : 1);
