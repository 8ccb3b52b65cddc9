import { describe, expect, it } from 'vitest';
import { isSafeBreak, partEnd } from './grapheme';

describe('UCS-2 part boundaries', () => {
  it('never inside a surrogate pair', () => {
    expect(isSafeBreak('a😀', 2)).toBe(false);
    expect(isSafeBreak('a😀b', 3)).toBe(true);
  });
  it('keeps ZWJ sequences, skin tones, variation selectors and keycaps whole', () => {
    const family = '👨‍👩‍👧';
    for (let i = 1; i < family.length; i++) expect(isSafeBreak('x' + family + 'y', 1 + i)).toBe(false);
    expect(isSafeBreak('👍🏽', 2)).toBe(false);
    expect(isSafeBreak('❤️', 1)).toBe(false);
    expect(isSafeBreak('1\u20e3', 1)).toBe(false);
    expect(isSafeBreak('e\u0301', 1)).toBe(false); // e + combining acute
  });
  it('breaks between two flags but not inside one', () => {
    const flags = '🇩🇪🇯🇵';
    expect(isSafeBreak(flags, 2)).toBe(false);
    expect(isSafeBreak(flags, 4)).toBe(true);
    expect(isSafeBreak(flags, 6)).toBe(false);
  });
  it('partEnd backs off to a symbol boundary, or only past a surrogate when told not to look further', () => {
    const text = 'x'.repeat(5) + '🇩🇪' + 'y';
    expect(partEnd(text, 0, 7, 4)).toBe(5);
    expect(partEnd(text, 0, 8, 0)).toBe(7);
    expect(partEnd(text, 0, 6, 0)).toBe(5);
    expect(partEnd(text, 0, 100, 4)).toBe(text.length);
  });
});
