/** Signal and Huawei status reports: +CSQ (TS 27.007 §8.5), ^RSSI, ^MODE, ^BOOT. */
import { after, int, splitFields } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

export interface SignalQuality {
  /** 0…31 as reported, null when unknown (99). */
  readonly rssi: number | null;
  /** Bit error rate class 0…7, null when unknown (99). */
  readonly ber: number | null;
  /** Received power in dBm: -113 (rssi 0) up to -51 (rssi 31), null when unknown. */
  readonly dbm: number | null;
}

function quality(rssi: number, ber: number | undefined): SignalQuality {
  const known = rssi >= 0 && rssi <= 31;
  return {
    rssi: known ? rssi : null,
    ber: ber !== undefined && ber >= 0 && ber <= 7 ? ber : null,
    dbm: known ? -113 + 2 * rssi : null,
  };
}

/** "+CSQ: 11,99" → rssi 11, ber unknown, -91 dBm. */
export function parseCsq(line: string): ParseResult<SignalQuality> {
  return guard('+CSQ', line, () => {
    const body = after(line, '+CSQ');
    if (body === undefined) return fail('+CSQ', line);
    const [r, b] = splitFields(body);
    const rssi = int(r);
    const ber = int(b);
    if (rssi === undefined || rssi < 0 || ber === undefined) return fail('+CSQ', line);
    return ok(quality(rssi, ber));
  });
}

/** Huawei "^RSSI:14" (same 0…31 scale as +CSQ, 99 unknown). */
export function parseHuaweiRssi(line: string): ParseResult<SignalQuality> {
  return guard('^RSSI', line, () => {
    const body = after(line, '^RSSI');
    const rssi = int(body);
    if (rssi === undefined || rssi < 0) return fail('^RSSI', line);
    return ok(quality(rssi, undefined));
  });
}

export interface HuaweiMode {
  /** ^MODE <sys_mode>: 0 no service, 3 GSM/GPRS, 5 WCDMA, 7 LTE, ... */
  readonly sysMode: number;
  /** <sys_submode>: e.g. 4 WCDMA, 5 HSDPA, 9 HSPA+ (0 when absent). */
  readonly subMode: number;
}

/** Huawei "^MODE:5,4". */
export function parseHuaweiMode(line: string): ParseResult<HuaweiMode> {
  return guard('^MODE', line, () => {
    const body = after(line, '^MODE');
    if (body === undefined) return fail('^MODE', line);
    const [a, b] = splitFields(body);
    const sysMode = int(a);
    const subMode = b === undefined || b === '' ? 0 : int(b);
    if (sysMode === undefined || subMode === undefined) return fail('^MODE', line);
    return ok({ sysMode, subMode });
  });
}

/** Huawei "^BOOT:20952548,0,0,0,72": a keep-alive the stick sends every few seconds; the fields are opaque. */
export function parseHuaweiBoot(line: string): ParseResult<{ readonly fields: readonly number[] }> {
  return guard('^BOOT', line, () => {
    const body = after(line, '^BOOT');
    if (body === undefined) return fail('^BOOT', line);
    const fields = splitFields(body).map(int);
    if (fields.length === 0 || fields.some((f) => f === undefined)) return fail('^BOOT', line);
    return ok({ fields: fields as number[] });
  });
}
