/**
 * USSD strings as Huawei sticks carry them on the AT interface: the hex of the
 * GSM 7-bit packed octets (TS 23.038 §6.1.2.3 for USSD packing), using the
 * codec's real alphabet tables so '@', '$' and '£' survive.
 */
import { gsm7Codec, packedLength, packSeptets, septetsToText, textToSeptets, unpackSeptets } from '../pdu/gsm7';
import { fromHex, toHex } from './hex';

/** Text → hex of packed septets; characters outside the GSM alphabet become '?'. */
export function packUssdHex(text: string): string {
  const codec = gsm7Codec();
  const septets = textToSeptets(text, codec) ?? textToSeptets(text.replace(/[^\x20-\x7e]/g, '?'), codec) ?? new Uint8Array();
  // TS 23.038 §6.1.2.3.1: when 7 spare bits remain in the last octet, they hold CR so they are not read as '@'.
  const withPad = septets.length % 8 === 7 ? new Uint8Array([...septets, 0x0d]) : septets;
  const out = new Uint8Array(packedLength(withPad.length));
  packSeptets(withPad, 0, withPad.length, out, 0, 0);
  return toHex(out);
}

/** Hex of packed septets → text; null when it is not hex. */
export function unpackUssdHex(hex: string): string | null {
  const bytes = fromHex(hex);
  if (!bytes) return null;
  const count = Math.floor((bytes.length * 8) / 7);
  const septets = unpackSeptets(bytes, 0, count);
  let text = septetsToText(septets, gsm7Codec());
  // Drop the CR pad of §6.1.2.3.1 and an '@' that is only the zero bits of the last octet.
  if (bytes.length % 7 === 0 && text.endsWith('\r')) text = text.slice(0, -1);
  else if (count % 8 === 0 && text.endsWith('@') && septets[count - 1] === 0) text = text.slice(0, -1);
  return text;
}
