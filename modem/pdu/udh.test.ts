import { describe, expect, it } from 'vitest';
import { decodeUdh, encodeUdh } from './udh';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('user data header (TS 23.040 §9.2.3.24)', () => {
  it('decodes concatenation, ports, language shifts and keeps unknown elements', () => {
    const bytes = b(20, 0x00, 3, 7, 3, 2, 0x05, 4, 0x0b, 0x84, 0x23, 0xf0, 0x24, 1, 1, 0x25, 1, 3, 0x70, 1, 0xaa);
    const { elements, next } = decodeUdh(bytes, 0, bytes.length);
    expect(next).toBe(21);
    expect(elements).toEqual([
      { type: 'concat', ref: 7, refBits: 8, total: 3, part: 2 },
      { type: 'ports', destination: 2948, source: 9200, bits: 16 },
      { type: 'single-shift', language: 1 },
      { type: 'locking-shift', language: 3 },
      { type: 'other', iei: 0x70, data: b(0xaa) },
    ]);
  });
  it('ignores a concatenation element with part 0 or part > total (§9.2.3.24.1)', () => {
    const { elements } = decodeUdh(b(5, 0x00, 3, 1, 2, 3), 0, 6);
    expect(elements[0]!.type).toBe('other');
  });
  it('bounds element lengths by the header', () => {
    expect(() => decodeUdh(b(4, 0x00, 9, 1, 2), 0, 5)).toThrowError(expect.objectContaining({ code: 'bad-length', offset: 2 }));
    expect(() => decodeUdh(b(9, 0x00), 0, 2)).toThrowError(expect.objectContaining({ code: 'bad-length', offset: 0 }));
  });
  it('encodes what it decodes', () => {
    const els = [
      { type: 'concat', ref: 0x1234, refBits: 16, total: 4, part: 4 } as const,
      { type: 'ports', destination: 80, source: 9, bits: 8 } as const,
    ];
    const bytes = Uint8Array.from(encodeUdh(els));
    expect(decodeUdh(bytes, 0, bytes.length).elements).toEqual(els);
  });
});
