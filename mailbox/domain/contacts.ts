import { createHmac } from 'node:crypto';
import type { Queryable } from '../store/db';
import { placeholders } from '../store/placeholders';
import type { MailboxContext } from './context';
import { MailboxError } from './errors';
import { countryOf, normaliseNumber, type E164 } from './phone';
import type { SessionIdentity } from './sessions';
import { serverKey } from './settings';

export interface ContactsResult {
  /** Distinct valid numbers now stored (as hashes) for this account. */
  readonly stored: number;
  /** Entries that were not phone numbers. */
  readonly invalid: number;
  /** The uploaded numbers, in E.164, that belong to registered accounts: reachable by internet. */
  readonly registered: string[];
}

export const MAX_CONTACTS = 2_000;
/** Rows per multi-row statement: well below both dialects' parameter limits. */
const CHUNK = 400;

/** A contact's number as stored: keyed so a copied table cannot be reversed by enumeration alone. */
function contactHash(key: string, number: E164): string {
  return createHmac('sha256', key).update(`contact\n${number}`).digest('hex');
}

/**
 * Replaces the account's phone book with `numbers` and says which of them are registered.
 * The plaintext numbers live only for the length of this call.
 */
export async function uploadContacts(ctx: MailboxContext, me: SessionIdentity, numbers: readonly string[]): Promise<ContactsResult> {
  if (numbers.length > MAX_CONTACTS) {
    throw new MailboxError('bad-request', `A phone book upload holds at most ${MAX_CONTACTS} numbers.`);
  }
  const country = countryOf(me.number);
  const valid = new Set<E164>();
  let invalid = 0;
  for (const raw of numbers) {
    try {
      valid.add(normaliseNumber(raw, country));
    } catch {
      invalid++;
    }
  }
  const list = [...valid];
  const registered = await ctx.db.transaction(async (tx) => {
    const key = await serverKey(tx);
    await tx.run('DELETE FROM contacts WHERE account_id = $1', [me.accountId]);
    for (let i = 0; i < list.length; i += CHUNK) {
      const hashes = list.slice(i, i + CHUNK).map((n) => contactHash(key, n));
      const rows = hashes.map((_, j) => `($1, $${j + 2})`).join(', ');
      await tx.run(`INSERT INTO contacts (account_id, number_hash) VALUES ${rows}`, [me.accountId, ...hashes]);
    }
    return registeredAmong(tx, list);
  });
  return { stored: list.length, invalid, registered };
}

async function registeredAmong(q: Queryable, numbers: readonly E164[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const chunk = numbers.slice(i, i + CHUNK);
    const rows = await q.all<{ number: string }>(
      `SELECT number FROM accounts WHERE registered_at IS NOT NULL AND number IN (${placeholders(chunk.length, 1)})`,
      chunk,
    );
    out.push(...rows.map((r) => r.number));
  }
  return out.sort();
}
