import { describe, expect, it } from 'vitest';
import { decodeDcs, encodeDcs } from './dcs';

describe('data coding scheme (TS 23.038 §4)', () => {
  it('general group: alphabet, class, compression, auto-deletion', () => {
    expect(decodeDcs(0x00)).toMatchObject({ alphabet: 'gsm7', messageClass: null, compressed: false });
    expect(decodeDcs(0x08)).toMatchObject({ alphabet: 'ucs2', messageClass: null });
    expect(decodeDcs(0x10)).toMatchObject({ alphabet: 'gsm7', messageClass: 0 });
    expect(decodeDcs(0x16)).toMatchObject({ alphabet: '8bit', messageClass: 2 });
    expect(decodeDcs(0x2a)).toMatchObject({ alphabet: 'ucs2', compressed: true });
    expect(decodeDcs(0x4b)).toMatchObject({ alphabet: 'ucs2', autoDelete: true, messageClass: null });
    // Reserved alphabet 11 reads as GSM 7-bit.
    expect(decodeDcs(0x0c).alphabet).toBe('gsm7');
  });
  it('message waiting groups', () => {
    expect(decodeDcs(0xc8)).toMatchObject({ alphabet: 'gsm7', waiting: { active: true, kind: 'voicemail', store: false } });
    expect(decodeDcs(0xd1)).toMatchObject({ alphabet: 'gsm7', waiting: { active: false, kind: 'fax', store: true } });
    expect(decodeDcs(0xea)).toMatchObject({ alphabet: 'ucs2', waiting: { active: true, kind: 'email', store: true } });
  });
  it('group 1111 and reserved groups', () => {
    expect(decodeDcs(0xf0)).toMatchObject({ alphabet: 'gsm7', messageClass: 0 });
    expect(decodeDcs(0xf5)).toMatchObject({ alphabet: '8bit', messageClass: 1 });
    expect(decodeDcs(0x80)).toMatchObject({ alphabet: 'gsm7', messageClass: null });
  });
  it('encodes class only when asked', () => {
    expect(encodeDcs('gsm7', null)).toBe(0x00);
    expect(encodeDcs('ucs2', 0)).toBe(0x18);
    expect(encodeDcs('8bit', 1)).toBe(0x15);
  });
});
