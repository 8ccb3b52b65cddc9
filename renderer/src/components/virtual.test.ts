import { describe, expect, it } from 'vitest';
import { appends, ListWindow, rowAt, rowOffsets, windowRange } from './virtual';

describe('windowing arithmetic', () => {
  const keys = ['a', 'b', 'c', 'd', 'e'];
  const offsets = rowOffsets(keys, new Map([['b', 100]]), () => 10);

  it('sums measured heights and estimates into row offsets', () => {
    expect([...offsets]).toEqual([0, 10, 110, 120, 130, 140]);
  });
  it('finds the row at a position', () => {
    expect(rowAt(offsets, 5, 0)).toBe(0);
    expect(rowAt(offsets, 5, 9.9)).toBe(0);
    expect(rowAt(offsets, 5, 10)).toBe(1);
    expect(rowAt(offsets, 5, 109)).toBe(1);
    expect(rowAt(offsets, 5, 135)).toBe(4);
    expect(rowAt(offsets, 5, 10_000)).toBe(4);
    expect(rowAt(new Float64Array(1), 0, 5)).toBe(0);
  });
  it('renders the rows in view plus the overscan, padding for the rest', () => {
    expect(windowRange(offsets, 5, 115, 10, 0)).toEqual({ start: 2, end: 4, padTop: 110, padBottom: 10 });
    expect(windowRange(offsets, 5, 115, 10, 20)).toEqual({ start: 1, end: 5, padTop: 10, padBottom: 0 });
    expect(windowRange(offsets, 0, 0, 500, 100)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
  it('stays cheap for 100,000 rows', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `k${i}`);
    const began = performance.now();
    const o = rowOffsets(many, new Map(), () => 64);
    const range = windowRange(o, many.length, 64 * 50_000, 800, 512);
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(range.end - range.start).toBeLessThan(40);
    expect(range.padTop + (range.end - range.start) * 64 + range.padBottom).toBe(6_400_000);
  });
});

describe('a list that grows page by page', () => {
  it('tells an appended page from any other change', () => {
    expect(appends(['a', 'b'], ['a', 'b', 'c'])).toBe(true);
    expect(appends(['a', 'b'], ['x', 'a', 'b'])).toBe(false); // prepended
    expect(appends(['a', 'b'], ['a', 'x', 'c'])).toBe(false); // changed inside
    expect(appends(['a', 'b'], ['a', 'b'])).toBe(false); // nothing added
    expect(appends([], ['a'])).toBe(false); // a first page is laid out whole
  });

  it('lays out appended rows as a list built whole would, and a reorder afresh', () => {
    const estimate = (i: number): number => 20 + (i % 3);
    const first = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const grown = [...first, ...Array.from({ length: 50 }, (_, i) => `k${100 + i}`)];
    const paged = new ListWindow();
    paged.windowFor(first, estimate);
    const afterAppend = paged.windowFor(grown, estimate);
    const whole = new ListWindow().windowFor(grown, estimate);
    expect(afterAppend).toEqual(whole);
    expect(afterAppend.padBottom).toBe(
      [...rowOffsets(grown, new Map(), estimate)].at(-1)! - rowOffsets(grown, new Map(), estimate)[afterAppend.end]!,
    );

    // A row moved to the top (a conversation with a new message) is not an append.
    const moved = ['k149', ...grown.slice(0, 149)];
    expect(paged.windowFor(moved, estimate)).toEqual(new ListWindow().windowFor(moved, estimate));
  });
});
