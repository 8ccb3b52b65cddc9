import type { Queryable } from '../store/db';
import { issueCode, spendCode } from './codes';
import type { MailboxContext } from './context';
import { MailboxError } from './errors';
import { enqueueJob } from './jobs';
import { hashToken, newToken } from './secrets';
import type { SessionIdentity } from './sessions';
import { serverKey } from './settings';
import { stationName, type StationIdentity } from './stations';

/**
 * A user's own station: their desktop with their modem and SIM. Linking is proved by an SMS
 * exchange through that SIM: the server has a gateway station send a code to the user's
 * number, and the new station must upload that SMS as received. Until then it sends nothing.
 */
export interface OwnStation {
  readonly id: number;
  readonly name: string;
  readonly verified: boolean;
  readonly createdAt: number;
  readonly lastSeenAt: number | null;
}

/** Digits of a link code inside an uploaded SMS. */
const CODE_IN_TEXT = /\b(\d{6,10})\b/g;

export async function linkOwnStation(
  ctx: MailboxContext,
  me: SessionIdentity,
  name: string,
): Promise<{ station: OwnStation; token: string }> {
  const trimmed = stationName(name);
  const now = ctx.clock.now();
  const token = newToken('station');
  const id = await ctx.db.transaction(async (tx) => {
    const row = await tx.one<{ id: number }>(
      `INSERT INTO stations (name, token_hash, owner_account_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [trimmed, hashToken(token), me.accountId, now],
    );
    if (row === undefined) throw new Error('station insert returned nothing');
    const code = await issueCode(tx, ctx.policy, await serverKey(tx), me.number, 'link', now);
    await enqueueJob(
      tx,
      ctx.policy,
      {
        kind: 'link-code',
        to: me.number,
        body: `SMSDesk station link code: ${code}. Your station reads this SMS by itself; nothing to type.`,
      },
      now,
    );
    return row.id;
  });
  await ctx.notifier.publish([{ type: 'jobs' }]);
  return { station: { id, name: trimmed, verified: false, createdAt: now, lastSeenAt: null }, token };
}

export async function listOwnStations(q: Queryable, accountId: number): Promise<OwnStation[]> {
  const rows = await q.all<{ id: number; name: string; verified_at: number | null; created_at: number; last_seen_at: number | null }>(
    `SELECT id, name, verified_at, created_at, last_seen_at FROM stations
     WHERE owner_account_id = $1 AND revoked_at IS NULL ORDER BY id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    verified: r.verified_at !== null,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  }));
}

/** Unlinks one of the user's own stations; false when it is not theirs. */
export async function unlinkOwnStation(ctx: MailboxContext, me: SessionIdentity, stationId: number): Promise<boolean> {
  const res = await ctx.db.run('UPDATE stations SET revoked_at = $1 WHERE id = $2 AND owner_account_id = $3 AND revoked_at IS NULL', [
    ctx.clock.now(),
    stationId,
    me.accountId,
  ]);
  if (res.changes === 0) return false;
  await ctx.notifier.publish([{ type: 'station-revoked', stationId }]);
  return true;
}

/**
 * An unverified own station uploaded an SMS: if it carries a live link code for the owner's
 * number, the station has shown it receives that number's SMS and is verified.
 */
export async function tryVerify(tx: Queryable, ctx: MailboxContext, station: StationIdentity, text: string, now: number): Promise<boolean> {
  if (station.ownerAccountId === null || station.verified) return false;
  const owner = await tx.one<{ number: string }>('SELECT number FROM accounts WHERE id = $1', [station.ownerAccountId]);
  if (owner === undefined) return false;
  const key = await serverKey(tx);
  for (const match of text.matchAll(CODE_IN_TEXT)) {
    const code = match[1];
    if (code === undefined) continue;
    if (await spendCode(tx, ctx.policy, key, owner.number, code, ['link'], now)) {
      await tx.run('UPDATE stations SET verified_at = $1 WHERE id = $2', [now, station.stationId]);
      return true;
    }
  }
  return false;
}

/** The sender's verified own station, which "send from my number" goes through. */
export async function verifiedStationOf(q: Queryable, accountId: number): Promise<number> {
  const row = await q.one<{ id: number }>(
    `SELECT id FROM stations WHERE owner_account_id = $1 AND verified_at IS NOT NULL AND revoked_at IS NULL
     ORDER BY id DESC LIMIT 1`,
    [accountId],
  );
  if (row === undefined) {
    throw new MailboxError('not-found', 'Link your own station first: sending from your number goes through it.');
  }
  return row.id;
}
