/**
 * USSD strings in the form many modems use on the AT interface (Huawei sticks, some
 * Qualcomm firmware): the hex of the GSM 7-bit packed octets, packed as TS 23.038
 * §6.1.2.3 says for USSD.
 */
import { gsm7Codec, packedLength, packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7';
import { bytesToHex, hexToBytes } from './hex';

/** Text → hex of packed septets; null when the text is not in the GSM default alphabet. */
export function packUssdHex(text: string): string | null {
  const septets = textToSeptets(text, gsm7Codec());
  if (!septets) return null;
  // TS 23.038 §6.1.2.3.1: when 7 spare bits remain in the last octet, they hold CR so they are not read as '@'.
  const withPad = septets.length % 8 === 7 ? new Uint8Array([...septets, 0x0d]) : septets;
  const out = new Uint8Array(packedLength(withPad.length));
  packSeptets(withPad, 0, withPad.length, out, 0, 0);
  return bytesToHex(out);
}

/** Hex of packed septets → text; null when it is not hex. */
export function unpackUssdHex(hex: string): string | null {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) return null;
  const bytes = hexToBytes(hex);
  const count = Math.floor((bytes.length * 8) / 7);
  const septets = unpackSeptets(bytes, 0, count);
  let text = septetsToText(septets, gsm7Codec());
  // Drop the CR pad of §6.1.2.3.1 and an '@' that is only the zero bits of the last octet.
  if (bytes.length % 7 === 0 && text.endsWith('\r')) text = text.slice(0, -1);
  else if (count % 8 === 0 && text.endsWith('@') && septets[count - 1] === 0) text = text.slice(0, -1);
  return text;
}
