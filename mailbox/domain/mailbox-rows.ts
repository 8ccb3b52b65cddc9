import type { Queryable } from '../store/db';
import { nextStates } from './accounts';
import type { MailboxEvent } from './notifier';

export type Direction = 'in' | 'out';

export interface MailboxEntry {
  readonly accountId: number;
  readonly messageId: number;
  readonly direction: Direction;
}

/**
 * Files messages into mailboxes (or refreshes them there) under fresh states, and returns the
 * events that announce the new states. Each entry gets its own state so that a page of
 * "changes since S" never ends in the middle of one state.
 */
export async function fileEntries(q: Queryable, entries: readonly MailboxEntry[]): Promise<MailboxEvent[]> {
  const sorted = [...entries].sort((a, b) => a.accountId - b.accountId || a.messageId - b.messageId);
  const latest = new Map<number, number>();
  for (const entry of sorted) {
    const state = (await nextStates(q, [entry.accountId])).get(entry.accountId);
    if (state === undefined) throw new Error('no state taken');
    await q.run(
      `INSERT INTO mailbox (account_id, message_id, direction, seq) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, message_id) DO UPDATE SET seq = excluded.seq`,
      [entry.accountId, entry.messageId, entry.direction, state],
    );
    latest.set(entry.accountId, state);
  }
  return [...latest].map(([accountId, state]) => ({ type: 'mailbox', accountId, state }));
}

/** Refreshes a message in every mailbox that holds it (after a delivery status moved). */
export async function refreshMessage(q: Queryable, messageId: number): Promise<MailboxEvent[]> {
  const holders = await q.all<{ account_id: number; direction: Direction }>(
    'SELECT account_id, direction FROM mailbox WHERE message_id = $1',
    [messageId],
  );
  return fileEntries(
    q,
    holders.map((h) => ({ accountId: h.account_id, messageId, direction: h.direction })),
  );
}
