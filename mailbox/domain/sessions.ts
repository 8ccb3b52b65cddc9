import type { Queryable } from '../store/db';
import { MINUTE } from './clock';
import { hashToken, newToken } from './secrets';

export interface SessionIdentity {
  readonly sessionId: number;
  readonly accountId: number;
  readonly number: string;
}

export interface Device {
  readonly id: number;
  readonly name: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

/** `last_seen_at` is for the device list, not security: one write a minute per device is plenty. */
const LAST_SEEN_GRANULARITY = MINUTE;

export async function createSession(
  q: Queryable,
  accountId: number,
  deviceName: string,
  now: number,
): Promise<{ id: number; token: string }> {
  const token = newToken('session');
  const row = await q.one<{ id: number }>(
    `INSERT INTO sessions (account_id, token_hash, device_name, created_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [accountId, hashToken(token), deviceName, now],
  );
  if (row === undefined) throw new Error('session insert returned nothing');
  return { id: row.id, token };
}

/** The live session a token opens, or undefined for unknown and revoked tokens alike. */
export async function authenticateSession(q: Queryable, token: string, now: number): Promise<SessionIdentity | undefined> {
  const row = await q.one<{ id: number; account_id: number; number: string; last_seen_at: number }>(
    `SELECT s.id, s.account_id, a.number, s.last_seen_at FROM sessions s
     JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
    [hashToken(token)],
  );
  if (row === undefined) return undefined;
  if (now - row.last_seen_at > LAST_SEEN_GRANULARITY) {
    await q.run('UPDATE sessions SET last_seen_at = $1 WHERE id = $2', [now, row.id]);
  }
  return { sessionId: row.id, accountId: row.account_id, number: row.number };
}

export async function listDevices(q: Queryable, accountId: number): Promise<Device[]> {
  const rows = await q.all<{ id: number; device_name: string; created_at: number; last_seen_at: number }>(
    `SELECT id, device_name, created_at, last_seen_at FROM sessions
     WHERE account_id = $1 AND revoked_at IS NULL ORDER BY id`,
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, name: r.device_name, createdAt: r.created_at, lastSeenAt: r.last_seen_at }));
}

/** Revokes one of the account's own sessions; false when it is not theirs or already gone. */
export async function revokeSession(q: Queryable, accountId: number, sessionId: number, now: number): Promise<boolean> {
  const res = await q.run('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL', [
    now,
    sessionId,
    accountId,
  ]);
  return res.changes === 1;
}
