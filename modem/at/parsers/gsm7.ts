/**
 * The GSM 7-bit default alphabet (TS 23.038 §6.2.1) and septet unpacking, for USSD
 * replies that modems hand over as packed hex. Only decoding, and only what USSD needs;
 * the SMS codec proper lives in modem/pdu.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

const EXTENSION: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

/** Unpacks septets from octets (TS 23.038 §6.1.2.1.1). */
export function unpackSeptets(octets: Uint8Array): number[] {
  const count = Math.floor((octets.length * 8) / 7);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const bit = i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    const lo = octets[byte] ?? 0;
    const hi = octets[byte + 1] ?? 0;
    out.push(((lo >> shift) | (hi << (8 - shift))) & 0x7f);
  }
  return out;
}

/** Septets to text; undefined if an escape is left dangling. */
export function septetsToText(septets: readonly number[]): string | undefined {
  let out = '';
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i] as number;
    if (s === 0x1b) {
      const next = septets[++i];
      if (next === undefined) return undefined;
      out += EXTENSION.get(next) ?? ' ';
    } else {
      out += BASIC[s] ?? '';
    }
  }
  return out;
}
