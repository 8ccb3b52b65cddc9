/** Service centre time stamps and absolute validity periods, TS 23.040 §9.2.3.11 and §9.2.3.12.2. */
import { PduDecodeError } from './errors';
import { bytesToHex } from './hex';

export interface Timestamp {
  /** ISO 8601 with the sender's offset, e.g. "2026-11-23T12:38:14+01:00"; null when a date field is invalid. */
  readonly iso: string | null;
  /** Offset from UTC in minutes (quarter hours x 15). */
  readonly offsetMinutes: number;
  /** False when the time zone octet held a non-decimal digit (seen from some SMSCs); the offset is then a best reading. */
  readonly zoneValid: boolean;
  /** The seven octets as received, upper-case hex. */
  readonly raw: string;
}

function swapped(b: number): number {
  // Semi-octets are low nibble first (§9.2.3.11). A nibble above 9 makes the field invalid.
  const lo = b & 0x0f;
  const hi = b >> 4;
  return lo > 9 || hi > 9 ? -1 : lo * 10 + hi;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Decodes 7 octets at `offset` (bounds checked). */
export function decodeTimestamp(bytes: Uint8Array, offset: number): Timestamp {
  if (offset + 7 > bytes.length) throw new PduDecodeError('truncated', 'Time stamp is cut short', offset);
  const yy = swapped(bytes[offset]!);
  const mo = swapped(bytes[offset + 1]!);
  const dd = swapped(bytes[offset + 2]!);
  const hh = swapped(bytes[offset + 3]!);
  const mi = swapped(bytes[offset + 4]!);
  const ss = swapped(bytes[offset + 5]!);
  const tz = bytes[offset + 6]!;
  // §9.2.3.11: quarter hours as two semi-octets, bit 3 of the first (low) nibble is the sign.
  const tens = tz & 0x07;
  const units = tz >> 4;
  const zoneValid = units <= 9;
  // Real SMSCs sometimes put a hex digit in the units place; read it by value as libgammu does.
  const quarters = tens * 10 + units;
  const offsetMinutes = (tz & 0x08 ? -quarters : quarters) * 15;
  const raw = bytesToHex(bytes.subarray(offset, offset + 7));
  const valid =
    yy >= 0 &&
    mo >= 1 &&
    mo <= 12 &&
    dd >= 1 &&
    dd <= DAYS_IN_MONTH[mo - 1]! &&
    hh >= 0 &&
    hh <= 23 &&
    mi >= 0 &&
    mi <= 59 &&
    ss >= 0 &&
    ss <= 59;
  if (!valid) return { iso: null, offsetMinutes, zoneValid, raw };
  // Two-digit years: 90-99 are the 1990s (GSM predates 2000), the rest 20xx; libgammu reads them the same way.
  const year = yy >= 90 ? 1900 + yy : 2000 + yy;
  const abs = Math.abs(offsetMinutes);
  const zone = (offsetMinutes < 0 ? '-' : '+') + pad2(Math.floor(abs / 60)) + ':' + pad2(abs % 60);
  const iso = `${year}-${pad2(mo)}-${pad2(dd)}T${pad2(hh)}:${pad2(mi)}:${pad2(ss)}${zone}`;
  return { iso, offsetMinutes, zoneValid, raw };
}

/** Encodes a wall-clock time with its UTC offset as 7 semi-octet pairs (absolute TP-VP, §9.2.3.12.2). */
export function encodeTimestamp(utc: Date, offsetMinutes: number): number[] {
  const local = new Date(utc.getTime() + offsetMinutes * 60_000);
  const sw = (n: number): number => ((n % 10) << 4) | Math.floor(n / 10);
  const q = Math.round(Math.abs(offsetMinutes) / 15);
  const tz = ((q % 10) << 4) | Math.floor(q / 10) | (offsetMinutes < 0 ? 0x08 : 0);
  return [
    sw(local.getUTCFullYear() % 100),
    sw(local.getUTCMonth() + 1),
    sw(local.getUTCDate()),
    sw(local.getUTCHours()),
    sw(local.getUTCMinutes()),
    sw(local.getUTCSeconds()),
    tz,
  ];
}
