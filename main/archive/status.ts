import type { JobState, MessageStatus, PartStatus } from './model';

/**
 * The allowed status moves. Everything else is refused, so a late or repeated report (a
 * "sent" after "delivered", a second "delivered") cannot move a message backwards.
 * The one step "back" is sending → queued: a transient error before the PDU left the modem,
 * so the job waits for its retry; nothing was sent.
 */
const MESSAGE_NEXT: { readonly [S in MessageStatus]: readonly MessageStatus[] } = {
  incomplete: ['received'],
  received: [],
  draft: ['queued', 'cancelled'],
  queued: ['sending', 'failed', 'cancelled'],
  sending: ['queued', 'sent', 'unconfirmed', 'failed', 'delivered'],
  // A status report may say "failed" after the SC accepted the message (expired, rejected).
  sent: ['delivered', 'failed'],
  // A status report proves an unconfirmed send went out; 'queued' only by a person's
  // explicit "send again" (OutboxStore.resendUnconfirmed), never automatically.
  unconfirmed: ['sent', 'delivered', 'failed', 'queued'],
  delivered: [],
  failed: [],
  cancelled: [],
};

const PART_NEXT: { readonly [S in PartStatus]: readonly PartStatus[] } = {
  received: [],
  pending: ['sent', 'unconfirmed', 'failed', 'delivered'],
  sent: ['delivered', 'failed'],
  unconfirmed: ['sent', 'delivered', 'failed'],
  delivered: [],
  failed: [],
};

const JOB_NEXT: { readonly [S in JobState]: readonly JobState[] } = {
  queued: ['claimed', 'cancelled', 'failed'],
  claimed: ['queued', 'done', 'failed', 'unconfirmed'],
  // Only an explicit person's decision requeues an unconfirmed job; a report may settle it.
  unconfirmed: ['queued', 'done', 'failed'],
  done: [],
  failed: [],
  cancelled: [],
};

export function canMoveMessage(from: MessageStatus, to: MessageStatus): boolean {
  return MESSAGE_NEXT[from].includes(to);
}

export function canMovePart(from: PartStatus, to: PartStatus): boolean {
  return PART_NEXT[from].includes(to);
}

export function canMoveJob(from: JobState, to: JobState): boolean {
  return JOB_NEXT[from].includes(to);
}

export function assertNever(value: never, what: string): never {
  throw new Error(`Unexpected ${what}: ${String(value)}`);
}
