import { describe, expect, it } from 'vitest';
import { countSeptets, gsm7Codec, packSeptets, packedLength, septetsToText, textToSeptets, unpackSeptets } from './gsm7';
import { DEFAULT_ALPHABET } from './gsm7-tables';

describe('GSM 7-bit tables (TS 23.038 §6.2.1)', () => {
  const codec = gsm7Codec();
  it('round-trips every default and extension character', () => {
    const all = DEFAULT_ALPHABET.filter((c, i) => c !== undefined && i !== 0x1b).join('') + '^{}\\[~]|€\f';
    const septets = textToSeptets(all, codec)!;
    expect(septets.length).toBe(127 + 2 * 10);
    expect(septetsToText(septets, codec)).toBe(all);
  });
  it('counts an escape pair as two septets and rejects non-GSM characters', () => {
    expect(countSeptets('a€b', codec)).toBe(4);
    expect(countSeptets('ça', codec)).toBe(-1);
    expect(countSeptets('😀', codec)).toBe(-1);
    expect(textToSeptets('Ж', codec)).toBeNull();
  });
  it('shows the base character for an unknown escape and a space for ESC ESC (§6.2.1.1)', () => {
    expect(septetsToText([0x1b, 0x41], codec)).toBe('A');
    expect(septetsToText([0x1b, 0x1b, 0x41], codec)).toBe(' A');
    expect(septetsToText([0x41, 0x1b], codec)).toBe('A');
  });
});

describe('septet packing (TS 23.038 §6.1.2.1.1)', () => {
  it('packs "hellohello" as in the classic example', () => {
    const s = textToSeptets('hellohello', gsm7Codec())!;
    const out = new Uint8Array(packedLength(s.length));
    packSeptets(s, 0, s.length, out, 0, 0);
    expect([...out].map((b) => b.toString(16).padStart(2, '0')).join('')).toBe('e8329bfd4697d9ec37');
  });
  it('round-trips with every fill-bit count', () => {
    const s = textToSeptets('The quick brown fox {jumps} over €', gsm7Codec())!;
    for (let fill = 0; fill < 7; fill++) {
      const out = new Uint8Array(packedLength(s.length, fill));
      packSeptets(s, 0, s.length, out, 0, fill);
      expect(out[0]! & ((1 << fill) - 1)).toBe(0);
      expect([...unpackSeptets(out, 0, s.length, fill)]).toEqual([...s]);
    }
  });
});
