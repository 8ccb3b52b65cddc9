import { describe, expect, it } from 'vitest';
import { parseCsq, parseHuaweiBoot, parseHuaweiMode, parseHuaweiRssi } from './signal';

describe('parseCsq', () => {
  it('reads Huawei E1752 "+CSQ: 11,99" (gammu/gammu issue #126)', () => {
    expect(parseCsq('+CSQ: 11,99')).toEqual({ ok: true, value: { rssi: 11, ber: null, dbm: -91 } });
  });

  it('reads Huawei E173 "+CSQ: 24,99" (gammu/wammu issue #44)', () => {
    expect(parseCsq('+CSQ: 24,99')).toMatchObject({ ok: true, value: { rssi: 24, dbm: -65 } });
  });

  it('keeps a known bit error rate class (gammu/gammu issue #381: "+CSQ: 15,2")', () => {
    expect(parseCsq('+CSQ: 15,2')).toEqual({ ok: true, value: { rssi: 15, ber: 2, dbm: -83 } });
  });

  it('reads "+CSQ:99,99" without a blank (OEM Marvell modem, obsy/packages issue #3) as unknown', () => {
    expect(parseCsq('+CSQ:99,99')).toEqual({ ok: true, value: { rssi: null, ber: null, dbm: null } });
  });

  it('rejects other lines with a typed error', () => {
    const r = parseCsq('+CSQ: ,99');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('AT_PARSE');
    expect(parseCsq('+CREG: 1,1').ok).toBe(false);
  });
});

describe('Huawei status reports', () => {
  it('reads ^RSSI:14 (Huawei E1752, gammu/gammu issue #138) and ^RSSI:99 (garronej/at-messages-parser ts/example/test.ts)', () => {
    expect(parseHuaweiRssi('^RSSI:14')).toEqual({ ok: true, value: { rssi: 14, ber: null, dbm: -85 } });
    expect(parseHuaweiRssi('^RSSI:99')).toEqual({ ok: true, value: { rssi: null, ber: null, dbm: null } });
  });

  it('reads ^MODE:5,4 (Huawei E1752, gammu/gammu issue #126)', () => {
    expect(parseHuaweiMode('^MODE:5,4')).toEqual({ ok: true, value: { sysMode: 5, subMode: 4 } });
  });

  it('reads ^BOOT lines (garronej/at-messages-parser ts/example/test.ts and src/test/test6.ts, Huawei K3520)', () => {
    expect(parseHuaweiBoot('^BOOT:20952548,0,0,0,72')).toEqual({ ok: true, value: { fields: [20952548, 0, 0, 0, 72] } });
    expect(parseHuaweiBoot('^BOOT:37478870,0,0,0,77').ok).toBe(true);
    expect(parseHuaweiBoot('^BOOT:x').ok).toBe(false);
  });
});
