/** TP-Validity-Period, TS 23.040 §9.2.3.12 (relative, absolute, enhanced). */
import { assertNever, PduDecodeError, PduEncodeError } from './errors';
import { decodeTimestamp, encodeTimestamp, type Timestamp } from './scts';

export type Validity =
  /** Rounded up to the next value TS 23.040 §9.2.3.12.1 can express (5 min .. 63 weeks). */
  | { readonly type: 'relative'; readonly minutes: number }
  /** A point in time, written in the sender's zone (default UTC), §9.2.3.12.2. */
  | { readonly type: 'absolute'; readonly date: Date; readonly offsetMinutes?: number }
  /** §9.2.3.12.3: seconds, optionally "single shot" (one delivery attempt). */
  | { readonly type: 'enhanced'; readonly seconds: number; readonly singleShot?: boolean };

export type DecodedValidity =
  | { readonly type: 'relative'; readonly minutes: number }
  | { readonly type: 'absolute'; readonly timestamp: Timestamp }
  | { readonly type: 'enhanced'; readonly seconds: number | null; readonly singleShot: boolean };

/** TP-VPF values (bits 4-3 of the first octet). */
export const VPF_NONE = 0;
export const VPF_ENHANCED = 1;
export const VPF_RELATIVE = 2;
export const VPF_ABSOLUTE = 3;

const MAX_MINUTES = 63 * 7 * 24 * 60;

/** §9.2.3.12.1 table: the smallest TP-VP octet whose period is at least `minutes`. */
export function relativeOctet(minutes: number): number {
  if (!(minutes > 0) || minutes > MAX_MINUTES) {
    throw new PduEncodeError('bad-option', `Relative validity must be 1 minute to 63 weeks, got ${minutes}`);
  }
  if (minutes <= 12 * 60) return Math.max(0, Math.ceil(minutes / 5) - 1);
  if (minutes <= 24 * 60) return 143 + Math.ceil((minutes - 12 * 60) / 30);
  if (minutes <= 30 * 24 * 60) return 166 + Math.ceil(minutes / (24 * 60));
  return 192 + Math.ceil(minutes / (7 * 24 * 60));
}

export function relativeMinutes(octet: number): number {
  if (octet <= 143) return (octet + 1) * 5;
  if (octet <= 167) return 12 * 60 + (octet - 143) * 30;
  if (octet <= 196) return (octet - 166) * 24 * 60;
  return (octet - 192) * 7 * 24 * 60;
}

/** Returns [TP-VPF, TP-VP octets]. */
export function encodeValidity(v: Validity): [number, number[]] {
  switch (v.type) {
    case 'relative':
      return [VPF_RELATIVE, [relativeOctet(v.minutes)]];
    case 'absolute': {
      const off = v.offsetMinutes ?? 0;
      if (!(v.date instanceof Date) || Number.isNaN(v.date.getTime()))
        throw new PduEncodeError('bad-option', 'Absolute validity needs a valid date');
      if (!Number.isInteger(off / 15) || Math.abs(off) > 79 * 15) {
        throw new PduEncodeError('bad-option', 'Zone offset must be whole quarter hours within ±19:45');
      }
      return [VPF_ABSOLUTE, encodeTimestamp(v.date, off)];
    }
    case 'enhanced': {
      const s = v.seconds;
      if (!Number.isInteger(s) || s < 0 || s > MAX_MINUTES * 60)
        throw new PduEncodeError('bad-option', `Enhanced validity seconds out of range: ${s}`);
      const shot = v.singleShot ? 0x40 : 0;
      // §9.2.3.12.3 formats: 2 = integer seconds (0-255), 3 = hh:mm:ss semi-octets, 1 = relative octet.
      if (s <= 255) return [VPF_ENHANCED, [shot | 2, s, 0, 0, 0, 0, 0]];
      if (s < 24 * 3600) {
        const sw = (n: number): number => ((n % 10) << 4) | Math.floor(n / 10);
        return [VPF_ENHANCED, [shot | 3, sw(Math.floor(s / 3600)), sw(Math.floor(s / 60) % 60), sw(s % 60), 0, 0, 0]];
      }
      return [VPF_ENHANCED, [shot | 1, relativeOctet(Math.ceil(s / 60)), 0, 0, 0, 0, 0]];
    }
    default:
      return assertNever(v);
  }
}

/** Decodes TP-VP of the given format at `offset`; returns the value and the next offset. */
export function decodeValidity(bytes: Uint8Array, offset: number, vpf: number): { validity: DecodedValidity | null; next: number } {
  if (vpf === VPF_NONE) return { validity: null, next: offset };
  if (vpf === VPF_RELATIVE) {
    if (offset >= bytes.length) throw new PduDecodeError('truncated', 'TP-VP is missing', offset);
    return { validity: { type: 'relative', minutes: relativeMinutes(bytes[offset]!) }, next: offset + 1 };
  }
  if (offset + 7 > bytes.length) throw new PduDecodeError('truncated', 'TP-VP is cut short', offset);
  if (vpf === VPF_ABSOLUTE) return { validity: { type: 'absolute', timestamp: decodeTimestamp(bytes, offset) }, next: offset + 7 };
  const head = bytes[offset]!;
  const singleShot = (head & 0x40) !== 0;
  let seconds: number | null;
  switch (head & 7) {
    case 1:
      seconds = relativeMinutes(bytes[offset + 1]!) * 60;
      break;
    case 2:
      seconds = bytes[offset + 1]!;
      break;
    case 3: {
      const d = (b: number): number => (b & 0x0f) * 10 + (b >> 4);
      seconds = d(bytes[offset + 1]!) * 3600 + d(bytes[offset + 2]!) * 60 + d(bytes[offset + 3]!);
      break;
    }
    default:
      // 0 = no validity; 4-7 reserved (§9.2.3.12.3): the period is unknown.
      seconds = null;
  }
  return { validity: { type: 'enhanced', seconds, singleShot }, next: offset + 7 };
}
