import { describe, expect, it } from 'vitest';
import { decodeAddress, decodeSmsc, encodeAddress, encodeSmsc } from './address';
import { PduEncodeError } from './errors';

describe('addresses (TS 23.040 §9.1.2.5)', () => {
  // Expected bytes: ModemManager test-sms-part-3gpp.c address encoder tests.
  it('encodes international and unknown-TON numbers', () => {
    expect(encodeAddress({ number: '+19037029920' })).toEqual([0x0b, 0x91, 0x91, 0x30, 0x07, 0x92, 0x29, 0xf0]);
    expect(encodeAddress({ number: '9037029920' })).toEqual([0x0a, 0x81, 0x09, 0x73, 0x20, 0x99, 0x02]);
    expect(encodeSmsc('+19037029920')).toEqual([0x07, 0x91, 0x91, 0x30, 0x07, 0x92, 0x29, 0xf0]);
    expect(encodeSmsc(undefined)).toEqual([0]);
  });
  it('encodes short codes, national TON and * # digits', () => {
    expect(encodeAddress({ number: '1234' })).toEqual([4, 0x81, 0x21, 0x43]);
    expect(encodeAddress({ number: '0301234', ton: 'national' })).toEqual([7, 0xa1, 0x30, 0x10, 0x32, 0xf4]);
    expect(encodeAddress({ number: '*100#' })).toEqual([5, 0x81, 0x1a, 0x00, 0xfb]);
  });
  it('ignores separators people type, rejects letters and empty numbers', () => {
    expect(encodeAddress({ number: '+49 (30) 123-45' })).toEqual(encodeAddress({ number: '+493012345' }));
    expect(() => encodeAddress({ number: '12a4x' })).toThrow(PduEncodeError);
    expect(() => encodeAddress({ number: '' })).toThrow(PduEncodeError);
    expect(() => encodeAddress({ number: '1'.repeat(21) })).toThrow(PduEncodeError);
  });
  it('round-trips alphanumeric addresses', () => {
    const bytes = Uint8Array.from(encodeAddress({ number: 'SMSDesk', ton: 'alphanumeric' }));
    const { address, next } = decodeAddress(bytes, 0);
    expect(address).toEqual({ text: 'SMSDesk', ton: 'alphanumeric', npi: 0 });
    expect(next).toBe(bytes.length);
  });
  it('bounds lengths: more than 20 digits and cut-short fields are typed errors', () => {
    expect(() => decodeAddress(Uint8Array.of(21, 0x91), 0)).toThrowError(expect.objectContaining({ code: 'bad-length', offset: 0 }));
    expect(() => decodeAddress(Uint8Array.of(4, 0x91, 0x21), 0)).toThrowError(expect.objectContaining({ code: 'truncated', offset: 2 }));
    expect(() => decodeSmsc(Uint8Array.of(12), 0)).toThrowError(expect.objectContaining({ code: 'bad-length' }));
  });
});
