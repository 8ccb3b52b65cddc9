import { PduDecodeError } from './errors';

const HEX_DIGITS = '0123456789ABCDEF';

/**
 * Nibble value of every UTF-16 code unit (0xFF for non-hex): one table lookup per digit with
 * no range checks is the fastest pure-JS hex parse measured (bench/pdu.bench.ts).
 */
const NIBBLE = new Uint8Array(65536).fill(0xff);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/** Parses hex (either case, no separators). Errors carry the byte offset of the bad digit. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) {
    throw new PduDecodeError('bad-hex', 'Hex string has an odd number of digits', hex.length >> 1);
  }
  const n = hex.length >> 1;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const hi = NIBBLE[hex.charCodeAt(j)]!;
    const lo = NIBBLE[hex.charCodeAt(j + 1)]!;
    if ((hi | lo) > 15) throw new PduDecodeError('bad-hex', 'Not a hex digit', i);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const HEX_CODES: number[] = [];
for (let i = 0; i < 256; i++) HEX_CODES.push(HEX_DIGITS.charCodeAt(i >> 4), HEX_DIGITS.charCodeAt(i & 15));

/** Upper-case hex, as modems print and accept it. */
export function bytesToHex(bytes: ArrayLike<number>): string {
  // Char codes gathered in a plain array, then one flat string: about twice as fast as
  // appending pairs (measured for PDU-sized inputs).
  let s = '';
  const CHUNK = 4096;
  for (let from = 0; from < bytes.length; from += CHUNK) {
    const n = Math.min(CHUNK, bytes.length - from);
    const codes = new Array<number>(2 * n);
    for (let i = 0; i < n; i++) {
      const b = (bytes[from + i]! & 0xff) << 1;
      codes[2 * i] = HEX_CODES[b]!;
      codes[2 * i + 1] = HEX_CODES[b + 1]!;
    }
    s += String.fromCharCode.apply(null, codes);
  }
  return s;
}

/**
 * Hex of `bytes` followed by the UTF-16BE code units of text[start, end) (a UCS-2 PDU: header
 * bytes, then the text), as one flat string; a flat string is faster for whoever reads it next.
 */
export function bytesAndUtf16ToHex(bytes: ArrayLike<number>, text: string, start: number, end: number): string {
  const n = bytes.length;
  const units = end - start;
  // One PDU part is at most 176 octets; split anything larger to stay clear of apply()'s argument limit.
  if (2 * n + 4 * units > 16384) {
    const mid = start + (units >> 1);
    return bytesAndUtf16ToHex(bytes, text, start, mid) + bytesAndUtf16ToHex([], text, mid, end);
  }
  const codes = new Array<number>(2 * n + 4 * units);
  for (let i = 0; i < n; i++) {
    const b = (bytes[i]! & 0xff) << 1;
    codes[2 * i] = HEX_CODES[b]!;
    codes[2 * i + 1] = HEX_CODES[b + 1]!;
  }
  for (let i = 0, j = 2 * n; i < units; i++, j += 4) {
    const c = text.charCodeAt(start + i);
    const hi = (c >> 8) << 1;
    const lo = (c & 0xff) << 1;
    codes[j] = HEX_CODES[hi]!;
    codes[j + 1] = HEX_CODES[hi + 1]!;
    codes[j + 2] = HEX_CODES[lo]!;
    codes[j + 3] = HEX_CODES[lo + 1]!;
  }
  return String.fromCharCode.apply(null, codes);
}
