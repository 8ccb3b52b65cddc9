/**
 * What the virtual service centre does to TPDUs: read the routing fields of an
 * SMS-SUBMIT, turn it into the SMS-DELIVER the recipient gets (user data passed
 * through untouched, so concatenation headers and any encoding survive), and
 * write SMS-STATUS-REPORTs. Field layouts: TS 23.040 §9.2.2.1, §9.2.2.2, §9.2.2.3.
 */
import { encodeSubmit, hexToBytes, type SubmitOptions } from '../pdu';
import { decodeAddress, encodeAddress, type Address } from '../pdu/address';
import { PduDecodeError } from '../pdu/errors';
import { encodeTimestamp } from '../pdu/scts';

export interface SubmitHeader {
  /** TP-MR as the modem set it. */
  mr: number;
  destination: Address;
  /** TP-SRR: a status report was asked for. */
  statusReport: boolean;
  /** TP-UDHI */
  hasUdh: boolean;
  /** TP-RP */
  replyPath: boolean;
  pid: number;
  dcs: number;
  /** TP-UDL and TP-UD exactly as sent. */
  udl: number;
  ud: Uint8Array;
}

/** Reads an SMS-SUBMIT TPDU (no SMSC field). Throws PduDecodeError on malformed input. */
export function readSubmit(tpdu: Uint8Array): SubmitHeader {
  const fo = tpdu[0];
  if (fo === undefined || (fo & 0x03) !== 0x01) throw new PduDecodeError('unsupported', 'Not an SMS-SUBMIT', 0);
  if (tpdu.length < 7) throw new PduDecodeError('truncated', 'SMS-SUBMIT is cut short', tpdu.length);
  const mr = tpdu[1]!;
  const { address: destination, next } = decodeAddress(tpdu, 2);
  let i = next;
  const pid = tpdu[i++];
  const dcs = tpdu[i++];
  if (pid === undefined || dcs === undefined) throw new PduDecodeError('truncated', 'SMS-SUBMIT ends before TP-DCS', i);
  // TP-VPF (bits 3-4): none, relative (1 octet), enhanced or absolute (7 octets).
  const vpf = (fo >> 3) & 0x03;
  i += vpf === 0 ? 0 : vpf === 2 ? 1 : 7;
  const udl = tpdu[i++];
  if (udl === undefined) throw new PduDecodeError('truncated', 'SMS-SUBMIT ends before TP-UDL', i);
  return {
    mr,
    destination,
    statusReport: (fo & 0x20) !== 0,
    hasUdh: (fo & 0x40) !== 0,
    replyPath: (fo & 0x80) !== 0,
    pid,
    dcs,
    udl,
    ud: tpdu.slice(i),
  };
}

/** TS 23.038 §4: the message class of a data coding scheme, or null when it sets none. */
export function messageClass(dcs: number): 0 | 1 | 2 | 3 | null {
  // Groups 00xx and 01xx (general and auto-deletion): bit 4 says bits 1-0 hold a class.
  if ((dcs & 0x80) === 0) return (dcs & 0x10) !== 0 ? ((dcs & 0x03) as 0 | 1 | 2 | 3) : null;
  // Group 1111 (data coding / message class) always carries one.
  if ((dcs & 0xf0) === 0xf0) return (dcs & 0x03) as 0 | 1 | 2 | 3;
  return null;
}

export interface DeliverFields {
  originator: string;
  /** Time stamp the service centre puts on it. */
  scts: Date;
  /** Offset of the service centre's clock from UTC, minutes. */
  zoneMinutes: number;
  /** TP-SRI: the sender asked for a status report. */
  statusReportIndication: boolean;
  /** TP-MMS clear: more parts are waiting at the service centre. */
  moreToSend: boolean;
  pid: number;
  dcs: number;
  hasUdh: boolean;
  replyPath: boolean;
  udl: number;
  ud: Uint8Array;
}

/** Writes an SMS-DELIVER TPDU (TS 23.040 §9.2.2.1). */
export function writeDeliver(f: DeliverFields): Uint8Array {
  let fo = 0x00; // TP-MTI = SMS-DELIVER
  if (!f.moreToSend) fo |= 0x04; // TP-MMS = 1: no more messages
  if (f.statusReportIndication) fo |= 0x20;
  if (f.hasUdh) fo |= 0x40;
  if (f.replyPath) fo |= 0x80;
  const oa = /^\+?\d+$/.test(f.originator)
    ? encodeAddress({ number: f.originator })
    : encodeAddress({ number: f.originator, ton: 'alphanumeric' });
  return new Uint8Array([fo, ...oa, f.pid, f.dcs, ...encodeTimestamp(f.scts, f.zoneMinutes), f.udl, ...f.ud]);
}

/** TP-ST values the virtual service centre reports (TS 23.040 §9.2.3.15). */
export const TP_ST = {
  delivered: 0x00,
  /** Temporary error, SC still trying: no response from SME. */
  tryingNoResponse: 0x22,
  /** Permanent error: not obtainable (no such subscriber). */
  notObtainable: 0x43,
  /** Permanent error: SM validity period expired. */
  expired: 0x46,
} as const;

export interface StatusReportFields {
  mr: number;
  recipient: string;
  scts: Date;
  discharge: Date;
  zoneMinutes: number;
  status: number;
}

/** Writes an SMS-STATUS-REPORT TPDU (TS 23.040 §9.2.2.3). */
export function writeStatusReport(f: StatusReportFields): Uint8Array {
  const fo = 0x02 | 0x04; // TP-MTI = STATUS-REPORT, TP-MMS = 1, TP-SRQ = 0: the result of an SMS-SUBMIT
  return new Uint8Array([
    fo,
    f.mr,
    ...encodeAddress({ number: f.recipient }),
    ...encodeTimestamp(f.scts, f.zoneMinutes),
    ...encodeTimestamp(f.discharge, f.zoneMinutes),
    f.status,
  ]);
}

/**
 * The SMS-DELIVER TPDUs a recipient gets for `text` from `from`: encoded as a real sender's
 * phone would (split into real parts), stamped by the service centre. Same input, same bytes.
 */
export function deliversFor(
  message: { from: string; to: string; text: string } & Omit<SubmitOptions, 'to' | 'text' | 'data'>,
  stamp: { scts: Date; zoneMinutes: number },
): Uint8Array[] {
  const { from, to, text, ...options } = message;
  return encodeSubmit({ ...options, to, text }).parts.map((part) => {
    const bytes = hexToBytes(part.hex);
    const h = readSubmit(bytes.slice(1 + bytes[0]!)); // without the SMSC field
    return writeDeliver({
      originator: from,
      scts: stamp.scts,
      zoneMinutes: stamp.zoneMinutes,
      statusReportIndication: false,
      moreToSend: false,
      pid: h.pid,
      dcs: h.dcs,
      hasUdh: h.hasUdh,
      replyPath: false,
      udl: h.udl,
      ud: h.ud,
    });
  });
}
