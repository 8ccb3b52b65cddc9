import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { hexToBytes } from './hex';
import { assemble } from './reassembly';
import { encodeSubmit } from './submit';
import type { SmsSubmit } from './types';

const decodeAll = (hexes: readonly { hex: string }[]) => hexes.map((p) => decodePdu(p.hex) as SmsSubmit);

describe('SMS-SUBMIT encoder options (TS 23.040 §9.2.2.2)', () => {
  it('status report, reject duplicates, reply path set their first-octet bits', () => {
    const r = encodeSubmit({ to: '+4915112345678', text: 'hi', statusReport: true, rejectDuplicates: true, replyPath: true });
    const fo = hexToBytes(r.parts[0]!.hex)[1]!;
    expect(fo & 0x03).toBe(0x01);
    expect(fo & 0x20).toBe(0x20);
    expect(fo & 0x04).toBe(0x04);
    expect(fo & 0x80).toBe(0x80);
    const d = decodeAll(r.parts)[0]!;
    expect(d).toMatchObject({ statusReportRequest: true, rejectDuplicates: true, replyPath: true });
  });
  it('flash is class 0; classes 1-3 go into the DCS', () => {
    expect(decodeAll(encodeSubmit({ to: '123', text: 'x', flash: true }).parts)[0]!.dcs.messageClass).toBe(0);
    expect(decodeAll(encodeSubmit({ to: '123', text: 'Ж', messageClass: 2 }).parts)[0]!.dcs).toMatchObject({
      messageClass: 2,
      alphabet: 'ucs2',
    });
    expect(() => encodeSubmit({ to: '123', text: 'x', flash: true, messageClass: 1 })).toThrowError(
      expect.objectContaining({ code: 'bad-option' }),
    );
  });
  it('relative validity rounds up to the next value the table can express', () => {
    const v = (minutes: number) =>
      decodeAll(encodeSubmit({ to: '1', text: 'x', validity: { type: 'relative', minutes } }).parts)[0]!.validity;
    expect(v(5)).toEqual({ type: 'relative', minutes: 5 });
    expect(v(7)).toEqual({ type: 'relative', minutes: 10 });
    expect(v(13 * 60)).toEqual({ type: 'relative', minutes: 13 * 60 });
    expect(v(2 * 1440 + 1)).toEqual({ type: 'relative', minutes: 3 * 1440 });
    expect(v(6 * 7 * 1440)).toEqual({ type: 'relative', minutes: 6 * 7 * 1440 });
    expect(() => v(0)).toThrowError(expect.objectContaining({ code: 'bad-option' }));
  });
  it('absolute and enhanced validity', () => {
    const a = decodeAll(
      encodeSubmit({ to: '1', text: 'x', validity: { type: 'absolute', date: new Date('2026-12-24T18:00:00Z'), offsetMinutes: 60 } }).parts,
    )[0]!;
    expect(a.validity).toMatchObject({ type: 'absolute', timestamp: { iso: '2026-12-24T19:00:00+01:00' } });
    const e = decodeAll(encodeSubmit({ to: '1', text: 'x', validity: { type: 'enhanced', seconds: 90, singleShot: true } }).parts)[0]!;
    expect(e.validity).toEqual({ type: 'enhanced', seconds: 90, singleShot: true });
    const h = decodeAll(encodeSubmit({ to: '1', text: 'x', validity: { type: 'enhanced', seconds: 3723 } }).parts)[0]!;
    expect(h.validity).toEqual({ type: 'enhanced', seconds: 3723, singleShot: false });
  });
  it('8-bit data with 16-bit port addressing, split at 134 octets', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const r = encodeSubmit({ to: '+123456', data, ports: { destination: 2948, source: 9200 }, reference: 9 });
    expect(r.encoding).toBe('8bit');
    expect(r.segments).toBe(3);
    const parts = decodeAll(r.parts);
    for (const p of parts) {
      expect(p.userData.ports).toEqual({ destination: 2948, source: 9200, bits: 16 });
      expect(p.dcs.alphabet).toBe('8bit');
    }
    const a = assemble(parts);
    expect(a.status === 'complete' && [...a.data]).toEqual([...data]);
  });
  it('concatenation: 8-bit ref by default, 16-bit on request, fill bits after the UDH', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(8);
    for (const concat16 of [false, true]) {
      const r = encodeSubmit({ to: '+1', text, concat16, reference: 200 });
      const parts = decodeAll(r.parts);
      expect(parts.map((p) => p.userData.concat)).toEqual(
        parts.map((_, i) => ({ ref: 200, refBits: concat16 ? 16 : 8, part: i + 1, total: parts.length })),
      );
      const a = assemble(parts);
      expect(a.status === 'complete' && a.text).toBe(text);
      expect(r.parts.every((p) => p.reference === 200 && p.total === parts.length)).toBe(true);
    }
  });
  it('tpduLength excludes the SMSC prefix', () => {
    const r = encodeSubmit({ to: '+1', text: 'x', smsc: '+4917', statusReport: true });
    const p = r.parts[0]!;
    const smscOctets = hexToBytes(p.hex)[0]! + 1;
    expect(p.tpduLength).toBe(p.hex.length / 2 - smscOctets);
  });
  it('up to 255 parts, then a typed error', () => {
    expect(encodeSubmit({ to: '1', text: 'a'.repeat(153 * 255) }).segments).toBe(255);
    expect(() => encodeSubmit({ to: '1', text: 'a'.repeat(153 * 255 + 1) })).toThrowError(expect.objectContaining({ code: 'too-long' }));
    expect(() => encodeSubmit({ to: '1', text: 'x', reference: 256 })).toThrowError(expect.objectContaining({ code: 'bad-option' }));
  });
  it('national language shift: UDH elements and round trip (TS 23.038 Annex A)', () => {
    const text = 'Çalışkan öğrenciler ğüşiöç İĞÜŞÖÇ '.repeat(6);
    const r = encodeSubmit({ to: '+90555', text, languages: ['turkish'] });
    expect(r.encoding).toBe('gsm7');
    const parts = decodeAll(r.parts);
    expect(parts[0]!.userData.udh.some((e) => e.type === 'locking-shift' || e.type === 'single-shift')).toBe(true);
    const a = assemble(parts);
    expect(a.status === 'complete' && a.text).toBe(text);
  });
});
