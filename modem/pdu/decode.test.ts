import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { PduDecodeError } from './errors';
import { encodeAddress } from './address';
import { bytesToHex } from './hex';

const DELIVER = '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37';

describe('decodePdu: SMSC prefix and errors', () => {
  it('reads the same TPDU with and without the SMSC prefix', () => {
    const withPrefix = decodePdu(DELIVER);
    const without = decodePdu(DELIVER.slice(16));
    expect(withPrefix.smsc?.text).toBe('+27381000015');
    expect(without.smsc).toBeNull();
    expect(without.type === 'deliver' && without.userData.text).toBe('hellohello');
    expect(decodePdu(DELIVER.slice(16), { tpduLength: DELIVER.length / 2 - 8 }).type).toBe('deliver');
    expect(decodePdu(DELIVER, { tpduLength: DELIVER.length / 2 - 8 }).smsc?.text).toBe('+27381000015');
  });
  it('bad hex, empty and oversized input are typed errors with offsets', () => {
    expect(() => decodePdu('0G')).toThrowError(expect.objectContaining({ code: 'bad-hex', offset: 0 }));
    expect(() => decodePdu('001')).toThrowError(expect.objectContaining({ code: 'bad-hex' }));
    expect(() => decodePdu('')).toThrowError(expect.objectContaining({ code: 'truncated', offset: 0 }));
    expect(() => decodePdu('00'.repeat(200))).toThrowError(expect.objectContaining({ code: 'bad-length' }));
  });
  it('every truncation of a valid PDU is a typed error, never a wrong message', () => {
    for (let n = 1; n < DELIVER.length / 2; n++) {
      const cut = DELIVER.slice(0, n * 2);
      try {
        const m = decodePdu(cut);
        // A prefix can only be accepted when it is itself a complete, consistent PDU.
        expect(m.type === 'deliver' && m.userData.text !== 'hellohello').toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(PduDecodeError);
      }
    }
  });
  it('trailing bytes after the user data are rejected (bad-length)', () => {
    expect(() => decodePdu(DELIVER + '00', { smsc: 'present' })).toThrowError(expect.objectContaining({ code: 'bad-length' }));
  });
  it('reserved TP-MTI 11 is unsupported', () => {
    expect(() => decodePdu('0003', { smsc: 'present' })).toThrowError(expect.objectContaining({ code: 'unsupported', offset: 1 }));
  });
  it('compressed user data is reported as unsupported, not garbled', () => {
    // SMS-DELIVER, DCS 0x20 = compressed GSM 7-bit (TS 23.038 §4); TP-UDL then counts octets (TS 23.040 §9.2.3.16).
    const hex = '00040B916407281553F800209930925161958009' + 'E8329BFD4697D9EC37';
    const m = decodePdu(hex);
    expect(m.type === 'deliver' && m.userData).toMatchObject({ text: null, unsupported: 'compressed' });
  });
  it('message waiting indication DCS and an alphanumeric originator', () => {
    // SMS-DELIVER from "Voicemail"-like alphanumeric sender, DCS 0xC8 (discard, voicemail active).
    const oa = bytesToHex(encodeAddress({ number: 'Voicemail', ton: 'alphanumeric' }));
    const hex = '0004' + oa + '00C8993092516195800A' + 'E8329BFD4697D9EC37';
    const m = decodePdu(hex);
    if (m.type !== 'deliver') throw new Error('deliver expected');
    expect(m.address).toEqual({ text: 'Voicemail', ton: 'alphanumeric', npi: 0 });
    expect(m.dcs.waiting).toEqual({ active: true, kind: 'voicemail', store: false });
    expect(m.userData.text).toBe('hellohello');
  });
});
