import { describe, expect, it } from 'vitest';
import { parseCnum, parseCsca, parseIccid, parseImei, parseImsi } from './identity';

describe('parseImei', () => {
  it('reads a bare line (Huawei K3715, python-gsmmodem test/fakemodems.py)', () => {
    expect(parseImei(['111111111111111'])).toEqual({ ok: true, value: '111111111111111' });
  });

  it('reads the "IMEI:" line of ATI among others (Huawei K3520, garronej/at-messages-parser src/test/test6.ts)', () => {
    const ati = ['Manufacturer: huawei', 'Model: K3520', 'Revision: 11.314.12.02.00', 'IMEI: 353284020952548', '+GCAP: +CGSM,+DS,+ES'];
    expect(parseImei(ati)).toEqual({ ok: true, value: '353284020952548' });
  });

  it('reads prefixed and quoted forms', () => {
    expect(parseImei(['+CGSN: "353284020952548"'])).toEqual({ ok: true, value: '353284020952548' });
    expect(parseImei(['+CGSN: 353284020952548'])).toEqual({ ok: true, value: '353284020952548' });
  });

  it('rejects anything that is not 14 to 17 digits', () => {
    expect(parseImei(['ERROR']).ok).toBe(false);
    expect(parseImei(['12345']).ok).toBe(false);
  });
});

describe('parseImsi', () => {
  it('reads bare and prefixed forms', () => {
    expect(parseImsi(['111111111111111'])).toEqual({ ok: true, value: '111111111111111' });
    expect(parseImsi(['+CIMI: 234150000000000'])).toEqual({ ok: true, value: '234150000000000' });
    expect(parseImsi(['+CIMI: abc']).ok).toBe(false);
  });
});

describe('parseIccid', () => {
  // ModemManager src/tests/test-modem-helpers.c, test_iccid_parse_*
  it('unswaps the raw EF-ICCID form and drops the F padding', () => {
    expect(parseIccid(['^ICCID: "984402003576012594F9"'])).toEqual({ ok: true, value: '8944200053671052499' });
    expect(parseIccid(['98231420326409614067'])).toEqual({ ok: true, value: '89324102234690160476' });
  });

  it('reads unswapped forms with and without F and quotes', () => {
    expect(parseIccid(['8944200053671052499F'])).toEqual({ ok: true, value: '8944200053671052499' });
    expect(parseIccid(['+CCID: 8944200053671052499'])).toEqual({ ok: true, value: '8944200053671052499' });
    expect(parseIccid(['+ICCID: "89324102234690160476"'])).toEqual({ ok: true, value: '89324102234690160476' });
    expect(parseIccid(['+QCCID: 89324102234690160476'])).toEqual({ ok: true, value: '89324102234690160476' });
  });

  it('reads the +CRSM read of EF-ICCID (status 144, swapped BCD)', () => {
    expect(parseIccid(['+CRSM: 144,0,"98231420326409614067"'])).toEqual({ ok: true, value: '89324102234690160476' });
  });

  it('rejects short or non-numeric values', () => {
    expect(parseIccid(['+CCID: 1234']).ok).toBe(false);
    expect(parseIccid(['ERROR']).ok).toBe(false);
  });
});

describe('parseCnum', () => {
  // ModemManager src/tests/test-modem-helpers.c, test_cnum_response_*
  it('reads several numbers, alpha quoted, unquoted or empty', () => {
    const lines = ['+CNUM: something,"+34600000001",145', '+CNUM: ,"+34600000002",145', '+CNUM: "another","1234567890",161'];
    expect(parseCnum(lines)).toEqual({
      ok: true,
      value: [
        { alpha: 'something', number: '+34600000001', type: 145 },
        { number: '+34600000002', type: 145 },
        { alpha: 'another', number: '1234567890', type: 161 },
      ],
    });
  });

  it('reads a Huawei reply (garronej/at-messages-parser ts/example/test.ts)', () => {
    expect(parseCnum(['+CNUM: "CC","+8613987654321",129'])).toEqual({
      ok: true,
      value: [{ alpha: 'CC', number: '+8613987654321', type: 129 }],
    });
  });

  it('gives an empty list when the SIM holds no number, and fails on foreign lines', () => {
    expect(parseCnum([])).toEqual({ ok: true, value: [] });
    expect(parseCnum(['+CNUM: "",,145'])).toEqual({ ok: true, value: [] });
    expect(parseCnum(['garbage']).ok).toBe(false);
  });
});

describe('parseCsca', () => {
  it('reads "+CSCA: "+48501200777",145" (gammu/gammu issue #385) and "+CSCA: "+62816124",145" (gammu/gammu issue #242)', () => {
    expect(parseCsca('+CSCA: "+48501200777",145')).toEqual({ ok: true, value: { address: '+48501200777', type: 145 } });
    expect(parseCsca('+CSCA: "+62816124",145')).toEqual({ ok: true, value: { address: '+62816124', type: 145 } });
  });

  it('decodes the UCS-2 form a modem prints under AT+CSCS="UCS2" (TS 27.007 §5.5)', () => {
    expect(parseCsca('+CSCA: "002B00340038003500300031003200300030003700370037",145')).toEqual({
      ok: true,
      value: { address: '+48501200777', type: 145 },
    });
  });

  it('reads an unset centre as an empty address and rejects garbage', () => {
    expect(parseCsca('+CSCA: "",129')).toEqual({ ok: true, value: { address: '', type: 129 } });
    expect(parseCsca('+CSCA: "hello",145').ok).toBe(false);
  });
});
