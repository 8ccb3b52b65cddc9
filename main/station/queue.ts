/** Queueing an outgoing SMS: the plan (encoding, parts) is worked out now, so the archive knows the part count. */
import type { Archive, Message, OutboxJob } from '../archive/index';
import { encodeSubmit } from '../../modem/pdu/index';
import { StationError } from './errors';

export interface QueueTextRequest {
  to: string;
  text: string;
  flash?: boolean;
  /** Scheduled send: not before this time (epoch ms). */
  notBefore?: number;
  /** A client id (UUIDv7) so that queueing twice queues once. */
  uid?: string;
  maxAttempts?: number;
  /** Send through this archive modem only. */
  modemId?: number | null;
  /**
   * Send from this SIM: its own number (as a person types it) or its modem's IMEI. Only that
   * modem sends it; while it is not connected the message waits, saying so.
   */
  from?: string;
  /**
   * Ask the network for a status report (TS 23.040 §9.2.3.5), the only way to "delivered".
   * Default: as the sending station is set up (`Station.queue` writes its own setting down).
   */
  statusReport?: boolean;
}

/**
 * Puts a text into the outbox (message and job in one transaction). The part count
 * matters: the archive marks a message "sent" once that many parts went out.
 */
export function queueText(archive: Archive, request: QueueTextRequest): { message: Message; job: OutboxJob } {
  let plan;
  try {
    plan = encodeSubmit({ to: request.to, text: request.text, flash: request.flash ?? false });
  } catch (error) {
    throw new StationError('STATION_INVALID', `This message cannot be sent: ${(error as Error).message}`, { cause: error });
  }
  const modemId = senderModem(archive, request);
  return archive.outbox.queue({
    to: request.to,
    body: request.text,
    flash: request.flash ?? false,
    partCount: plan.parts.length,
    encoding: plan.encoding === '8bit' ? 'binary' : plan.encoding,
    ...(request.notBefore !== undefined ? { notBefore: request.notBefore } : {}),
    ...(request.uid !== undefined ? { uid: request.uid } : {}),
    ...(request.maxAttempts !== undefined ? { maxAttempts: request.maxAttempts } : {}),
    ...(modemId !== undefined ? { modemId } : {}),
    ...(request.statusReport !== undefined ? { statusReport: request.statusReport } : {}),
  });
}

/** The modem the request pins the message to: `from` (a SIM number or IMEI) or `modemId`. */
function senderModem(archive: Archive, request: QueueTextRequest): number | null | undefined {
  if (request.from === undefined) return request.modemId;
  const modem = archive.modems.find(request.from);
  if (!modem) {
    throw new StationError(
      'STATION_UNKNOWN_SENDER',
      `No modem with the number or IMEI ${request.from} has been connected yet. Connect it once, or give its IMEI.`,
    );
  }
  if (request.modemId !== undefined && request.modemId !== null && request.modemId !== modem.id) {
    throw new StationError('STATION_INVALID', `${request.from} is not the modem this message is meant to go through.`);
  }
  return modem.id;
}
