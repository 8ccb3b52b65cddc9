import { describe, expect, it } from 'vitest';
import { MailboxError } from './errors';
import { normaliseNumber, tryNormaliseNumber } from './phone';

describe('normaliseNumber', () => {
  it('writes numbers in E.164 whatever the spacing', () => {
    expect(normaliseNumber('+1 (415) 555-0101')).toBe('+14155550101');
    expect(normaliseNumber('+44 7700 900123')).toBe('+447700900123');
    expect(normaliseNumber('00447700900123', 'GB')).toBe('+447700900123');
  });

  it('reads national numbers in the given country', () => {
    expect(normaliseNumber('07700 900123', 'GB')).toBe('+447700900123');
    expect(normaliseNumber('030 1234567', 'DE')).toBe('+49301234567');
  });

  it('refuses what cannot be a number, with a typed error', () => {
    for (const bad of ['', 'hello', '+1 555', '07700 900123', "'; DROP TABLE accounts; --", '1'.repeat(41)]) {
      expect(() => normaliseNumber(bad)).toThrow(MailboxError);
      expect(tryNormaliseNumber(bad)).toBeUndefined();
    }
  });
});
