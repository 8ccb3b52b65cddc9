/**
 * Look-alike characters: typographic forms that word processors and phone keyboards put in
 * text (smart quotes, dashes, ellipsis, special spaces) and that are not in the GSM 7-bit
 * alphabet (TS 23.038 §6.2.1). One of them turns a whole SMS into UCS-2, which holds 70
 * characters per part instead of 160. Each has a plain GSM twin a reader cannot tell apart.
 */

/** Look-alike → its GSM 7-bit stand-in ('' for invisible characters that are dropped). */
export const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  // Single quotes, apostrophes, primes, accents used as apostrophes.
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201A', "'"],
  ['\u201B', "'"],
  ['\u2032', "'"],
  ['\u02BC', "'"],
  ['\u00B4', "'"],
  ['`', "'"],
  // Double quotes and guillemets.
  ['\u201C', '"'],
  ['\u201D', '"'],
  ['\u201E', '"'],
  ['\u201F', '"'],
  ['\u2033', '"'],
  ['\u00AB', '"'],
  ['\u00BB', '"'],
  // Hyphens, dashes, minus.
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2015', '-'],
  ['\u2212', '-'],
  // Ellipsis.
  ['\u2026', '...'],
  // Spaces: no-break, figure, narrow, the typographic widths, ideographic; tab.
  ['\u00A0', ' '],
  ['\u2000', ' '],
  ['\u2001', ' '],
  ['\u2002', ' '],
  ['\u2003', ' '],
  ['\u2004', ' '],
  ['\u2005', ' '],
  ['\u2006', ' '],
  ['\u2007', ' '],
  ['\u2008', ' '],
  ['\u2009', ' '],
  ['\u200A', ' '],
  ['\u202F', ' '],
  ['\u205F', ' '],
  ['\u3000', ' '],
  ['\t', ' '],
  // Invisible: zero-width space, word joiner, byte-order mark, soft hyphen.
  ['\u200B', ''],
  ['\u2060', ''],
  ['\uFEFF', ''],
  ['\u00AD', ''],
]);

export interface Replacement {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

/** The distinct look-alikes in `text`, in order of appearance. */
export function findLookalikes(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) if (LOOKALIKES.has(ch)) seen.add(ch);
  return [...seen];
}

/** `text` with every look-alike replaced by its GSM stand-in, and what was replaced. */
export function replaceLookalikes(text: string): { text: string; replaced: Replacement[] } {
  const counts = new Map<string, number>();
  let out = '';
  for (const ch of text) {
    const to = LOOKALIKES.get(ch);
    if (to === undefined) {
      out += ch;
      continue;
    }
    out += to;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return { text: out, replaced: [...counts].map(([from, count]) => ({ from, to: LOOKALIKES.get(from) ?? '', count })) };
}

/** U+XXXX notation of a character (of its first code point). */
export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True for characters one cannot see on their own: spaces, controls, format characters. */
export function isInvisible(ch: string): boolean {
  return /^[\s\p{Cc}\p{Cf}\p{Zs}]+$/u.test(ch);
}
