/**
 * GSM 7-bit alphabet: text <-> septets through a (locking, single shift) table pair, and
 * septet packing with fill bits, TS 23.038 §6.1.2.1 and §6.2.1.
 */
import { DEFAULT_ALPHABET, DEFAULT_EXTENSION } from './gsm7-tables';
import { nationalTables } from './national/index';
import type { SeptetTable } from './national/types';

export const ESC = 0x1b;

export interface Gsm7Codec {
  /** National language id of the locking shift table, 0 for the default alphabet. */
  readonly locking: number;
  /** National language id of the single shift table, 0 for the default extension table. */
  readonly single: number;
  readonly base: SeptetTable;
  readonly ext: SeptetTable;
  /**
   * Per UTF-16 code unit: -1 when not encodable, 0..127 a base septet, 128..255 an escape
   * pair (ESC, value - 128). Surrogates are always -1: nothing outside the BMP is in any table.
   */
  readonly lookup: Int16Array;
}

const codecs = new Map<number, Gsm7Codec>();

/** The codec for a language pair; unknown language ids fall back to the default tables (TS 23.038 §6.2.1.2.4). */
export function gsm7Codec(locking = 0, single = 0): Gsm7Codec {
  const key = (locking << 8) | single;
  const cached = codecs.get(key);
  if (cached) return cached;
  const base = (locking !== 0 ? nationalTables(locking)?.locking : null) ?? DEFAULT_ALPHABET;
  const ext = (single !== 0 ? nationalTables(single)?.single : null) ?? DEFAULT_EXTENSION;
  const lookup = new Int16Array(65536).fill(-1);
  // Extension first so a character in both tables takes the cheaper single septet.
  for (let s = 0; s < 128; s++) {
    const ch = ext[s];
    if (ch !== undefined && s !== ESC) lookup[ch.charCodeAt(0)] = 128 + s;
  }
  for (let s = 0; s < 128; s++) {
    const ch = base[s];
    if (ch !== undefined && s !== ESC) lookup[ch.charCodeAt(0)] = s;
  }
  const codec: Gsm7Codec = {
    locking: base === DEFAULT_ALPHABET ? 0 : locking,
    single: ext === DEFAULT_EXTENSION ? 0 : single,
    base,
    ext,
    lookup,
  };
  codecs.set(key, codec);
  return codec;
}

/** Septets needed for `text` (or its code units [start, end)), or -1 when some character is not in the tables. */
export function countSeptets(text: string, codec: Gsm7Codec, start = 0, end = text.length): number {
  const lookup = codec.lookup;
  let n = 0;
  for (let i = start; i < end; i++) {
    const v = lookup[text.charCodeAt(i)]!;
    if (v < 0) return -1;
    n += v < 128 ? 1 : 2;
  }
  return n;
}

/** Text to septets (escape pairs expanded), or null when some character is not in the tables. */
export function textToSeptets(text: string, codec: Gsm7Codec): Uint8Array | null {
  const n = countSeptets(text, codec);
  if (n < 0) return null;
  const out = new Uint8Array(n);
  const lookup = codec.lookup;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const v = lookup[text.charCodeAt(i)]!;
    if (v < 128) out[j++] = v;
    else {
      out[j++] = ESC;
      out[j++] = v - 128;
    }
  }
  return out;
}

/**
 * Septets to text. ESC + a code missing from the extension table shows the base character
 * (TS 23.038 §6.2.1.1 note); ESC ESC is "reserved for another extension table" and shows as a
 * space (same clause). A dangling ESC at the very end yields nothing: the next part of a
 * concatenated message may carry its second half (reassembly joins septets, not text).
 */
export function septetsToText(septets: ArrayLike<number>, codec: Gsm7Codec, start = 0, end = septets.length): string {
  const { base, ext } = codec;
  let s = '';
  for (let i = start; i < end; i++) {
    const c = septets[i]! & 0x7f;
    if (c === ESC) {
      if (i + 1 >= end) break;
      const e = septets[++i]! & 0x7f;
      if (e === ESC) s += ' ';
      else s += ext[e] ?? base[e] ?? '\uFFFD';
    } else {
      s += base[c] ?? '\uFFFD';
    }
  }
  return s;
}

/**
 * Packs septets little-endian into `out` starting at `byteOffset` after `fillBits` zero bits
 * (TS 23.038 §6.1.2.1.1; fill bits align the text after a UDH, TS 23.040 §9.2.3.24).
 * Returns the number of bytes written.
 */
export function packSeptets(
  septets: ArrayLike<number>,
  start: number,
  end: number,
  out: Uint8Array,
  byteOffset: number,
  fillBits: number,
): number {
  let bit = fillBits;
  for (let i = start; i < end; i++) {
    const v = septets[i]! & 0x7f;
    const idx = byteOffset + (bit >> 3);
    const shift = bit & 7;
    out[idx] = out[idx]! | ((v << shift) & 0xff);
    if (shift > 1) out[idx + 1] = v >> (8 - shift);
    bit += 7;
  }
  return (bit + 7) >> 3;
}

/**
 * Packs the septets of text[start, end) straight into `out` (no intermediate septet array),
 * like `packSeptets(textToSeptets(...))`. The caller has checked the text with countSeptets.
 */
export function packText(
  text: string,
  start: number,
  end: number,
  codec: Gsm7Codec,
  out: Uint8Array,
  byteOffset: number,
  fillBits: number,
): void {
  const lookup = codec.lookup;
  let bit = fillBits;
  for (let i = start; i < end; i++) {
    const v = lookup[text.charCodeAt(i)]!;
    // An escape pair is ESC then the extension code: two septets, written in one loop turn.
    for (let k = v < 128 ? 1 : 0; k < 2; k++) {
      const septet = k === 0 ? ESC : v & 0x7f;
      const idx = byteOffset + (bit >> 3);
      const shift = bit & 7;
      out[idx] = out[idx]! | ((septet << shift) & 0xff);
      if (shift > 1) out[idx + 1] = septet >> (8 - shift);
      bit += 7;
    }
  }
}

/** Bytes needed to hold `fillBits` fill bits and `count` septets. */
export function packedLength(count: number, fillBits = 0): number {
  return (fillBits + count * 7 + 7) >> 3;
}

/** Unpacks `count` septets from `bytes` at `byteOffset` after `fillBits` bits. Caller bounds the length. */
export function unpackSeptets(bytes: Uint8Array, byteOffset: number, count: number, fillBits = 0): Uint8Array {
  const out = new Uint8Array(count);
  let bit = fillBits;
  for (let i = 0; i < count; i++) {
    const idx = byteOffset + (bit >> 3);
    const shift = bit & 7;
    let v = bytes[idx]! >> shift;
    if (shift > 1) v |= (bytes[idx + 1] ?? 0) << (8 - shift);
    out[i] = v & 0x7f;
    bit += 7;
  }
  return out;
}
