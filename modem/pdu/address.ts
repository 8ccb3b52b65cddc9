/**
 * Address fields: TS 23.040 §9.1.2.5 (TP-OA/DA/RA, length in semi-octets) and the SMSC prefix
 * that AT+CMGR/+CMGS carry (TS 24.011 §8.2.5.1 RP-address, length in octets).
 */
import { PduDecodeError, PduEncodeError } from './errors';
import { gsm7Codec, packSeptets, packedLength, septetsToText, textToSeptets, unpackSeptets } from './gsm7';

/** TS 23.040 §9.1.2.5 Type-of-number. */
export type TypeOfNumber =
  'unknown' | 'international' | 'national' | 'network-specific' | 'subscriber' | 'alphanumeric' | 'abbreviated' | 'reserved';

const TON_NAMES: readonly TypeOfNumber[] = [
  'unknown',
  'international',
  'national',
  'network-specific',
  'subscriber',
  'alphanumeric',
  'abbreviated',
  'reserved',
];

export interface Address {
  /** E.164 with '+' when international, alphanumeric as text, otherwise the digits as sent. */
  readonly text: string;
  readonly ton: TypeOfNumber;
  /** Numbering-plan-identification (TS 23.040 §9.1.2.5), e.g. 1 = ISDN/E.164. */
  readonly npi: number;
}

/** Semi-octet digits: 0-9, then '*', '#', 'a', 'b', 'c' (TS 23.040 §9.1.2.3); 0xF is the filler. */
const BCD = '0123456789*#abc';

/** The longest address field is 12 octets: 20 semi-octets after length and type (§9.1.2.5). */
const MAX_ADDRESS_SEMI_OCTETS = 20;
/** The RP-address length octet counts at most 11 octets: type + 10 digit octets (TS 24.011 §8.2.5.1). */
const MAX_SMSC_OCTETS = 11;

function decodeDigits(bytes: Uint8Array, start: number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) {
    const b = bytes[start + (i >> 1)]!;
    const nibble = i & 1 ? b >> 4 : b & 0x0f;
    // A filler inside the declared length carries no digit; keep the rest rather than fail.
    if (nibble !== 0x0f) s += BCD[nibble]!;
  }
  return s;
}

function formatNumber(ton: TypeOfNumber, digits: string): string {
  return ton === 'international' && digits.length > 0 && !digits.startsWith('+') ? '+' + digits : digits;
}

/** Decodes TP-OA/TP-DA/TP-RA at `offset`. Returns the address and the offset after it. */
export function decodeAddress(bytes: Uint8Array, offset: number): { address: Address; next: number } {
  if (offset + 2 > bytes.length) throw new PduDecodeError('truncated', 'Address field is cut short', offset);
  const semi = bytes[offset]!;
  if (semi > MAX_ADDRESS_SEMI_OCTETS) {
    throw new PduDecodeError('bad-length', `Address length ${semi} exceeds 20 digits`, offset);
  }
  const toa = bytes[offset + 1]!;
  const octets = (semi + 1) >> 1;
  const start = offset + 2;
  if (start + octets > bytes.length) throw new PduDecodeError('truncated', 'Address digits are cut short', start);
  const ton = TON_NAMES[(toa >> 4) & 7]!;
  const npi = toa & 0x0f;
  let text: string;
  if (ton === 'alphanumeric') {
    // §9.1.2.5: alphanumeric addresses are GSM 7-bit packed; the length counts semi-octets used.
    const septets = Math.floor((semi * 4) / 7);
    text = septetsToText(unpackSeptets(bytes, start, septets), gsm7Codec());
  } else {
    text = formatNumber(ton, decodeDigits(bytes, start, semi));
  }
  return { address: { text, ton, npi }, next: start + octets };
}

/** Decodes the SMSC prefix at the start of a PDU from AT+CMGR/+CMGL. Length 0 means "default SMSC". */
export function decodeSmsc(bytes: Uint8Array, offset: number): { address: Address | null; next: number } {
  if (offset >= bytes.length) throw new PduDecodeError('truncated', 'SMSC length is missing', offset);
  const len = bytes[offset]!;
  if (len === 0) return { address: null, next: offset + 1 };
  if (len > MAX_SMSC_OCTETS) {
    throw new PduDecodeError('bad-length', `SMSC length ${len} exceeds ${MAX_SMSC_OCTETS} octets`, offset);
  }
  if (offset + 1 + len > bytes.length) throw new PduDecodeError('truncated', 'SMSC address is cut short', offset + 1);
  const toa = bytes[offset + 1]!;
  const ton = TON_NAMES[(toa >> 4) & 7]!;
  const text =
    ton === 'alphanumeric'
      ? septetsToText(unpackSeptets(bytes, offset + 2, Math.floor(((len - 1) * 8) / 7)), gsm7Codec())
      : formatNumber(ton, decodeDigits(bytes, offset + 2, (len - 1) * 2));
  return { address: { text, ton, npi: toa & 0x0f }, next: offset + 1 + len };
}

