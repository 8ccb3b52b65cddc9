import { describe, expect, it } from 'vitest';
import {
  parseCdsHeader,
  parseCdsi,
  parseCmgl,
  parseCmglHeader,
  parseCmgr,
  parseCmgrHeader,
  parseCmgs,
  parseCmtHeader,
  parseCmti,
} from './messages';

// ModemManager src/tests/test-modem-helpers.c, test_cmgl_response_generic / test_cmgr_response_generic
const MM_PDU =
  '07914306073011F00405812261F700003130916191314095C27' +
  '4D96D2FBBD3E437280CB2BEC961F3DB5D76818EF2F0381D9E83E06F39A8CC2E9FD372F' +
  '77BEE0249CBE37A594E0E83E2F532085E2F93CB73D0B93CA7A7DFEEB01C447F93DF731' +
  '0BD3E07CDCB727B7A9C7ECF41E432C8FC96B7C32079189E26874179D0F8DD7E93C3A0B' +
  '21B246AA641D637396C7EBBCB22D0FD7E77B5D376B3AB3C07';
// Pantech, ModemManager test_cmgl_response_pantech
const PANTECH_PDU = '079100F40D1101000F001000B917118336058F300001954747A0E4ACF41F27298CDCE83C6EF371B0402814020';

describe('+CMGR', () => {
  it('reads the usual header with an empty alpha (garronej/at-messages-parser ts/example/test.ts)', () => {
    const pdu = '07913306092011F0040B913336766883F5000061216212807140074A351A8D56AB01';
    expect(parseCmgr(['+CMGR: 0,,26', pdu])).toEqual({ ok: true, value: { stat: 0, status: 'received-unread', length: 26, pdu } });
  });

  it('reads Telit HE910 with "" in the alpha field (ModemManager test_cmgr_response_telit)', () => {
    const pdu = '07916163838428F9040B916121021021F700005190514164220A23C4B0BCFD5E8740C4B0BCFD5E83C26E3248196687C9A0301D440DBBC3677918';
    expect(parseCmgr(['+CMGR: 0,"",50', pdu])).toEqual({ ok: true, value: { stat: 0, status: 'received-unread', length: 50, pdu } });
  });

  it('reads a PDU glued to the header after a blank (ModemManager test_cmgr_response_generic)', () => {
    expect(parseCmgr([`+CMGR: 1,,147 ${MM_PDU}`])).toEqual({
      ok: true,
      value: { stat: 1, status: 'received-read', length: 147, pdu: MM_PDU },
    });
  });

  it('reads a header without the alpha field and one without status', () => {
    expect(parseCmgrHeader('+CMGR: 1,23')).toEqual({ ok: true, value: { stat: 1, status: 'received-read', length: 23 } });
    // ZTE reading a status report from "SR" leaves <stat> empty (andrewbird/wader wader/common/hardware/zte.py)
    expect(parseCmgrHeader('+CMGR: ,,25')).toMatchObject({ ok: true, value: { length: 25 } });
  });

  it('fails when the PDU line is missing or not hex', () => {
    expect(parseCmgr(['+CMGR: 0,,26']).ok).toBe(false);
    expect(parseCmgr(['+CMGR: 0,,26', 'hello']).ok).toBe(false);
    expect(parseCmgr([]).ok).toBe(false);
  });
});

describe('+CMGL', () => {
  it('reads headers with and without the alpha field, each with its PDU', () => {
    const r = parseCmgl(['+CMGL: 0,1,,147', MM_PDU, '+CMGL: 17,3,35', PANTECH_PDU]);
    expect(r).toEqual({
      ok: true,
      value: {
        messages: [
          { index: 0, stat: 1, status: 'received-read', length: 147, pdu: MM_PDU },
          { index: 17, stat: 3, status: 'stored-sent', length: 35, pdu: PANTECH_PDU },
        ],
        skipped: [],
      },
    });
  });

  it('keeps going past a header without PDU and reports it', () => {
    const r = parseCmgl(['+CMGL: 1,0,,23', '+CMGL: 2,0,,35', PANTECH_PDU]);
    expect(r.ok && r.value.messages.map((m) => m.index)).toEqual([2]);
    expect(r.ok && r.value.skipped).toEqual(['+CMGL: 1,0,,23']);
  });

  it('rejects a header without index', () => {
    expect(parseCmglHeader('+CMGL: ,1,,23').ok).toBe(false);
  });
});

describe('indications', () => {
  it.each([
    // garronej/at-messages-parser ts/example/test.ts (Huawei)
    ['+CMTI: "SM",26', { storage: 'SM', index: 26 }],
    // ModemManager src/tests/test-at-serial-port.c
    ['+CMTI: "ME",1', { storage: 'ME', index: 1 }],
    // u-blox SARA (arduino-libraries/MKRNB issue #50)
    ['+CMTI: "ME",0', { storage: 'ME', index: 0 }],
    // <mem3> "MT" (TS 27.005 §3.1: ME and SM combined), as SIM7600/EC25 report with AT+CPMS="MT"
    ['+CMTI: "MT",0', { storage: 'MT', index: 0 }],
  ])('%s', (line, value) => {
    expect(parseCmti(line)).toEqual({ ok: true, value });
  });

  it('rejects the storage-less "+CMTI: ,-1" of a SIM7000G (Xinyuan-LilyGO/T-SIM7600X issue #63)', () => {
    expect(parseCmti('+CMTI: ,-1').ok).toBe(false);
  });

  it('reads +CDSI: "SR",50 (ZTE, andrewbird/wader wader/common/hardware/zte.py)', () => {
    expect(parseCdsi('+CDSI: "SR",50')).toEqual({ ok: true, value: { storage: 'SR', index: 50 } });
  });

  it('reads +CMT headers (Huawei K3520, garronej/at-messages-parser src/test/test6.ts) and +CDS', () => {
    expect(parseCmtHeader('+CMT: ,13')).toEqual({ ok: true, value: { length: 13 } });
    expect(parseCmtHeader('+CMT: "Alice",24')).toEqual({ ok: true, value: { alpha: 'Alice', length: 24 } });
    expect(parseCdsHeader('+CDS: 25')).toEqual({ ok: true, value: { length: 25 } });
    expect(parseCmtHeader('+CMT: ,x').ok).toBe(false);
  });
});

describe('parseCmgs', () => {
  it('reads "+CMGS: 23" (awangga/spy README.md dialogue)', () => {
    expect(parseCmgs('+CMGS: 23')).toEqual({ ok: true, value: { mr: 23 } });
  });

  it('reads the form with the centre timestamp (TS 27.005 §3.5.1 "+CMGS: <mr>[,<scts>]")', () => {
    expect(parseCmgs('+CMGS: 123,"24/01/15,10:30:00+04"')).toEqual({ ok: true, value: { mr: 123, scts: '24/01/15,10:30:00+04' } });
  });

  it('rejects a reference outside 0..255 (TP-MR is one octet)', () => {
    expect(parseCmgs('+CMGS: 256').ok).toBe(false);
  });
});
