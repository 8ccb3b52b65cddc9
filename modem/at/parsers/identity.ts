/**
 * Identity replies: IMEI (+CGSN, TS 27.007 §5.4), IMSI (+CIMI, §5.6), ICCID (+CCID and
 * vendor forms), own number (+CNUM, §7.1) and the SMSC address (+CSCA, TS 27.005 §3.3.1).
 * Each takes the reply lines, since modems differ on whether the value has a prefix.
 */
import { after, int, splitFields, ucs2Hex, unquote } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

/** Finds the value in reply lines: after one of the prefixes, or a bare line, without quotes. */
function value(lines: readonly string[], prefixes: readonly string[]): string | undefined {
  for (const line of lines) {
    for (const p of prefixes) {
      const body = after(line, p);
      if (body !== undefined) return unquote(body).trim();
    }
  }
  for (const line of lines) {
    const t = unquote(line.trim());
    if (/^[0-9A-Fa-f]+$/.test(t)) return t;
  }
  return undefined;
}

/** AT+CGSN: "351234567890123", "+CGSN: 35...", "+CGSN: "35..."", or ATI's "IMEI: 35..." (Huawei K3520). */
export function parseImei(lines: readonly string[]): ParseResult<string> {
  const joined = lines.join('\n');
  return guard('IMEI', joined, () => {
    const v = value(lines, ['+CGSN', '+GSN', 'IMEI']);
    // 15 digits (IMEI) or 16 (IMEISV); some CDMA-era firmware pads to 17.
    if (v === undefined || !/^\d{14,17}$/.test(v)) return fail('IMEI', joined);
    return ok(v);
  });
}

/** AT+CIMI: "234150000000000" or "+CIMI: 234...". */
export function parseImsi(lines: readonly string[]): ParseResult<string> {
  const joined = lines.join('\n');
  return guard('IMSI', joined, () => {
    const v = value(lines, ['+CIMI']);
    if (v === undefined || !/^\d{6,15}$/.test(v)) return fail('IMSI', joined);
    return ok(v);
  });
}

/**
 * ICCID from AT+CCID / AT+ICCID / AT^ICCID? / AT+QCCID / AT+CRSM=176,12258,0,0,10.
 * Strips quotes and the F padding of 19-digit ICCIDs. A value that starts with "98" is
 * the raw EF-ICCID with its BCD nibbles swapped (Huawei ^ICCID, +CRSM): it is unswapped.
 */
export function parseIccid(lines: readonly string[]): ParseResult<string> {
  const joined = lines.join('\n');
  return guard('ICCID', joined, () => {
    let raw: string | undefined;
    for (const line of lines) {
      const crsm = after(line, '+CRSM');
      if (crsm !== undefined) {
        const f = splitFields(crsm);
        if (int(f[0]) === 144) raw = unquote(f[2]);
      }
    }
    raw ??= value(lines, ['+CCID', '+ICCID', '^ICCID', '+QCCID', 'ICCID', '+CICCID', '$QCCID']);
    if (raw === undefined) return fail('ICCID', joined);
    let digits = raw.toUpperCase();
    if (digits.startsWith('98') && /^[0-9F]{18,20}$/.test(digits) && digits.length % 2 === 0) {
      let swapped = '';
      for (let i = 0; i < digits.length; i += 2) swapped += `${digits[i + 1]}${digits[i]}`;
      digits = swapped;
    }
    digits = digits.replace(/F+$/, '');
    if (!/^\d{18,20}$/.test(digits)) return fail('ICCID', joined);
    return ok(digits);
  });
}

export interface SubscriberNumber {
  readonly alpha?: string;
  readonly number: string;
  /** Type of address: 145 international, 129 unknown/national. */
  readonly type?: number;
}

/** AT+CNUM: one "+CNUM: [<alpha>],<number>,<type>" line per number; lines without a number are skipped. */
export function parseCnum(lines: readonly string[]): ParseResult<SubscriberNumber[]> {
  const joined = lines.join('\n');
  return guard('+CNUM', joined, () => {
    const out: SubscriberNumber[] = [];
    let seen = false;
    for (const line of lines) {
      const body = after(line, '+CNUM');
      if (body === undefined) continue;
      seen = true;
      const [a, n, t] = splitFields(body);
      const number = unquote(n).replace(/^"|"$/g, '');
      if (number === '') continue;
      const alpha = unquote(a);
      const type = int(t);
      out.push({ ...(alpha ? { alpha } : {}), number, ...(type !== undefined ? { type } : {}) });
    }
    if (!seen && lines.some((l) => l.trim() !== '')) return fail('+CNUM', joined);
    return ok(out);
  });
}

export interface ServiceCentre {
  /** "+491722270333"; decoded when the modem printed it in UCS-2 hex (AT+CSCS="UCS2"). */
  readonly address: string;
  readonly type?: number;
}

/** "+CSCA: "+46705008600",145"; an empty address means none is set on the SIM. */
export function parseCsca(line: string): ParseResult<ServiceCentre> {
  return guard('+CSCA', line, () => {
    const body = after(line, '+CSCA');
    if (body === undefined) return fail('+CSCA', line);
    const [a, t] = splitFields(body);
    let address = unquote(a);
    const decoded = ucs2Hex(address);
    if (decoded !== undefined && /^\+?\d+$/.test(decoded)) address = decoded;
    if (address !== '' && !/^\+?[0-9*#]+$/.test(address)) return fail('+CSCA', line);
    const type = int(t);
    return ok(type !== undefined ? { address, type } : { address });
  });
}
