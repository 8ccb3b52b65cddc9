/** Turns what the driver hands over into the archive's incoming part and status report. */
import type { Encoding, IncomingPart, StatusReport } from '../archive/index';
import type { ReceivedMessage, ReceivedStatusReport } from '../../modem/driver/index';
import { hexToBytes, statusText, type Alphabet, type Timestamp } from '../../modem/pdu/index';
import { StationError } from './errors';

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
 * An SMS-DELIVER as an archive part. The raw PDU goes in unchanged: its hash is what
 * recognises the same part read twice (start-up sweep after a crash, a +CMT repeated).
 */
export function toIncomingPart(received: ReceivedMessage, modemId: number, receivedAt: number): IncomingPart {
  const sms = received.sms;
  if (!sms) {
    // Rejecting keeps it on the modem (nothing lost); the reason goes to the log.
    throw new StationError('STATION_INVALID', `A received message could not be read: ${received.error?.message ?? 'unknown PDU'}.`);
  }
  const concat = sms.userData.concat;
  const text = sms.userData.text ?? '';
  return {
    modemId,
    originator: sms.address.text,
    concatRef: concat && concat.total > 1 ? concat.ref : null,
    total: concat && concat.total > 1 ? concat.total : 1,
    seq: concat && concat.total > 1 ? concat.part : 1,
    pdu: hexToBytes(received.pdu),
    text,
    encoding: encodingOf(sms.userData.encoding),
    scAt: timestampMs(sms.timestamp),
    scAddress: sms.smsc?.text ?? null,
    flash: sms.dcs.messageClass === 0,
    receivedAt,
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
