/** SMS-DELIVER, TS 23.040 §9.2.2.1. */
import { decodeAddress, type Address } from './address';
import { decodeDcs } from './dcs';
import { PduDecodeError } from './errors';
import { decodeTimestamp } from './scts';
import type { SmsDeliver } from './types';
import { decodeUserData } from './user-data';

/** Decodes the TPDU starting at `offset` (its first octet). */
export function decodeDeliver(bytes: Uint8Array, offset: number, smsc: Address | null): SmsDeliver {
  const fo = bytes[offset]!;
  const oa = decodeAddress(bytes, offset + 1);
  let p = oa.next;
  if (p + 2 > bytes.length) throw new PduDecodeError('truncated', 'TP-PID/TP-DCS are missing', p);
  const pid = bytes[p]!;
  const dcs = decodeDcs(bytes[p + 1]!);
  p += 2;
  const timestamp = decodeTimestamp(bytes, p);
  p += 7;
  return {
    type: 'deliver',
    smsc,
    address: oa.address,
    pid,
    dcs,
    timestamp,
    // TP-MMS is "more messages" when 0 (§9.2.3.2).
    moreMessagesToSend: (fo & 0x04) === 0,
    statusReportIndication: (fo & 0x20) !== 0,
    replyPath: (fo & 0x80) !== 0,
    userData: decodeUserData(bytes, p, dcs, (fo & 0x40) !== 0),
  };
}
