import { describe, expect, it } from 'vitest';
import { planText } from './plan';

describe('segment planner', () => {
  it('single-part limits: 160 septets, 70 UCS-2 units', () => {
    expect(planText('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', parts: 1, remaining: 0, perPart: 160 });
    expect(planText('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', parts: 2, perPart: 153, remaining: 153 * 2 - 161 });
    expect(planText('Ж'.repeat(70))).toMatchObject({ encoding: 'ucs2', parts: 1, remaining: 0 });
    expect(planText('Ж'.repeat(71))).toMatchObject({ encoding: 'ucs2', parts: 2, perPart: 67 });
  });
  it('16-bit references leave 152 septets / 66 units per part', () => {
    expect(planText('a'.repeat(400), { concat16: true })).toMatchObject({ parts: 3, perPart: 152 });
    expect(planText('Ж'.repeat(200), { concat16: true })).toMatchObject({ parts: 4, perPart: 66 });
  });
  it('counts extension characters as two septets and never splits an escape pair', () => {
    const p = planText('a'.repeat(152) + '€' + 'b');
    expect(p.units).toBe(155);
    expect(p.parts).toBe(1);
    const q = planText('a'.repeat(152) + '€'.repeat(5));
    expect(q.parts).toBe(2);
    // 152 + 2 would be 154 > 153: the euro moves whole to part 2.
    expect(q.starts).toEqual([0, 152]);
  });
  it('never splits a surrogate pair and reports the characters that forced UCS-2', () => {
    const text = 'x'.repeat(66) + '😀' + 'y'.repeat(10);
    const p = planText(text);
    expect(p.encoding).toBe('ucs2');
    expect(p.starts).toEqual([0, 66]);
    expect(p.nonGsmChars).toEqual(['😀']);
    expect(planText('Hi ça va? Жук Жук').nonGsmChars).toEqual(['ç', 'Ж', 'у', 'к']);
  });
  it('keeps a flag whole when that costs no extra part', () => {
    const text = 'x'.repeat(65) + '🇩🇪' + 'y'.repeat(20);
    const p = planText(text);
    expect(p.starts).toEqual([0, 65]);
  });
  it('uses a national table only when allowed and when it saves parts', () => {
    const turkish = 'Şişli’de buluşalım mı? Saat 19:00 uygun. '.replace('’', "'").repeat(3);
    expect(planText(turkish).encoding).toBe('ucs2');
    const p = planText(turkish, { languages: ['turkish'] });
    expect(p.encoding).toBe('gsm7');
    expect(p.parts).toBeLessThan(planText(turkish).parts);
    expect(p.singleShift === 1 || p.lockingShift === 1).toBe(true);
    // Plain GSM text stays on the default tables even when national tables are allowed.
    expect(planText('hello', { languages: ['turkish', 'spanish', 'portuguese'] })).toMatchObject({ lockingShift: 0, singleShift: 0 });
  });
  it('forced GSM 7-bit with a non-GSM character is a typed error', () => {
    expect(() => planText('Жук', { encoding: 'gsm7' })).toThrowError(expect.objectContaining({ code: 'bad-text' }));
  });
  it('empty text is one empty GSM part', () => {
    expect(planText('')).toMatchObject({ encoding: 'gsm7', parts: 1, units: 0, remaining: 160 });
  });
});