const TON_CODES: Record<TypeOfNumber, number> = {
  unknown: 0,
  international: 1,
  national: 2,
  'network-specific': 3,
  subscriber: 4,
  alphanumeric: 5,
  abbreviated: 6,
  reserved: 7,
};

export interface AddressInput {
  /** '+' then digits for international; digits (and * # a b c) otherwise; any GSM text when alphanumeric. */
  readonly number: string;
  /** Defaults: 'international' with '+', 'unknown' without (what handsets send for national and short numbers). */
  readonly ton?: TypeOfNumber;
  /** Defaults to 1 (ISDN/E.164), 0 for alphanumeric. */
  readonly npi?: number;
}

/** Only 0-9, * and # are typed by people; 'a'-'c' (§9.1.2.3) are decoded but not accepted as input. */
function digit(ch: string): number {
  return ch === '*' ? 10 : ch === '#' ? 11 : ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : -1;
}

function digitsToSemiOctets(digits: string, what: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 2) {
    const a = digit(digits[i]!);
    const b = i + 1 < digits.length ? digit(digits[i + 1]!) : 0x0f;
    if (a < 0 || b < 0) throw new PduEncodeError('bad-address', `${what} "${digits}" has a character that is not a digit`);
    out.push((b << 4) | a);
  }
  return out;
}

function normalise(input: AddressInput, what: string): { ton: TypeOfNumber; npi: number; digits: string } {
  // Spaces, dashes, dots and brackets are how people write numbers; they are not digits.
  const raw = input.number.replace(/[\s\-.()]/g, '');
  const plus = raw.startsWith('+');
  const ton = input.ton ?? (plus ? 'international' : 'unknown');
  const digits = plus ? raw.slice(1) : raw;
  const npi = input.npi ?? (ton === 'alphanumeric' ? 0 : 1);
  if (npi < 0 || npi > 15 || !Number.isInteger(npi)) throw new PduEncodeError('bad-address', `${what} NPI ${npi} is not 0-15`);
  if (ton !== 'alphanumeric') {
    if (digits.length === 0) throw new PduEncodeError('bad-address', `${what} is empty`);
    if (plus && ton !== 'international') throw new PduEncodeError('bad-address', `${what} has '+' but is not international`);
  }
  return { ton, npi, digits };
}

/** Encodes TP-DA (§9.1.2.5): length in semi-octets, type, digits. */
export function encodeAddress(input: AddressInput): number[] {
  const { ton, npi, digits } = normalise(input, 'Recipient');
  const toa = 0x80 | (TON_CODES[ton] << 4) | npi;
  if (ton === 'alphanumeric') {
    const septets = textToSeptets(digits, gsm7Codec());
    if (!septets || septets.length > 11) {
      throw new PduEncodeError('bad-address', 'Alphanumeric address must be at most 11 GSM characters');
    }
    const bytes = new Uint8Array(packedLength(septets.length));
    packSeptets(septets, 0, septets.length, bytes, 0, 0);
    return [Math.ceil((septets.length * 7) / 4), toa, ...bytes];
  }
  if (digits.length > MAX_ADDRESS_SEMI_OCTETS) {
    throw new PduEncodeError('bad-address', `Recipient has ${digits.length} digits; at most 20 fit`);
  }
  return [digits.length, toa, ...digitsToSemiOctets(digits, 'Recipient')];
}

/** Encodes the SMSC prefix for AT+CMGS; no number gives "00" (use the SMSC stored on the SIM). */
export function encodeSmsc(number: string | undefined): number[] {
  if (number === undefined || number === '') return [0];
  const { ton, npi, digits } = normalise({ number }, 'SMSC');
  const semi = digitsToSemiOctets(digits, 'SMSC');
  if (semi.length + 1 > MAX_SMSC_OCTETS) throw new PduEncodeError('bad-address', 'SMSC number is too long');
  return [semi.length + 1, 0x80 | (TON_CODES[ton] << 4) | npi, ...semi];
}
