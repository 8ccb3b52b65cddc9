/** Pure choices: storage, +CNMI routing, quirk records, USSD packing, send classification. */
import { describe, expect, it } from 'vitest';
import { AtTimeoutError, CancelledError, CmsError, PortClosedError, parseCnmiTest, parseCpmsTest } from '../at/index';
import { quirksFor } from './quirks';
import { classifySendError } from './send';
import { chooseCnmi, chooseStorage } from './setup';
import { packUssdHex } from './ussd';

const cpms = (line: string) => {
  const r = parseCpmsTest(line);
  if (!r.ok) throw r.error;
  return r.value;
};
const cnmi = (line: string) => {
  const r = parseCnmiTest(line);
  if (!r.ok) throw r.error;
  return r.value;
};

describe('chooseStorage', () => {
  it('prefers the SIM for new messages and sweeps each real store once', () => {
    expect(chooseStorage(cpms('+CPMS: ("ME","MT","SM","SR"),("ME","MT","SM"),("ME","SM")'), ['SM', 'ME', 'MT'])).toEqual({
      receive: 'SM',
      sweep: ['ME', 'SM', 'SR'],
    });
  });
  it('takes phone memory when that is all there is (phones)', () => {
    expect(chooseStorage(cpms('+CPMS: ("ME"),("ME"),("ME")'), ['SM', 'ME', 'MT'])).toEqual({ receive: 'ME', sweep: ['ME'] });
  });
  it('reads "MT" only when neither SM nor ME is offered alone', () => {
    expect(chooseStorage(cpms('+CPMS: ("MT"),("MT"),("MT")'), ['SM', 'ME', 'MT'])).toEqual({ receive: 'MT', sweep: ['MT'] });
  });
});

describe('chooseCnmi', () => {
  const standard = cnmi('+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)');
  it('stores and announces messages, stores reports when there is a place for them', () => {
    expect(chooseCnmi(standard, { preferDirect: false, cnma: true, reportsStorable: true })).toEqual({
      values: [2, 1, 0, 2, 0],
      receive: 'store',
      reports: 'store',
    });
  });
  it('routes reports directly when no store keeps them', () => {
    expect(chooseCnmi(standard, { preferDirect: false, cnma: true, reportsStorable: false }).values).toEqual([2, 1, 0, 1, 0]);
  });
  it('uses direct delivery only with +CNMA, since the modem would otherwise acknowledge on its own', () => {
    expect(chooseCnmi(standard, { preferDirect: true, cnma: true, reportsStorable: true }).receive).toBe('direct');
    expect(chooseCnmi(standard, { preferDirect: true, cnma: false, reportsStorable: true }).receive).toBe('store');
    expect(chooseCnmi(cnmi('+CNMI: (0-2),(0,2),(0),(0),(0)'), { preferDirect: false, cnma: false, reportsStorable: false })).toEqual({
      values: [2, 0, 0, 0, 0],
      receive: 'poll',
      reports: 'none',
    });
  });
  it('falls back to mode 1 and polls when the modem announces nothing', () => {
    expect(chooseCnmi(cnmi('+CNMI: (1),(1),(0),(0),(0)'), { preferDirect: false, cnma: false, reportsStorable: false }).values).toEqual([
      1, 1, 0, 0, 0,
    ]);
    expect(chooseCnmi(cnmi('+CNMI: (0),(0),(0),(0),(0)'), { preferDirect: false, cnma: false, reportsStorable: false }).receive).toBe(
      'poll',
    );
  });
});

describe('quirksFor', () => {
  it('matches families by manufacturer and keeps the defaults for the rest', () => {
    expect(quirksFor({ manufacturer: 'huawei', model: 'E173' })).toMatchObject({
      id: 'huawei',
      noticesPort: 'last',
      ussdEncoding: 'gsm7-packed-hex',
    });
    expect(quirksFor({ manufacturer: 'Quectel', model: 'EC25' })).toMatchObject({
      id: 'quectel',
      statusReportStore: 'SR',
      supportsCnma: true,
    });
    expect(quirksFor({ manufacturer: 'WAVECOM MODEM', model: 'MULTIBAND  900E  1800' })).toMatchObject({
      cpinWithoutFinal: true,
      hangupCommand: 'ATH',
    });
    expect(quirksFor({ manufacturer: 'Telit', model: 'HE910' })).toMatchObject({ id: 'standard', statusReportStore: 'announced' });
  });
});

describe('packUssdHex', () => {
  it('packs a code as Huawei sticks take it', () => {
    // Source: https://github.com/wdoekes/asterisk-chan-dongle/issues/116 (AT+CUSD=1,"AA182C3602",15 on a Huawei stick)
    expect(packUssdHex('*101#')).toBe('AA182C3602');
  });
  it('pads seven septets with CR so the receiver does not read an "@" (TS 23.038 §6.1.2.3.1)', () => {
    expect(packUssdHex('*123*1#').length).toBe(14);
    expect(packUssdHex('*123*1#').endsWith('1A')).toBe(true);
  });
});

describe('classifySendError', () => {
  it('sorts modem answers into transient, permanent and ambiguous', () => {
    expect(classifySendError(new CmsError(42, '+CMS ERROR: 42'), true, 1)).toMatchObject({ kind: 'transient', cms: 42 });
    expect(classifySendError(new CmsError(1, '+CMS ERROR: 1'), true, 2)).toMatchObject({
      kind: 'permanent',
      part: 2,
      reason: 'The recipient number does not exist.',
    });
    expect(classifySendError(new CmsError(332, '+CMS ERROR: 332'), true, 1)).toMatchObject({ kind: 'ambiguous', cms: 332 });
    expect(classifySendError(new CmsError(332, '+CMS ERROR: 332'), false, 1)).toMatchObject({ kind: 'transient' });
    expect(classifySendError(new AtTimeoutError('payload', 1000), true, 1).kind).toBe('ambiguous');
    expect(classifySendError(new AtTimeoutError('prompt', 1000), false, 1).kind).toBe('transient');
    expect(classifySendError(new PortClosedError(), true, 1).kind).toBe('ambiguous');
    expect(classifySendError(new PortClosedError(), false, 1).kind).toBe('transient');
    expect(classifySendError(new CancelledError('x', 'AT+CMGS=23', true), false, 1).kind).toBe('ambiguous');
    expect(classifySendError(new CancelledError('x', 'AT+CMGS=23', false), false, 1).kind).toBe('cancelled');
  });
});
