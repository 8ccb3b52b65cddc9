/**
 * Property tests: any bytes give a decoded PDU or a PduDecodeError (nothing else, no hang);
 * any text round-trips through encode -> decode -> assemble.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { PduDecodeError, PduEncodeError } from './errors';
import { bytesToHex, hexToBytes } from './hex';
import { assemble } from './reassembly';
import { encodeSubmit } from './submit';
import { corpus } from './testing/corpus';
import type { SmsSubmit } from './types';

function resultOrTypedError(input: Uint8Array | string): boolean {
  try {
    const m = decodePdu(input);
    return m.type === 'deliver' || m.type === 'submit' || m.type === 'status-report';
  } catch (e) {
    if (e instanceof PduDecodeError) return typeof e.code === 'string' && e.offset >= 0;
    throw e;
  }
}

const seeds = corpus(11, 60).flatMap((m) =>
  encodeSubmit({ to: m.to, text: m.text, statusReport: m.statusReport, messageClass: m.messageClass, concat16: m.concat16 }).parts.map(
    (p) => hexToBytes(p.hex),
  ),
);
seeds.push(
  hexToBytes('07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37'),
  hexToBytes('07914356060013F1065A098136397339F7219011700463802190117004638030'),
);

describe('fuzz: decoder', () => {
  it('random bytes give a result or a typed error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => resultOrTypedError(b)),
      { numRuns: 3000 },
    );
  });
  it('random strings give a result or a typed error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => resultOrTypedError(s)),
      { numRuns: 1000 },
    );
  });
  it('mutated valid PDUs give a result or a typed error', () => {
    const mutation = fc.record({
      seed: fc.nat({ max: seeds.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits }) => {
        let b = Array.from(seeds[seed]!);
        for (const [pos, value, op] of edits) {
          const i = pos % (b.length + 1);
          if (op === 0)
            b[i] = value; // overwrite
          else if (op === 1)
            b.splice(i, 0, value); // insert
          else if (op === 2)
            b.splice(i, 1); // delete
          else b = b.slice(0, i); // truncate
        }
        return resultOrTypedError(bytesToHex(b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fuzz: encoder round trip', () => {
  it('any text encodes to parts that decode and assemble to the same text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.boolean(),
        fc.option(fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>, { nil: null }),
        (text, concat16, messageClass) => {
          let r;
          try {
            r = encodeSubmit({ to: '+12345678', text, concat16, messageClass, languages: ['turkish', 'spanish', 'portuguese'] });
          } catch (e) {
            if (e instanceof PduEncodeError) return true;
            throw e;
          }
          const parts = r.parts.map((p) => decodePdu(p.hex) as SmsSubmit);
          const a = assemble(parts);
          expect(a.status === 'complete' && a.text).toBe(text);
          for (const p of parts) expect(p.dcs.messageClass).toBe(messageClass);
          return true;
        },
      ),
      { numRuns: 1500 },
    );
  });
});
