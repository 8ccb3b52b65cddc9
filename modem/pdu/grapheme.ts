/**
 * Where a UCS-2 part may end. A surrogate pair is never split (each half alone is not a
 * character). Beyond that SMSDesk also keeps together what users see as one symbol — emoji
 * ZWJ sequences, skin tones, variation selectors, keycaps, flags, combining marks — when that
 * costs little: handsets that show parts before the rest arrive would otherwise show debris.
 */

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Code point starting at unit i (or the lone surrogate). */
function codePointAt(text: string, i: number): number {
  return text.codePointAt(i) ?? 0;
}

/** Code point ending just before unit i. */
function codePointBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (isLow(c) && i >= 2 && isHigh(text.charCodeAt(i - 2))) return text.codePointAt(i - 2) ?? c;
  return c;
}

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Characters that attach to the one before them (never start a symbol). */
function isExtender(cp: number): boolean {
  return (
    cp === 0x200d || // ZWJ
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin tone modifiers
    cp === 0x20e3 || // combining enclosing keycap
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritical marks
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) // emoji tag sequences (subdivision flags)
  );
}

/** True when a part may end before unit i (0 < i < text.length). */
export function isSafeBreak(text: string, i: number): boolean {
  const cur = text.charCodeAt(i);
  if (isLow(cur) && isHigh(text.charCodeAt(i - 1))) return false;
  const next = codePointAt(text, i);
  const prev = codePointBefore(text, i);
  if (isExtender(next) || prev === 0x200d) return false;
  if (isRegionalIndicator(next) && isRegionalIndicator(prev)) {
    // Flags are pairs of regional indicators: break only after an even count.
    let n = 0;
    let j = i;
    while (j >= 2 && isRegionalIndicator(codePointBefore(text, j))) {
      n++;
      j -= 2;
    }
    return n % 2 === 0;
  }
  return true;
}

/**
 * The end of a part that may hold at most `limit` (> 0) code units from `start`. Backs off to
 * a symbol boundary within `maxBackoff` units, else to a surrogate boundary.
 */
export function partEnd(text: string, start: number, limit: number, maxBackoff: number): number {
  let end = start + limit;
  if (end >= text.length) return text.length;
  if (maxBackoff > 0) {
    for (let k = 0; k <= maxBackoff && end - k > start; k++) {
      if (isSafeBreak(text, end - k)) return end - k;
    }
  }
  if (isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1)) && end - 1 > start) end--;
  return end;
}
