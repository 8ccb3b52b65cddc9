import { describe, expect, it } from 'vitest';
import { createAddressNormaliser, normaliseAddress } from './address';

describe('normaliseAddress', () => {
  it('writes phone numbers as E.164, reading national numbers in the default country', () => {
    expect(normaliseAddress('0170 1234567', 'DE')).toBe('+491701234567');
    expect(normaliseAddress('+49 (170) 123-4567', 'DE')).toBe('+491701234567');
    expect(normaliseAddress('0049 170 1234567', 'FR')).toBe('+491701234567');
    expect(normaliseAddress('(650) 253-0000', 'US')).toBe('+16502530000');
  });

  it('keeps alphanumeric senders, short codes and service codes as written', () => {
    expect(normaliseAddress(' DHL  Express ', 'DE')).toBe('DHL Express');
    expect(normaliseAddress('22333', 'DE')).toBe('22333');
    expect(normaliseAddress('*100#', 'DE')).toBe('*100#');
  });

  it('keeps national numbers as digits when no country is set', () => {
    expect(normaliseAddress('0170 1234567')).toBe('01701234567');
  });

  it('refuses an empty address', () => {
    expect(() => normaliseAddress('  ')).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }));
  });

  it('follows a change of the default country', () => {
    const n = createAddressNormaliser('DE');
    expect(n.normalise('0612345678')).toBe('+49612345678');
    n.setDefaultCountry('FR');
    expect(n.normalise('0612345678')).toBe('+33612345678');
  });
});
