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
  return archive.outbox.queue({
    to: request.to,
    body: request.text,
    flash: request.flash ?? false,
    partCount: plan.parts.length,
    encoding: plan.encoding === '8bit' ? 'binary' : plan.encoding,
    ...(request.notBefore !== undefined ? { notBefore: request.notBefore } : {}),
    ...(request.uid !== undefined ? { uid: request.uid } : {}),
    ...(request.maxAttempts !== undefined ? { maxAttempts: request.maxAttempts } : {}),
    ...(request.modemId !== undefined ? { modemId: request.modemId } : {}),
  });
}
