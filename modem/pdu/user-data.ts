/** TP-UDL + TP-UD decoding, TS 23.040 §9.2.3.16 and §9.2.3.24, alphabet per TS 23.038 §4. */
import type { Alphabet, Dcs } from './dcs';
import { assertNever, PduDecodeError } from './errors';
import { gsm7Codec, septetsToText, unpackSeptets } from './gsm7';
import { ucs2ToText } from './ucs2';
import { decodeUdh, type UdhElement } from './udh';

export interface Concat {
  readonly ref: number;
  readonly refBits: 8 | 16;
  readonly part: number;
  readonly total: number;
}

export interface Ports {
  readonly destination: number;
  readonly source: number;
  readonly bits: 8 | 16;
}

export interface UserData {
  readonly encoding: Alphabet;
  /** The text; null for 8-bit data and for compressed user data (reported in `unsupported`). */
  readonly text: string | null;
  /**
   * After the UDH: one septet per byte for GSM 7-bit, the octets otherwise (a view into the
   * decoder's own copy of the PDU). Reassembly joins these.
   */
  readonly payload: Uint8Array;
  readonly udh: readonly UdhElement[];
  readonly concat: Concat | null;
  readonly ports: Ports | null;
  /** National language ids from the UDH (0 = default tables), GSM 7-bit only. */
  readonly lockingShift: number;
  readonly singleShift: number;
  /** Why the text could not be decoded, e.g. 'compressed' (TS 23.042 is not implemented). */
  readonly unsupported: 'compressed' | null;
}

/** 160 septets / 140 octets is the most TP-UD can hold (§9.2.3.16). */
const MAX_SEPTETS = 160;
const MAX_OCTETS = 140;

/**
 * Decodes TP-UDL at `offset` and the user data after it. The user data must end the PDU
 * exactly; trailing bytes mean a wrong parse (e.g. a missing SMSC prefix) and are an error.
 */
export function decodeUserData(bytes: Uint8Array, offset: number, dcs: Dcs, udhi: boolean): UserData {
  if (offset >= bytes.length) throw new PduDecodeError('truncated', 'TP-UDL is missing', offset);
  const udl = bytes[offset]!;
  const start = offset + 1;
  const gsm = dcs.alphabet === 'gsm7' && !dcs.compressed;
  if (udl > (gsm ? MAX_SEPTETS : MAX_OCTETS)) {
    throw new PduDecodeError('bad-length', `TP-UDL ${udl} exceeds the maximum`, offset);
  }
  const octets = gsm ? Math.ceil((udl * 7) / 8) : udl;
  const end = start + octets;
  if (end > bytes.length) throw new PduDecodeError('truncated', `User data needs ${octets} octets`, start);
  if (end < bytes.length) throw new PduDecodeError('bad-length', 'Bytes follow the user data', end);

  let udh: UdhElement[] = [];
  let bodyStart = start;
  if (udhi) {
    const h = decodeUdh(bytes, start, end);
    udh = h.elements;
    bodyStart = h.next;
  }
  let concat: Concat | null = null;
  let ports: Ports | null = null;
  let lockingShift = 0;
  let singleShift = 0;
  for (const e of udh) {
    // The last occurrence wins (§9.2.3.24: repeated elements, the last one applies).
    if (e.type === 'concat') concat = { ref: e.ref, refBits: e.refBits, part: e.part, total: e.total };
    else if (e.type === 'ports') ports = { destination: e.destination, source: e.source, bits: e.bits };
    else if (e.type === 'locking-shift') lockingShift = e.language;
    else if (e.type === 'single-shift') singleShift = e.language;
  }

  if (dcs.compressed) {
    return {
      encoding: dcs.alphabet,
      text: null,
      payload: bytes.subarray(bodyStart, end),
      udh,
      concat,
      ports,
      lockingShift: 0,
      singleShift: 0,
      unsupported: 'compressed',
    };
  }
  switch (dcs.alphabet) {
    case 'gsm7': {
      const headerOctets = bodyStart - start;
      // The header occupies whole septets: UDHL+1 octets plus fill bits to the next septet boundary.
      const headerSeptets = Math.ceil((headerOctets * 8) / 7);
      if (headerSeptets > udl) throw new PduDecodeError('bad-length', 'UDH is longer than TP-UDL', offset);
      const fill = headerSeptets * 7 - headerOctets * 8;
      const septets = unpackSeptets(bytes, bodyStart, udl - headerSeptets, fill);
      const codec = gsm7Codec(lockingShift, singleShift);
      return {
        encoding: 'gsm7',
        text: septetsToText(septets, codec),
        payload: septets,
        udh,
        concat,
        ports,
        lockingShift: codec.locking,
        singleShift: codec.single,
        unsupported: null,
      };
    }
    case 'ucs2':
      return {
        encoding: 'ucs2',
        text: ucs2ToText(bytes, bodyStart, end),
        payload: bytes.subarray(bodyStart, end),
        udh,
        concat,
        ports,
        lockingShift: 0,
        singleShift: 0,
        unsupported: null,
      };
    case '8bit':
      return {
        encoding: '8bit',
        text: null,
        payload: bytes.subarray(bodyStart, end),
        udh,
        concat,
        ports,
        lockingShift: 0,
        singleShift: 0,
        unsupported: null,
      };
    default:
      return assertNever(dcs.alphabet);
  }
}
