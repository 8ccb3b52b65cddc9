import type { Queryable } from '../store/db';
import type { E164 } from './phone';

export interface AccountRow {
  readonly id: number;
  readonly number: string;
  readonly password_hash: string | null;
  readonly registered_at: number | null;
}

export async function findAccount(q: Queryable, number: string): Promise<AccountRow | undefined> {
  return q.one<AccountRow>('SELECT id, number, password_hash, registered_at FROM accounts WHERE number = $1', [number]);
}

/**
 * The account of a number, made if missing. An account exists before its owner ever logs in
 * (a message can wait in its mailbox); `registered_at` marks the first login.
 */
export async function ensureAccount(q: Queryable, number: E164, now: number): Promise<number> {
  await q.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2) ON CONFLICT (number) DO NOTHING', [number, now]);
  const row = await q.one<{ id: number }>('SELECT id FROM accounts WHERE number = $1', [number]);
  if (row === undefined) throw new Error('account missing after insert');
  return row.id;
}

/**
 * Takes the next mailbox state of each account, in ascending id order: the row locks this
 * takes on PostgreSQL are then always acquired in one order, so two sends between the same
 * two people cannot deadlock.
 */
export async function nextStates(q: Queryable, accountIds: Iterable<number>): Promise<Map<number, number>> {
  const ids = [...new Set(accountIds)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (const id of ids) {
    const row = await q.one<{ change_seq: number }>('UPDATE accounts SET change_seq = change_seq + 1 WHERE id = $1 RETURNING change_seq', [
      id,
    ]);
    if (row === undefined) throw new Error(`account ${id} missing`);
    out.set(id, row.change_seq);
  }
  return out;
}
