/**
 * National language identifiers of TS 23.038 §6.2.1.2.4 (the values carried in the
 * UDH information elements 0x24 and 0x25, TS 23.040 §9.2.3.24.15/16).
 */
export type NationalLanguage =
  | 'turkish'
  | 'spanish'
  | 'portuguese'
  | 'bengali'
  | 'gujarati'
  | 'hindi'
  | 'kannada'
  | 'malayalam'
  | 'oriya'
  | 'punjabi'
  | 'tamil'
  | 'telugu'
  | 'urdu';

/** A 7-bit table: index = septet, value = the character, or undefined where the table has a gap. */
export type SeptetTable = readonly (string | undefined)[];

export interface NationalTables {
  readonly id: number;
  readonly name: NationalLanguage;
  /** Locking shift table (replaces the default alphabet), when the language has one. */
  readonly locking: SeptetTable | null;
  /** Single shift table (replaces the default extension table), when the language has one. */
  readonly single: SeptetTable | null;
}

/** Builds a 128-entry table from a string whose code units are the table in septet order. */
export function tableFromString(s: string, gap = '\u0000'): SeptetTable {
  const out: (string | undefined)[] = [];
  for (const ch of s) out.push(ch === gap ? undefined : ch);
  if (out.length !== 128) throw new Error(`table has ${out.length} entries, not 128`);
  return out;
}

/** Builds a sparse 128-entry table from [septet, character] pairs. */
export function tableFromPairs(pairs: readonly (readonly [number, string])[]): SeptetTable {
  const out: (string | undefined)[] = new Array<string | undefined>(128).fill(undefined);
  for (const [septet, ch] of pairs) out[septet] = ch;
  return out;
}
