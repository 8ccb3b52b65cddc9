/**
 * +CUSD (TS 27.007 §7.15): "+CUSD: <m>[,<str>[,<dcs>]]". The string may span lines
 * (the URC assembler joins them with "\n"), and modems hand it over in three shapes:
 * plain text, UCS-2 hex (DCS 72, or any DCS with AT+CSCS="UCS2"), or the packed 7-bit
 * octets as hex (Huawei E173/E1752 in their default ^USSDMODE).
 */
import { assertNever } from '../lifecycle';
import { hexBytes } from './hex';
import { after, int, splitFields, ucs2Hex, unquote } from './fields';
import { septetsToText, unpackSeptets } from './gsm7';
import { fail, guard, ok, type ParseResult } from './result';

export type UssdStatus = 'done' | 'action-required' | 'terminated' | 'other-client' | 'not-supported' | 'timeout';
const STATUS: readonly UssdStatus[] = ['done', 'action-required', 'terminated', 'other-client', 'not-supported', 'timeout'];

export interface UssdReply {
  /** <m>: 0 no further action, 1 reply expected, 2 terminated by network, 3 other client answered, 4 not supported, 5 timed out. */
  readonly m: number;
  readonly status: UssdStatus;
  /** The string exactly as the modem sent it (without the quotes). */
  readonly raw?: string;
  readonly dcs?: number;
}

/** Words for the ends of a USSD session that are not an answer. */
export const USSD_STATUS_MESSAGE: Record<UssdStatus, string> = {
  done: 'The network answered.',
  'action-required': 'The network is waiting for a reply.',
  terminated: 'The network ended the session.',
  'other-client': 'Another application answered the network.',
  'not-supported': 'The network does not support this request.',
  timeout: 'The network did not answer in time.',
};

export function parseCusd(text: string): ParseResult<UssdReply> {
  return guard('+CUSD', text, () => {
    const body = after(text, '+CUSD');
    if (body === undefined) return fail('+CUSD', text);
    const f = splitFields(body);
    const m = int(f[0]);
    if (m === undefined || m < 0 || m >= STATUS.length || f.length > 3) return fail('+CUSD', text);
    const strField = f[1];
    if (strField !== undefined && strField !== '' && !/^"[\s\S]*"$/.test(strField)) return fail('+CUSD', text);
    const raw = strField !== undefined && strField !== '' ? unquote(strField) : undefined;
    const dcs = int(f[2]);
    if (f[2] !== undefined && f[2] !== '' && dcs === undefined) return fail('+CUSD', text);
    return ok({ m, status: STATUS[m] as UssdStatus, ...(raw !== undefined ? { raw } : {}), ...(dcs !== undefined ? { dcs } : {}) });
  });
}

/** How the modem presents the USSD string (a per-modem fact, kept in the quirk tables). */
export type UssdEncoding = 'text' | 'ucs2-hex' | 'gsm7-packed-hex';

/** Whether a CBS/USSD DCS (TS 23.038 §5) says UCS-2: 0x11, or alphabet bits 10 in groups 01xx and 1001. */
export function dcsIsUcs2(dcs: number): boolean {
  return dcs === 0x11 || (((dcs & 0xc0) === 0x40 || (dcs & 0xf0) === 0x90) && (dcs & 0x0c) === 0x08);
}

/** Whether a CBS/USSD DCS says the GSM 7-bit default alphabet (groups 0000, 0010, 0x10, 01xx/00, 1111/0). */
export function dcsIsGsm7(dcs: number): boolean {
  const group = dcs & 0xf0;
  if (group === 0x00 || group === 0x20 || dcs === 0x10) return true;
  if ((dcs & 0xc0) === 0x40 || group === 0x90) return (dcs & 0x0c) === 0x00;
  if (group === 0xf0) return (dcs & 0x04) === 0;
  return false;
}

/**
 * Decodes a USSD string. With `encoding` from the modem's quirk profile the answer is
 * certain; without it the string is read as hex only when the DCS and the shape agree
 * and the result is printable, else it stays text.
 */
export function decodeUssd(raw: string, dcs: number | undefined, encoding?: UssdEncoding): string {
  const enc = encoding ?? guessEncoding(raw, dcs);
  switch (enc) {
    case 'text':
      return raw;
    case 'ucs2-hex':
      return ucs2Hex(raw) ?? raw;
    case 'gsm7-packed-hex':
      return unpackedGsm7(raw) ?? raw;
    default:
      return assertNever(enc, 'USSD encoding');
  }
}

function guessEncoding(raw: string, dcs: number | undefined): UssdEncoding {
  if (!/^[0-9A-Fa-f]+$/.test(raw) || raw.length % 2 !== 0) return 'text';
  if (dcs !== undefined && dcsIsUcs2(dcs)) return ucs2Hex(raw) !== undefined ? 'ucs2-hex' : 'text';
  // A 7-bit DCS with hex text: either the modem converted to UCS-2 (AT+CSCS="UCS2", as
  // in gammu issue #358) or it passed the packed octets through (Huawei ^USSDMODE=0).
  // Take whichever decodes to ordinary script; when neither does, the text stays as is.
  // Plain Latin decoded from UCS-2 (every high byte 00) is the strongest sign; then packed
  // septets that decode to plain Latin; then UCS-2 in another common script.
  const ucs2 = ucs2Hex(raw);
  if (ucs2 !== undefined && [...ucs2].every(isPlainChar)) return 'ucs2-hex';
  if (dcs === undefined || dcsIsGsm7(dcs)) {
    const packed = unpackedGsm7(raw);
    if (packed !== undefined && packed.length > 0 && [...packed].every(isPlainChar)) return 'gsm7-packed-hex';
  }
  if (ucs2 !== undefined && [...ucs2].every(isCommonChar)) return 'ucs2-hex';
  return 'text';
}

/** Printable ASCII and Latin-1 letters, line breaks. */
function isPlainChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || (c >= 0xa0 && c <= 0xff);
}

/** Characters of the scripts USSD menus are written in: Latin, Greek, Cyrillic, Arabic, Thai, CJK, Hangul. */
function isCommonChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    isPlainChar(ch) ||
    (c >= 0x0100 && c <= 0x06ff) ||
    (c >= 0x0e00 && c <= 0x0e7f) ||
    (c >= 0x2000 && c <= 0x20cf) ||
    (c >= 0x3000 && c <= 0x30ff) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

function unpackedGsm7(raw: string): string | undefined {
  const bytes = hexBytes(raw);
  if (!bytes) return undefined;
  const septets = unpackSeptets(bytes);
  // Seven octets carry eight septets; a trailing CR (0x0d) fills an unused last septet (TS 23.038 §6.1.2.3.1).
  if (bytes.length % 7 === 0 && septets[septets.length - 1] === 0x0d) septets.pop();
  return septetsToText(septets);
}
