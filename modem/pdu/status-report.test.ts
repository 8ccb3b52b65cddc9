import { describe, expect, it } from 'vitest';
import { decodePdu } from './decode';
import { statusOutcome, statusText } from './status-report';

describe('status reports (TS 23.040 §9.2.2.3, TP-ST §9.2.3.15)', () => {
  it('classifies TP-ST into delivered / pending / failed', () => {
    expect([0x00, 0x01, 0x02, 0x10, 0x1f].map(statusOutcome)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
    expect([0x20, 0x25, 0x30, 0x3f].map(statusOutcome)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect([0x40, 0x46, 0x5f, 0x60, 0x65, 0x7f].map(statusOutcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    // Reserved values are treated as "service rejected" (a failure).
    expect([0x03, 0x26, 0x4a, 0x66, 0x80, 0xff].map(statusOutcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(statusText(0x46)).toBe('Validity period expired');
  });

  // Built field by field: SMSC +4915, MR 0x2A, RA +491701234567, SCTS and DT in +01:00 and -03:00.
  const base = '0491945100' + '06' + '2A' + '0C91' + '947110325476' + '62113221430040' + '62113221432059';
  it('decodes reference, recipient, both times and the status', () => {
    const m = decodePdu(base + '00');
    if (m.type !== 'status-report') throw new Error('status report expected');
    expect(m.messageReference).toBe(0x2a);
    expect(m.address.text).toBe('+491701234567');
    expect(m.serviceCentreTime.iso).toBe('2026-11-23T12:34:00+01:00');
    expect(m.dischargeTime.iso).toBe('2026-11-23T12:34:02-03:45');
    expect(m.status).toBe(0);
    expect(m.outcome).toBe('delivered');
  });
  it('accepts TP-PI with PID, DCS and user data', () => {
    const m = decodePdu(base + '46' + '07' + '00' + '00' + '02' + 'E834');
    if (m.type !== 'status-report') throw new Error('status report expected');
    expect(m.outcome).toBe('failed');
    expect(m.pid).toBe(0);
    expect(m.userData?.text).toBe('hi');
  });
  it('a TP-PI announcing fields that are missing is truncated', () => {
    expect(() => decodePdu(base + '00' + '07', { smsc: 'present' })).toThrowError(expect.objectContaining({ code: 'truncated' }));
  });
});
