import { describe, expect, it } from 'vitest';
import { decodeUssd, dcsIsGsm7, dcsIsUcs2, parseCusd } from './ussd';

describe('parseCusd', () => {
  it('reads status, string and DCS, with a comma inside the string (gammu/gammu issue #150)', () => {
    const line = '+CUSD: 2,"Pozostalo Ci 50,04zl do wykorzystania do 2018-09-04 23:59:59.",15';
    expect(parseCusd(line)).toEqual({
      ok: true,
      value: { m: 2, status: 'terminated', raw: 'Pozostalo Ci 50,04zl do wykorzystania do 2018-09-04 23:59:59.', dcs: 15 },
    });
  });

  it('reads a bare status "+CUSD: 4" (gammu/gammu issue #150)', () => {
    expect(parseCusd('+CUSD: 4')).toEqual({ ok: true, value: { m: 4, status: 'not-supported' } });
  });

  it('reads a string broken over lines, without DCS (Sony Ericsson Z710i, gammu/gammu issue #150)', () => {
    const text = `+CUSD: 0," Vash balans 968.98 r.\nDlya vas - nedelya besplatnogo SMS-obsh'eniya s drugom! Podkl.: *320#"`;
    expect(parseCusd(text)).toEqual({
      ok: true,
      value: { m: 0, status: 'done', raw: ` Vash balans 968.98 r.\nDlya vas - nedelya besplatnogo SMS-obsh'eniya s drugom! Podkl.: *320#` },
    });
  });

  it('rejects an unknown status or an unquoted string', () => {
    expect(parseCusd('+CUSD: 9').ok).toBe(false);
    expect(parseCusd('+CUSD: 0,abc,15').ok).toBe(false);
  });
});

describe('decodeUssd', () => {
  it('decodes UCS-2 hex that a modem printed under AT+CSCS="UCS2" with DCS 15 (gammu/gammu issue #358)', () => {
    const raw =
      '00480061007600690020006B0065007200650074003A0020003000460074002E002000460065006C007400F6006C007400F60074007400200065006700790065006E006C00650067003A0020003700370037003700460074';
    expect(decodeUssd(raw, 15)).toBe('Havi keret: 0Ft. Feltöltött egyenleg: 7777Ft');
    expect(decodeUssd(raw, 15, 'ucs2-hex')).toBe('Havi keret: 0Ft. Feltöltött egyenleg: 7777Ft');
  });

  it('decodes packed 7-bit hex: "AA182C3602" is "*101#" (warthog618/modem issue #5)', () => {
    expect(decodeUssd('AA182C3602', 15)).toBe('*101#');
    expect(decodeUssd('AA182C3602', 15, 'gsm7-packed-hex')).toBe('*101#');
  });

  it('decodes UCS-2 when the DCS says so (72), Cyrillic included', () => {
    expect(decodeUssd('041F04400438043204350442', 72)).toBe('Привет');
  });

  it('leaves text alone: plain text, digits that happen to be hex, or when the profile says text', () => {
    expect(decodeUssd('Balance 5.00', 15)).toBe('Balance 5.00');
    expect(decodeUssd('1234', 15)).toBe('1234');
    expect(decodeUssd('AA182C3602', 15, 'text')).toBe('AA182C3602');
  });

  it('classifies DCS values (TS 23.038 §5)', () => {
    expect(dcsIsUcs2(72)).toBe(true);
    expect(dcsIsUcs2(0x11)).toBe(true);
    expect(dcsIsUcs2(15)).toBe(false);
    expect(dcsIsGsm7(15)).toBe(true);
    expect(dcsIsGsm7(0x44)).toBe(false);
  });
});
