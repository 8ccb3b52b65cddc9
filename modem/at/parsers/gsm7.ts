/**
 * Packed GSM 7-bit for USSD replies that modems hand over as hex. The alphabet and the
 * unpacking are the SMS codec's (modem/pdu), so there is one GSM table in SMSDesk; this
 * file only adds what USSD parsing needs: a dangling escape means the reply is not 7-bit.
 */
import { ESC, gsm7Codec, septetsToText as decodeSeptets, unpackSeptets as unpack } from '../../pdu/gsm7';

/** Unpacks every whole septet from octets (TS 23.038 §6.1.2.1.1). */
export function unpackSeptets(octets: Uint8Array): number[] {
  return [...unpack(octets, 0, Math.floor((octets.length * 8) / 7))];
}

/** Septets to text with the default alphabet and extension table; undefined if an escape is left dangling. */
export function septetsToText(septets: readonly number[]): string | undefined {
  for (let i = 0; i < septets.length; i++) {
    if (septets[i] === ESC && ++i >= septets.length) return undefined;
  }
  return decodeSeptets(septets, gsm7Codec());
}
