import { describe, expect, it } from 'vitest';
import { plainSnippet, splitHits } from './hits';

const S = '\u0001';
const E = '\u0002';

describe('splitHits', () => {
  it('splits a snippet into text and hit pieces', () => {
    expect(splitHits(`…see the ${S}zeppelin${E} at ${S}noon${E}`)).toEqual([
      { text: '…see the ', hit: false },
      { text: 'zeppelin', hit: true },
      { text: ' at ', hit: false },
      { text: 'noon', hit: true },
    ]);
  });
  it('keeps markup as text: it is never interpreted', () => {
    expect(splitHits(`<b>${S}x${E}</b>`)).toEqual([
      { text: '<b>', hit: false },
      { text: 'x', hit: true },
      { text: '</b>', hit: false },
    ]);
  });
  it('joins neighbouring hits and drops empty ones', () => {
    expect(splitHits(`${S}a${E}${S}b${E}${S}${E}c`)).toEqual([
      { text: 'ab', hit: true },
      { text: 'c', hit: false },
    ]);
  });
  it('survives unbalanced markers: an unclosed hit runs to the end, a stray end is dropped', () => {
    expect(splitHits(`a${S}b`)).toEqual([
      { text: 'a', hit: false },
      { text: 'b', hit: true },
    ]);
    expect(splitHits(`a${E}b${S}${S}c${E}${E}`)).toEqual([
      { text: 'ab', hit: false },
      { text: 'c', hit: true },
    ]);
    expect(splitHits('')).toEqual([]);
    expect(splitHits(`${S}${E}${E}`)).toEqual([]);
  });
  it('keeps surrogate pairs and combining marks whole', () => {
    expect(splitHits(`🚚${S}é${E}`)).toEqual([
      { text: '🚚', hit: false },
      { text: 'é', hit: true },
    ]);
  });
  it('gives the plain text for names and labels', () => {
    expect(plainSnippet(`a ${S}b${E} c`)).toBe('a b c');
  });
});
