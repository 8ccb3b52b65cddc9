/** SMS-STATUS-REPORT, TS 23.040 §9.2.2.3, and TP-ST meaning, §9.2.3.15. */
import { decodeAddress, type Address } from './address';
import { decodeDcs, type Dcs } from './dcs';
import { PduDecodeError } from './errors';
import { decodeTimestamp } from './scts';
import type { DeliveryOutcome, SmsStatusReport } from './types';
import { decodeUserData, type UserData } from './user-data';

/**
 * §9.2.3.15: 0x00-0x1F completed, 0x20-0x3F temporary error with the SC still trying,
 * 0x40-0x5F permanent error, 0x60-0x7F temporary error with the SC no longer trying.
 * Reserved values inside a group "shall be treated as" 0x63 (service rejected) except
 * SC-specific ones (x10-x1F of each group), which keep their group's meaning.
 */
export function statusOutcome(st: number): DeliveryOutcome {
  if (st > 0x7f) return 'failed';
  const group = st >> 5;
  const low = st & 0x1f;
  const defined = [0x02, 0x05, 0x09, 0x05][group]!;
  if (low > defined && low < 0x10) return 'failed';
  switch (group) {
    case 0:
      return 'delivered';
    case 1:
      return 'pending';
    default:
      return 'failed';
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  0x00: 'Received by the recipient',
  0x01: 'Forwarded, delivery not confirmed',
  0x02: 'Replaced by the service centre',
  0x20: 'Congestion, still trying',
  0x21: 'Recipient busy, still trying',
  0x22: 'No response from recipient, still trying',
  0x23: 'Service rejected, still trying',
  0x24: 'Quality of service not available, still trying',
  0x25: 'Error in recipient, still trying',
  0x40: 'Remote procedure error',
  0x41: 'Incompatible destination',
  0x42: 'Connection rejected by recipient',
  0x43: 'Not obtainable',
  0x44: 'Quality of service not available',
  0x45: 'No interworking available',
  0x46: 'Validity period expired',
  0x47: 'Deleted by the sender',
  0x48: 'Deleted by the service centre',
  0x49: 'Message does not exist',
  0x60: 'Congestion, gave up',
  0x61: 'Recipient busy, gave up',
  0x62: 'No response from recipient, gave up',
  0x63: 'Service rejected',
  0x64: 'Quality of service not available, gave up',
  0x65: 'Error in recipient, gave up',
};

/** Plain words for a TP-ST value. */
export function statusText(st: number): string {
  const known = STATUS_TEXT[st];
  if (known) return known;
  const outcome = statusOutcome(st);
  return outcome === 'delivered' ? 'Delivered' : outcome === 'pending' ? 'Not delivered yet, still trying' : 'Not delivered';
}

export function decodeStatusReport(bytes: Uint8Array, offset: number, smsc: Address | null): SmsStatusReport {
  const fo = bytes[offset]!;
  if (offset + 1 >= bytes.length) throw new PduDecodeError('truncated', 'TP-MR is missing', offset + 1);
  const mr = bytes[offset + 1]!;
  const ra = decodeAddress(bytes, offset + 2);
  let p = ra.next;
  const scts = decodeTimestamp(bytes, p);
  p += 7;
  const dt = decodeTimestamp(bytes, p);
  p += 7;
  if (p >= bytes.length) throw new PduDecodeError('truncated', 'TP-ST is missing', p);
  const st = bytes[p]!;
  p += 1;
  let pid: number | null = null;
  let dcs: Dcs | null = null;
  let userData: UserData | null = null;
  if (p < bytes.length) {
    // §9.2.3.27 TP-PI: bit 0 PID, bit 1 DCS, bit 2 UDL present; bit 7 says another PI octet follows.
    const pi = bytes[p]!;
    let q = p + 1;
    let ext = pi;
    while (ext & 0x80) {
      if (q >= bytes.length) throw new PduDecodeError('truncated', 'TP-PI extension is missing', q);
      ext = bytes[q]!;
      q++;
    }
    if (pi & 0x01) {
      if (q >= bytes.length) throw new PduDecodeError('truncated', 'TP-PID is missing', q);
      pid = bytes[q]!;
      q++;
    }
    if (pi & 0x02) {
      if (q >= bytes.length) throw new PduDecodeError('truncated', 'TP-DCS is missing', q);
      dcs = decodeDcs(bytes[q]!);
      q++;
    }
    if (pi & 0x04) {
      // Without TP-DCS the user data is in the default alphabet (§9.2.3.27).
      userData = decodeUserData(bytes, q, dcs ?? decodeDcs(0), (fo & 0x40) !== 0);
      q = bytes.length;
    }
    if (q < bytes.length) throw new PduDecodeError('bad-length', 'Bytes follow the status report', q);
  }
  return {
    type: 'status-report',
    smsc,
    messageReference: mr,
    address: ra.address,
    serviceCentreTime: scts,
    dischargeTime: dt,
    status: st,
    outcome: statusOutcome(st),
    reportsCommand: (fo & 0x20) !== 0,
    moreMessagesToSend: (fo & 0x04) === 0,
    pid,
    dcs,
    userData,
  };
}
