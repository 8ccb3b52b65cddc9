import { describe, expect, it } from 'vitest';
import { parseCnmiTest, parseCpmsRead, parseCpmsSet, parseCpmsTest } from './storage';

describe('parseCpmsRead', () => {
  it('reads Cinterion MC75i "+CPMS: "ME",0,25,"ME",0,25,"SM",0,20" (gammu/gammu pull #1207)', () => {
    expect(parseCpmsRead('+CPMS: "ME",0,25,"ME",0,25,"SM",0,20')).toEqual({
      ok: true,
      value: [
        { storage: 'ME', used: 0, total: 25 },
        { storage: 'ME', used: 0, total: 25 },
        { storage: 'SM', used: 0, total: 20 },
      ],
    });
  });

  it('reads blanks between fields (ModemManager src/tests/test-modem-helpers.c, cpms query tests)', () => {
    expect(parseCpmsRead('+CPMS: "MT", 0, 100, "MT", 0, 100, "MT", 0, 100')).toMatchObject({
      ok: true,
      value: [{ storage: 'MT', used: 0, total: 100 }, {}, {}],
    });
  });

  it('rejects the empty reply of a Nokia N79, which stores no SMS (python-gsmmodem test/fakemodems.py)', () => {
    expect(parseCpmsRead('+CPMS: ,,,,,,,,').ok).toBe(false);
  });
});

describe('parseCpmsSet', () => {
  it('reads Huawei E1752 "+CPMS: 0,23,0,23,1,50" (gammu/gammu issue #126)', () => {
    expect(parseCpmsSet('+CPMS: 0,23,0,23,1,50')).toEqual({
      ok: true,
      value: [
        { used: 0, total: 23 },
        { used: 0, total: 23 },
        { used: 1, total: 50 },
      ],
    });
  });

  it('reads Wavecom "+CPMS: 14,50,14,50" with two storages (python-gsmmodem test/fakemodems.py)', () => {
    expect(parseCpmsSet('+CPMS: 14,50,14,50')).toEqual({
      ok: true,
      value: [
        { used: 14, total: 50 },
        { used: 14, total: 50 },
      ],
    });
  });
});

describe('parseCpmsTest', () => {
  it('reads Huawei E173 (gammu/wammu issue #44)', () => {
    const all = ['ME', 'MT', 'SM', 'SR'];
    expect(parseCpmsTest('+CPMS: ("ME","MT","SM","SR"),("ME","MT","SM","SR"),("ME","MT","SM","SR")')).toEqual({
      ok: true,
      value: { read: all, write: all, receive: all },
    });
  });

  it('reads Cinterion MC75i, whose receive storages differ (gammu/gammu issue #1206)', () => {
    expect(parseCpmsTest('+CPMS: ("ME","SM","MT"),("ME","SM","MT"),("SM","MT")')).toEqual({
      ok: true,
      value: { read: ['ME', 'SM', 'MT'], write: ['ME', 'SM', 'MT'], receive: ['SM', 'MT'] },
    });
  });

  it('reads the Wavecom form wrapped in extra parentheses (python-gsmmodem test/fakemodems.py)', () => {
    expect(parseCpmsTest('+CPMS: (("SM","BM","SR"),("SM"))')).toEqual({
      ok: true,
      value: { read: ['SM', 'BM', 'SR'], write: ['SM'], receive: ['SM'] },
    });
  });

  it('reads empty lists (Nokia N79, python-gsmmodem) and loose blanks and single values (ModemManager cpms tests)', () => {
    expect(parseCpmsTest('+CPMS: (),(),()')).toEqual({ ok: true, value: { read: [], write: [], receive: [] } });
    expect(parseCpmsTest('+CPMS:     (  "ME"  ,  "MT"  )   ,  "ME" ,   (  "SM"  )')).toEqual({
      ok: true,
      value: { read: ['ME', 'MT'], write: ['ME'], receive: ['SM'] },
    });
    expect(parseCpmsTest('+CPMS: "ME","MT","SM"')).toEqual({ ok: true, value: { read: ['ME'], write: ['MT'], receive: ['SM'] } });
  });
});

describe('parseCnmiTest', () => {
  it.each([
    // gammu/gammu issue #680
    ['+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)', { mode: [0, 1, 2], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1, 2], bfr: [0, 1] }],
    // gammu/gammu issue #408
    ['+CNMI: (0,1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)', { mode: [0, 1, 2], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1, 2], bfr: [0, 1] }],
    // Cinterion MC75i, gammu/gammu pull #1207: only 1 for <bfr>
    ['+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)', { mode: [0, 1, 2, 3], mt: [0, 1], bm: [0, 2, 3], ds: [0, 2], bfr: [1] }],
    // SIM800L, faucamp/python-gsmmodem issue #60: <ds> 0 or 1 only
    ['+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)', { mode: [0, 1, 2, 3], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1], bfr: [0, 1] }],
  ])('%s', (line, value) => {
    expect(parseCnmiTest(line)).toEqual({ ok: true, value });
  });

  it('fills missing groups with empty lists and rejects garbage', () => {
    expect(parseCnmiTest('+CNMI: (0-2),(0-1)')).toEqual({ ok: true, value: { mode: [0, 1, 2], mt: [0, 1], bm: [], ds: [], bfr: [] } });
    expect(parseCnmiTest('+CNMI: (a-b)').ok).toBe(false);
    expect(parseCnmiTest('+CNMI: (0-99999)').ok).toBe(false); // bounded
  });
});
