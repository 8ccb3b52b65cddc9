import { describe, expect, it } from 'vitest';
import { gsm7Codec, septetsToText, textToSeptets } from '../gsm7';
import { NATIONAL_LANGUAGES, nationalLanguageId, nationalTables } from './index';

describe('national language tables (TS 23.038 Annex A)', () => {
  it('has all 13 languages with their identifiers (§6.2.1.2.4)', () => {
    expect(NATIONAL_LANGUAGES).toEqual([
      'turkish',
      'spanish',
      'portuguese',
      'bengali',
      'gujarati',
      'hindi',
      'kannada',
      'malayalam',
      'oriya',
      'punjabi',
      'tamil',
      'telugu',
      'urdu',
    ]);
    expect(nationalLanguageId('urdu')).toBe(13);
    expect(nationalTables(2)!.locking).toBeNull();
  });
  it('spot checks against the spec tables', () => {
    const tr = nationalTables(1)!;
    expect(tr.locking![0x07]).toBe('ı');
    expect(tr.locking![0x40]).toBe('İ');
    expect(tr.single![0x53]).toBe('Ş');
    expect(nationalTables(2)!.single![0x09]).toBe('ç');
    const pt = nationalTables(3)!;
    expect(pt.locking![0x12]).toBe('ª');
    expect(pt.single![0x5b]).toBe('Ã');
    expect(nationalTables(6)!.locking![0x00]).toBe('\u0901');
  });
  it('every table round-trips all of its characters', () => {
    for (let id = 1; id <= 13; id++) {
      const t = nationalTables(id)!;
      const codec = gsm7Codec(t.locking ? id : 0, id);
      const chars = new Set<string>();
      for (let s = 0; s < 128; s++) {
        if (s === 0x1b) continue;
        const b = codec.base[s];
        if (b !== undefined) chars.add(b);
        const e = codec.ext[s];
        if (e !== undefined) chars.add(e);
      }
      const text = [...chars].join('');
      const septets = textToSeptets(text, codec);
      expect(septets, `language ${id}`).not.toBeNull();
      expect(septetsToText(septets!, codec)).toBe(text);
    }
  });
});
