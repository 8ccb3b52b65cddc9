import type { Queryable } from './db';

/** What the one-statement send needs; the numbers are already normalised, unique and sorted. */
export interface OneTripSend {
  readonly senderAccountId: number;
  readonly senderNumber: string;
  readonly clientId: string;
  readonly text: string;
  readonly recipients: readonly string[];
  readonly now: number;
  /** The rank of `sent` (see domain/status.ts), bound rather than written into the SQL. */
  readonly sentRank: number;
  /** When set, the new mailbox states are announced by the statement itself on this NOTIFY channel. */
  readonly notifyChannel: string | undefined;
}

export interface OneTripSent {
  readonly messageId: number;
  /** The new state of each mailbox the message was filed in (sender and recipients). */
  readonly states: ReadonlyMap<number, number>;
}

/**
 * The common send on PostgreSQL as ONE statement (one round trip, its own transaction): every
 * recipient already registered and without notification rules, a fresh client id. It writes
 * the message, its internet deliveries, the counter bumps and the mailbox entries, and (when
 * asked) the NOTIFYs, which PostgreSQL delivers only at commit, as the transaction path does.
 *
 * Anything else (an unregistered recipient who needs an SMS, notification rules, a repeated or
 * conflicting client id) writes nothing here: the message insert is guarded, every other part
 * hangs off its RETURNING, and `undefined` tells the caller to take the general path.
 *
 * Locks: the accounts are locked FOR NO KEY UPDATE (what `UPDATE … change_seq` takes, so foreign
 * key checks of other sends are not blocked) in ascending id order, as `nextStates` does, so a
 * one-statement send and a transaction send between the same people cannot deadlock on them.
 */
export async function sendInOneTrip(q: Queryable, s: OneTripSend): Promise<OneTripSent | undefined> {
  const rows = await q.all<{ message_id: number; account_id: number; state: number }>(s.notifyChannel !== undefined ? WITH_NOTIFY : PLAIN, [
    s.senderAccountId,
    s.senderNumber,
    s.clientId,
    s.text,
    s.now,
    JSON.stringify(s.recipients),
    s.sentRank,
    ...(s.notifyChannel !== undefined ? [s.notifyChannel] : []),
  ]);
  const first = rows[0];
  if (first === undefined) return undefined;
  if (rows.length !== s.recipients.length + 1) throw new Error('one-trip send filed the wrong number of mailboxes');
  return { messageId: first.message_id, states: new Map(rows.map((r) => [r.account_id, r.state])) };
}

/**
 * Accounts are found through their indexes: lists go in as `= ANY (ARRAY(subquery))`, which the
 * planner turns into index scans, where `IN (subquery)` invited a hash join over all accounts.
 *
 * $1 sender id, $2 sender number, $3 client id, $4 text, $5 now, $6 recipients (JSON array), $7 rank of `sent`. */
const STEPS = `
  rcpt AS MATERIALIZED (
    SELECT a.id, a.number FROM accounts a
    WHERE a.number = ANY (ARRAY(SELECT json_array_elements_text($6::json)))
      AND a.registered_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM notification_rules r WHERE r.account_id = a.id)
  ),
  msg AS (
    INSERT INTO messages (sender_account_id, sender_number, client_id, body, created_at)
    SELECT $1::bigint, $2::text, $3::text, $4::text, $5::bigint
    WHERE (SELECT count(*) FROM rcpt) = json_array_length($6::json)
    ON CONFLICT (sender_account_id, client_id) DO NOTHING
    RETURNING id
  ),
  dlv AS (
    INSERT INTO deliveries (message_id, recipient_number, recipient_account_id, channel, status, status_rank, updated_at)
    SELECT msg.id, rcpt.number, rcpt.id, 'internet', 'sent', $7::integer, $5::bigint FROM msg CROSS JOIN rcpt
  ),
  locked AS MATERIALIZED (
    SELECT a.id FROM accounts a
    WHERE EXISTS (SELECT 1 FROM msg) AND a.id = ANY (ARRAY(SELECT id FROM rcpt) || $1::bigint)
    ORDER BY a.id FOR NO KEY UPDATE
  ),
  bump AS (
    UPDATE accounts a SET change_seq = a.change_seq + 1 WHERE a.id = ANY (ARRAY(SELECT id FROM locked)) RETURNING a.id, a.change_seq
  ),
  box AS (
    INSERT INTO mailbox (account_id, message_id, direction, seq)
    SELECT b.id, msg.id, CASE WHEN b.id = $1::bigint THEN 'out' ELSE 'in' END, b.change_seq FROM bump b CROSS JOIN msg
  )`;

const PLAIN = `WITH ${STEPS}
  SELECT msg.id AS message_id, b.id AS account_id, b.change_seq AS state FROM msg CROSS JOIN bump b`;

/** The same, announcing each new state with the payload the notifier's parser reads. */
const WITH_NOTIFY = `WITH ${STEPS},
  note AS (
    SELECT pg_notify($8::text, json_build_object('type', 'mailbox', 'accountId', b.id, 'state', b.change_seq)::text) FROM bump b
  )
  SELECT msg.id AS message_id, b.id AS account_id, b.change_seq AS state, (SELECT count(*) FROM note) AS notified
  FROM msg CROSS JOIN bump b`;
