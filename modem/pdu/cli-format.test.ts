import { describe, expect, it } from 'vitest';
import { decodeLineToJson, encodeLineToJson } from './cli-format';

describe('CLI line formatting', () => {
  it('decode: deliver with every documented field', () => {
    const r = decodeLineToJson(' 07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37 \r');
    expect(r).toEqual({
      ok: true,
      json: {
        type: 'deliver',
        smsc: '+27381000015',
        address: '27838890001',
        text: 'hellohello',
        encoding: 'gsm7',
        class: null,
        timestamp: '1999-03-29T15:16:59+02:00',
        concat: null,
      },
    });
  });
  it('decode: status report fields', () => {
    const r = decodeLineToJson('07914356060013F1065A098136397339F7219011700463802190117004638030');
    expect(r.ok).toBe(true);
    expect(r.json).toMatchObject({
      type: 'status-report',
      address: '639337937',
      reference: 90,
      status: 48,
      outcome: 'pending',
      timestamp: '2012-09-11T07:40:36+02:00',
      dischargeTime: '2012-09-11T07:40:36+02:00',
    });
  });
  it('decode: a bad line is an error object with code, message and offset', () => {
    expect(decodeLineToJson('07ZZ')).toEqual({ ok: false, json: { error: { code: 'bad-hex', message: expect.any(String), offset: 1 } } });
    const t = decodeLineToJson('07917283010010F5040BC872388809');
    expect(t.ok).toBe(false);
    expect((t.json as { error: { code: string } }).error.code).toBe('truncated');
  });
  it('encode: parts with hex and TPDU length, encoding, segments', () => {
    const r = encodeLineToJson('{"to":"09012345678","text":"How are you doing?"}');
    expect(r).toEqual({
      ok: true,
      json: {
        parts: [{ hex: '0001000B819010325476F8000012C8F71D14969741F9771D447EA7DDE71F', tpduLength: 29 }],
        encoding: 'gsm7',
        segments: 1,
      },
    });
    const long = encodeLineToJson(JSON.stringify({ to: '+1', text: 'Ж'.repeat(100), statusReport: true, flash: true, validity: 1440 }));
    expect(long.json).toMatchObject({ encoding: 'ucs2', segments: 2 });
    const decoded = decodeLineToJson((long.json as { parts: { hex: string }[] }).parts[1]!.hex);
    expect(decoded.json).toMatchObject({ type: 'submit', class: 0, concat: { part: 2, total: 2 } });
  });
  it('encode: bad JSON and bad options are error objects', () => {
    expect(encodeLineToJson('{nope').json).toMatchObject({ error: { code: 'bad-json' } });
    expect(encodeLineToJson('{"to":"1","text":"x","colour":"red"}').json).toMatchObject({ error: { code: 'bad-option' } });
    expect(encodeLineToJson('{"to":"1","text":"x","class":7}').json).toMatchObject({ error: { code: 'bad-option' } });
    expect(encodeLineToJson('{"to":"abc","text":"x"}').json).toMatchObject({ error: { code: 'bad-address' } });
    expect(encodeLineToJson('[1]').ok).toBe(false);
  });
  it('encode: 8-bit data with ports decodes back to data and ports', () => {
    const r = encodeLineToJson('{"to":"+1","data":"0102A0FF","ports":{"destination":2948,"source":9200}}');
    const hex = (r.json as { parts: { hex: string }[] }).parts[0]!.hex;
    expect(decodeLineToJson(hex).json).toMatchObject({
      encoding: '8bit',
      text: null,
      data: '0102A0FF',
      ports: { destination: 2948, source: 9200 },
    });
  });
});
