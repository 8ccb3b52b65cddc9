/** SMS-SUBMIT as stored by a modem for sent or draft messages, TS 23.040 §9.2.2.2. */
import { decodeAddress, type Address } from './address';
import { decodeDcs } from './dcs';
import { PduDecodeError } from './errors';
import type { SmsSubmit } from './types';
import { decodeUserData } from './user-data';
import { decodeValidity } from './validity';

export function decodeSubmit(bytes: Uint8Array, offset: number, smsc: Address | null): SmsSubmit {
  const fo = bytes[offset]!;
  if (offset + 1 >= bytes.length) throw new PduDecodeError('truncated', 'TP-MR is missing', offset + 1);
  const mr = bytes[offset + 1]!;
  const da = decodeAddress(bytes, offset + 2);
  let p = da.next;
  if (p + 2 > bytes.length) throw new PduDecodeError('truncated', 'TP-PID/TP-DCS are missing', p);
  const pid = bytes[p]!;
  const dcs = decodeDcs(bytes[p + 1]!);
  p += 2;
  const vp = decodeValidity(bytes, p, (fo >> 3) & 3);
  return {
    type: 'submit',
    smsc,
    messageReference: mr,
    address: da.address,
    pid,
    dcs,
    validity: vp.validity,
    rejectDuplicates: (fo & 0x04) !== 0,
    statusReportRequest: (fo & 0x20) !== 0,
    replyPath: (fo & 0x80) !== 0,
    userData: decodeUserData(bytes, vp.next, dcs, (fo & 0x40) !== 0),
  };
}
