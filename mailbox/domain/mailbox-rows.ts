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
    const state = q.dialect === 'pg' ? await fileInOneTrip(q, entry) : await fileInTwoSteps(q, entry);
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

async function fileInTwoSteps(q: Queryable, entry: MailboxEntry): Promise<number> {
  const state = (await nextStates(q, [entry.accountId])).get(entry.accountId);
  if (state === undefined) throw new Error('no state taken');
  await q.run(
    `INSERT INTO mailbox (account_id, message_id, direction, seq) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id, message_id) DO UPDATE SET seq = excluded.seq`,
    [entry.accountId, entry.messageId, entry.direction, state],
  );
  return state;
}

/**
 * The same two steps as one statement, for PostgreSQL, where each statement is a network round
 * trip: the counter bump (which takes the account's row lock, as in `nextStates`) feeds the
 * mailbox row through a data-modifying CTE. Entries still go one at a time in ascending account
 * order, so locks are taken in the same order as before.
 */
async function fileInOneTrip(q: Queryable, entry: MailboxEntry): Promise<number> {
  const row = await q.one<{ seq: number }>(
    `WITH s AS (UPDATE accounts SET change_seq = change_seq + 1 WHERE id = $1 RETURNING change_seq)
     INSERT INTO mailbox (account_id, message_id, direction, seq)
     SELECT $1::bigint, $2::bigint, $3::text, change_seq FROM s
     ON CONFLICT (account_id, message_id) DO UPDATE SET seq = excluded.seq
     RETURNING seq`,
    [entry.accountId, entry.messageId, entry.direction],
  );
  if (row === undefined) throw new Error(`account ${entry.accountId} missing`);
  return row.seq;
}
