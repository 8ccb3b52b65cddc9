import { describe, expect, it } from 'vitest';
import { decodeTimestamp, encodeTimestamp } from './scts';

const ts = (hex: string) => decodeTimestamp(Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))), 0);

describe('time stamps (TS 23.040 §9.2.3.11)', () => {
  it('reads positive and negative zones', () => {
    expect(ts('99309251619580').iso).toBe('1999-03-29T15:16:59+02:00');
    expect(ts('1120821105050A').iso).toBe('2011-02-28T11:50:50-05:00');
    // India, +05:30 = 22 quarters.
    expect(ts('62112181153022').iso).toBe('2026-11-12T18:51:03+05:30');
  });
  it('reads a non-decimal zone digit by value and flags it', () => {
    const t = ts('621121811530A0');
    expect(t.zoneValid).toBe(false);
    expect(t.offsetMinutes).toBe(10 * 15);
    expect(t.iso).toBe('2026-11-12T18:51:03+02:30');
  });
  it('gives a null ISO time for impossible dates but keeps the raw octets', () => {
    const t = ts('62316281153000');
    expect(t.iso).toBeNull();
    expect(t.raw).toBe('62316281153000');
  });
  it('encodes what it decodes', () => {
    const bytes = encodeTimestamp(new Date('2026-11-23T12:00:00Z'), -210);
    const t = decodeTimestamp(Uint8Array.from(bytes), 0);
    expect(t.iso).toBe('2026-11-23T08:30:00-03:30');
  });
});
