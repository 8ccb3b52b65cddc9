import { describe, expect, it } from 'vitest';
import { packUssdHex, unpackUssdHex } from './ussd';

describe('USSD hex (packed GSM 7-bit)', () => {
  it('matches strings seen from real modems', () => {
    // AT+CUSD=1,"AA180C3602",15 is *100#, AA182C3602 is *101#
    // (asterisk-chan-dongle issue #116, warthog618/modem issue #5).
    expect(unpackUssdHex('AA180C3602')).toBe('*100#');
    expect(unpackUssdHex('AA182C3602')).toBe('*101#');
    expect(packUssdHex('*100#')).toBe('AA180C3602');
  });

  it('round-trips the GSM alphabet, including characters that differ from ASCII', () => {
    for (const text of ['Balance: 5.00 EUR', '@ $ £ ¥ è é', 'exactly7', 'sevenxx', '12345678', '']) {
      expect(unpackUssdHex(packUssdHex(text)!)).toBe(text);
    }
    expect(unpackUssdHex('not hex')).toBeNull();
    expect(packUssdHex('Привет')).toBeNull(); // not in the GSM alphabet
  });
});
