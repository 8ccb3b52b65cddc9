import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { hexToBytes, bytesToHex } from './hex';
import { assemble, concatKey, groupParts } from './reassembly';
import { encodeSubmit } from './submit';
import type { SmsSubmit } from './types';

const parts = (text: string, reference: number, to = '+4912345', concat16 = false) =>
  encodeSubmit({ to, text, reference, concat16 }).parts.map((p) => decodePdu(p.hex) as SmsSubmit);

describe('reassembly', () => {
  const long = 'Ein langer Text, der in mehrere Teile zerfällt. '.repeat(9);
  it('assembles out of order with duplicates', () => {
    const ps = parts(long, 7);
    expect(ps.length).toBe(3);
    const a = assemble([ps[2]!, ps[0]!, ps[2]!, ps[1]!]);
    expect(a).toMatchObject({ status: 'complete', total: 3, text: long, duplicates: 1 });
  });
  it('reports missing parts', () => {
    const ps = parts(long, 7);
    expect(assemble([ps[1]!])).toEqual({ status: 'incomplete', total: 3, missing: [1, 3], present: [2], duplicates: 0 });
  });
  it('groups by originator, reference width and value, total, and receiving modem', () => {
    const a = parts(long, 7);
    const b = parts(long, 7, '+4999999');
    const c = parts(long, 7, '+4912345', true);
    const d = parts(long + long, 7);
    const items = [...a, ...b, ...c, ...d, ...a].map((p, i) => ({ p, modem: i < a.length + b.length + c.length + d.length ? 'A' : 'B' }));
    const groups = groupParts(
      items,
      (x) => x.p,
      (x) => x.modem,
    );
    // The last copy of `a` arrived on modem B: a group of its own.
    expect(groups.size).toBe(5);
    expect(concatKey(a[0]!, 'A')).not.toBe(concatKey(a[0]!, 'B'));
    for (const g of groups.values()) expect(assemble(g.map((x) => x.p)).status).toBe('complete');
  });
  it('restores a surrogate pair and an escape pair that another sender split across parts', () => {
    // Build two UCS-2 parts by hand: "ab" + high surrogate | low surrogate + "c".
    const udh = (n: number) => `050003AA02${n.toString(16).padStart(2, '0')}`;
    const p1 = decodePdu(`0041000381214300080C${udh(1)}00610062D83D`) as SmsSubmit;
    const p2 = decodePdu(`0041000381214300080A${udh(2)}DE000063`) as SmsSubmit;
    expect(assemble([p2, p1])).toMatchObject({ status: 'complete', text: 'ab😀c' });
    // GSM: part 1 ends with ESC, part 2 starts with 0x65 (the euro sign's second septet).
    const seps1 = Uint8Array.of(0x61, 0x1b);
    const seps2 = Uint8Array.of(0x65, 0x62);
    const mk = (n: number, s: Uint8Array) => {
      // 6-octet UDH = 7 septets incl. 1 fill bit; septets follow.
      const body = new Uint8Array(6 + 2);
      body.set(hexToBytes(udh(n)), 0);
      let bit = 1;
      for (const v of s) {
        const i = 6 + (bit >> 3);
        body[i] = body[i]! | ((v << (bit & 7)) & 0xff);
        if ((bit & 7) > 1) body[i + 1] = v >> (8 - (bit & 7));
        bit += 7;
      }
      return decodePdu(`00410003812143000009${bytesToHex(body)}`) as SmsSubmit;
    };
    expect(assemble([mk(1, seps1), mk(2, seps2)])).toMatchObject({ status: 'complete', text: 'a€b' });
  });
  it('a single-part message assembles to itself', () => {
    const [p] = parts('short', 1);
    expect(concatKey(p!)).toBeNull();
    expect(assemble([p!])).toMatchObject({ status: 'complete', total: 1, text: 'short' });
  });
});
