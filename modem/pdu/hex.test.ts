import { describe, expect, it } from 'vitest';
import { bytesAndUtf16ToHex, bytesToHex, hexToBytes } from './hex';

describe('hex', () => {
  it('round-trips bytes, accepts either case, rejects non-hex with the byte offset', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = bytesToHex(bytes);
    expect(hex.slice(0, 8)).toBe('00010203');
    expect([...hexToBytes(hex.toLowerCase())]).toEqual([...bytes]);
    expect(() => hexToBytes('00zz')).toThrowError(expect.objectContaining({ code: 'bad-hex', offset: 1 }));
    expect(() => hexToBytes('0\u0130')).toThrowError(expect.objectContaining({ code: 'bad-hex', offset: 0 }));
  });
  it('writes header bytes then UTF-16BE text, also beyond one chunk', () => {
    expect(bytesAndUtf16ToHex([0x00, 0x08], 'aЖ😀', 0, 4)).toBe('0008' + '0061' + '0416' + 'D83DDE00');
    const long = 'Ж'.repeat(5000);
    expect(bytesAndUtf16ToHex([1], long, 0, long.length)).toBe('01' + '0416'.repeat(5000));
  });
});
