/** UCS-2 / UTF-16BE user data, TS 23.038 §6.2.3 (UTF-16 surrogates are carried as-is). */

/**
 * UTF-16BE to text. A lone surrogate is kept as a code unit: another sender may have split a
 * pair across parts, and joining the parts' code units restores it. An odd trailing byte is
 * dropped (it cannot be a character).
 */
export function ucs2ToText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const units = (end - start) >> 1;
  let s = '';
  const CHUNK = 4096;
  for (let u = 0; u < units; u += CHUNK) {
    const n = Math.min(CHUNK, units - u);
    const codes = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const j = start + 2 * (u + k);
      codes[k] = (bytes[j]! << 8) | bytes[j + 1]!;
    }
    s += String.fromCharCode.apply(null, codes);
  }
  return s;
}
