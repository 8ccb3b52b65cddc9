import { describe, expect, it } from 'vitest';
import { daysAgo, localDayKey, withDays } from './days';

describe('day separators', () => {
  it('key a time by its local calendar day', () => {
    expect(localDayKey(new Date(2024, 0, 5, 0, 0))).toBe('2024-01-05');
    expect(localDayKey(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31');
    expect(localDayKey(new Date(999, 1, 3, 12))).toBe('0999-02-03');
  });
  it('mark the first message of each day, oldest first', () => {
    const at = (d: Date) => d.toISOString();
    const items = [
      new Date(2024, 0, 1, 23, 58),
      new Date(2024, 0, 1, 23, 59),
      new Date(2024, 0, 2, 0, 1),
      new Date(2024, 0, 2, 12),
      new Date(2024, 2, 1, 8),
    ].map(at);
    expect(withDays(items, (i) => i).map((r) => r.day)).toEqual(['2024-01-01', null, '2024-01-02', null, '2024-03-01']);
    expect(withDays([], (i: string) => i)).toEqual([]);
  });
  it('use the day function given (another time zone)', () => {
    const utcDay = (d: Date) => d.toISOString().slice(0, 10);
    const rows = withDays(['2024-01-01T23:30:00.000Z', '2024-01-02T00:30:00.000Z'], (i) => i, utcDay);
    expect(rows.map((r) => r.day)).toEqual(['2024-01-01', '2024-01-02']);
  });
  it('count days between keys across months, years and a leap day', () => {
    expect(daysAgo('2024-03-01', '2024-03-01')).toBe(0);
    expect(daysAgo('2024-02-29', '2024-03-01')).toBe(1);
    expect(daysAgo('2023-12-31', '2024-01-01')).toBe(1);
    expect(daysAgo('2023-03-01', '2024-03-01')).toBe(366);
    expect(daysAgo('2024-03-02', '2024-03-01')).toBe(-1);
  });
});
