/** Turns what the driver hands over into the archive's incoming part and status report. */
import type { Encoding, IncomingPart, StatusReport } from '../archive/index';
import type { MessageOrigin, ReceivedMessage, ReceivedStatusReport } from '../../modem/driver/index';
import { decodeAddress, decodeSmsc } from '../../modem/pdu/address';
import { hexToBytes, statusText, type Alphabet, type Timestamp } from '../../modem/pdu/index';
import { StationError } from './errors';

/** The text of a received SMS the codec could not read; the raw PDU is kept beside it. */
export const UNREADABLE_TEXT = '[This SMS could not be read. Its raw data is kept in the archive.]';
/** The same for a status report: it cannot settle any message, but it is kept, not lost. */
export const UNREADABLE_REPORT_TEXT = '[A delivery report could not be read. Its raw data is kept in the archive.]';

/** Where the modem holds a received SMS until it is deleted or acknowledged (IncomingPart.heldAt). */
export function heldAt(origin: MessageOrigin): string {
  return origin.via === 'stored' ? `${origin.storage}:${origin.index}` : 'direct';
}

/**
 * The PDU's bytes as the archive keeps (and hashes) them. A PDU that is not even hex is kept
 * as its characters: evidence, and the same bytes each time it is read.
 */
export function rawPdu(received: { readonly pdu: string }): Uint8Array {
  try {
    const bytes = hexToBytes(received.pdu);
    if (bytes.length > 0) return bytes;
  } catch {
    // not hex: kept as written
  }
  return new TextEncoder().encode(received.pdu === '' ? '(empty)' : received.pdu);
}

/**
 * The sender of a PDU the codec refused, when its start is still readable (SMSC, first
 * octet, TP-OA: TS 23.040 §9.2.2.1); null when even that is damaged.
 */
function originatorOf(pdu: Uint8Array): string | null {
  try {
    const smsc = decodeSmsc(pdu, 0);
    const firstOctet = pdu[smsc.next];
    if (firstOctet === undefined || (firstOctet & 0x03) !== 0) return null; // not an SMS-DELIVER
    const text = decodeAddress(pdu, smsc.next + 1).address.text.trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

function encodingOf(alphabet: Alphabet): Encoding {
  return alphabet === '8bit' ? 'binary' : alphabet;
}

/** TP-SCTS as epoch ms; null when the SC sent an invalid date (the archive then uses the receive time). */
export function timestampMs(ts: Timestamp): number | null {
  if (ts.iso === null) return null;
  const ms = Date.parse(ts.iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * An SMS-DELIVER as an archive part. The raw PDU goes in unchanged: its hash and where the
 * modem holds it recognise the same part read twice (start-up sweep after a crash, a +CMT
 * repeated). A PDU the codec refused becomes a part of its own with the reason: kept, shown,
 * and deleted from the modem like any other, so it is neither lost nor read again forever.
 */
export function toIncomingPart(received: ReceivedMessage, modemId: number, receivedAt: number): IncomingPart {
  const sms = received.sms;
  if (!sms) return unreadablePart(received, modemId, receivedAt);
  const concat = sms.userData.concat;
  const text = sms.userData.text ?? '';
  return {
    modemId,
    originator: sms.address.text,
    concatRef: concat && concat.total > 1 ? concat.ref : null,
    total: concat && concat.total > 1 ? concat.total : 1,
    seq: concat && concat.total > 1 ? concat.part : 1,
    pdu: rawPdu(received),
    text,
    encoding: encodingOf(sms.userData.encoding),
    scAt: timestampMs(sms.timestamp),
    scAddress: sms.smsc?.text ?? null,
    flash: sms.dcs.messageClass === 0,
    receivedAt,
    heldAt: heldAt(received.origin),
  };
}

/**
 * A status report the codec refused, kept like an unreadable SMS (a message of its own, raw
 * PDU, the reason) so the modem can delete it instead of offering it on every poll.
 */
export function toUnreadableReport(received: ReceivedStatusReport, modemId: number, receivedAt: number): IncomingPart {
  return unreadablePart(received, modemId, receivedAt, UNREADABLE_REPORT_TEXT);
}

function unreadablePart(
  received: ReceivedMessage | ReceivedStatusReport,
  modemId: number,
  receivedAt: number,
  text = UNREADABLE_TEXT,
): IncomingPart {
  const pdu = rawPdu(received);
  const why = received.error?.message ?? 'the modem gave no readable PDU';
  return {
    modemId,
    originator: originatorOf(pdu) ?? 'Unknown sender',
    concatRef: null,
    total: 1,
    seq: 1,
    pdu,
    text,
    encoding: null,
    scAt: null,
    receivedAt,
    heldAt: heldAt(received.origin),
    problem: `SMSDesk could not decode this ${text === UNREADABLE_TEXT ? 'SMS' : 'delivery report'} (${why}); its raw PDU is kept as it came.`,
  };
}

/** An SMS-STATUS-REPORT (TS 23.040 §9.2.2.3) as the archive's report, TP-ST in words. */
export function toStatusReport(received: ReceivedStatusReport, modemId: number, receivedAt: number): StatusReport {
  const report = received.report;
  if (!report) {
    throw new StationError('STATION_INVALID', `A status report could not be read: ${received.error?.message ?? 'unknown PDU'}.`);
  }
  return {
    tpMr: report.messageReference,
    recipient: report.address.text,
    scAt: timestampMs(report.serviceCentreTime) ?? receivedAt,
    dischargedAt: timestampMs(report.dischargeTime),
    modemId,
    outcome: report.outcome,
    reason: report.outcome === 'failed' ? statusText(report.status) : null,
  };
}
