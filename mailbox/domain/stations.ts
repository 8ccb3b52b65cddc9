import type { Queryable } from '../store/db';
import { MailboxError } from './errors';
import { hashToken, newToken } from './secrets';

/** A station as the admin sees it; the token itself is shown once, at creation, and never stored. */
export interface StationInfo {
  readonly id: number;
  readonly name: string;
  /** The account whose own SIM this is; null for a gateway station serving everyone. */
  readonly ownerNumber: string | null;
  readonly createdAt: number;
  readonly lastSeenAt: number | null;
  readonly revokedAt: number | null;
}

export interface StationIdentity {
  readonly stationId: number;
  readonly name: string;
  readonly ownerAccountId: number | null;
  /** A user's own station sends nothing until it proved it holds the owner's SIM. */
  readonly verified: boolean;
}

export const MAX_STATION_NAME = 100;

export function stationName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_STATION_NAME) {
    throw new MailboxError('bad-request', `A station name needs 1 to ${MAX_STATION_NAME} characters.`);
  }
  return trimmed;
}

/** Admin: makes a gateway station and its token (`smsdesk mailbox station add`). */
export async function addStation(q: Queryable, name: string, now: number = Date.now()): Promise<{ station: StationInfo; token: string }> {
  const trimmed = stationName(name);
  const token = newToken('station');
  const row = await q.one<{ id: number }>(
    'INSERT INTO stations (name, token_hash, created_at, verified_at) VALUES ($1, $2, $3, $3) RETURNING id',
    [trimmed, hashToken(token), now],
  );
  if (row === undefined) throw new Error('station insert returned nothing');
  return {
    station: { id: row.id, name: trimmed, ownerNumber: null, createdAt: now, lastSeenAt: null, revokedAt: null },
    token,
  };
}

/** Admin: every station, revoked ones included (`smsdesk mailbox station list`). */
export async function listStations(q: Queryable): Promise<StationInfo[]> {
  const rows = await q.all<{
    id: number;
    name: string;
    number: string | null;
    created_at: number;
    last_seen_at: number | null;
    revoked_at: number | null;
  }>(
    `SELECT s.id, s.name, a.number, s.created_at, s.last_seen_at, s.revoked_at
     FROM stations s LEFT JOIN accounts a ON a.id = s.owner_account_id ORDER BY s.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ownerNumber: r.number,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Admin: revokes a station's token (`smsdesk mailbox station revoke`). Its open connections
 * are closed by the servers within one housekeeping tick; false when no live station has that id.
 */
export async function revokeStation(q: Queryable, stationId: number, now: number = Date.now()): Promise<boolean> {
  const res = await q.run('UPDATE stations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, stationId]);
  return res.changes === 1;
}

/** The live station a token opens, or undefined for unknown, revoked and session tokens alike. */
export async function authenticateStation(q: Queryable, token: string): Promise<StationIdentity | undefined> {
  const row = await q.one<{ id: number; name: string; owner_account_id: number | null; verified_at: number | null }>(
    'SELECT id, name, owner_account_id, verified_at FROM stations WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashToken(token)],
  );
  return row === undefined
    ? undefined
    : { stationId: row.id, name: row.name, ownerAccountId: row.owner_account_id, verified: row.verified_at !== null };
}

/** Still live? Asked on every message a station sends, so a revoke bites at once. */
export async function stationIsLive(q: Queryable, stationId: number): Promise<boolean> {
  const row = await q.one<{ id: number }>('SELECT id FROM stations WHERE id = $1 AND revoked_at IS NULL', [stationId]);
  return row !== undefined;
}

export async function touchStation(q: Queryable, stationId: number, now: number): Promise<void> {
  await q.run('UPDATE stations SET last_seen_at = $1 WHERE id = $2', [now, stationId]);
}
