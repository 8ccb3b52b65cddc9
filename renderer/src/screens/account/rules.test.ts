import { describe, expect, it } from 'vitest';
import { clockOf, minutesOf, numbersOf, utcOffsetNow } from './rules';

describe('notice rule form helpers', () => {
  it('turns minutes into a clock and back', () => {
    expect(clockOf(0)).toBe('00:00');
    expect(clockOf(8 * 60 + 5)).toBe('08:05');
    expect(clockOf(1440)).toBe('24:00');
    expect(minutesOf('08:05')).toBe(485);
    expect(minutesOf('23:59')).toBe(1439);
    expect(minutesOf('24:00')).toBeUndefined();
    expect(minutesOf('7:61')).toBeUndefined();
    expect(minutesOf('')).toBeUndefined();
  });

  it('reads a typed list of numbers', () => {
    expect(numbersOf('+49 151 234, +49170;\n 0151 9')).toEqual(['+49151234', '+49170', '01519']);
    expect(numbersOf(' , ')).toEqual([]);
  });

  it('gives the offset east of UTC as positive minutes', () => {
    const date = { getTimezoneOffset: () => -60 } as Date;
    expect(utcOffsetNow(date)).toBe(60);
  });
});
