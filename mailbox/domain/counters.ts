import type { Queryable } from '../store/db';

/**
 * Fixed-window counters kept in the database, so caps hold across restarts and across server
 * processes sharing one PostgreSQL. Returns the count including this hit.
 */
export async function hit(tx: Queryable, scope: string, subject: string, windowMs: number, now: number): Promise<number> {
  const windowStart = now - (now % windowMs);
  const row = await tx.one<{ count: number }>(
    `INSERT INTO rate_counters (scope, subject, window_start, count) VALUES ($1, $2, $3, 1)
     ON CONFLICT (scope, subject, window_start) DO UPDATE SET count = rate_counters.count + 1
     RETURNING count`,
    [scope, subject, windowStart],
  );
  return row?.count ?? 1;
}

/** The current count without counting. */
export async function peek(tx: Queryable, scope: string, subject: string, windowMs: number, now: number): Promise<number> {
  const windowStart = now - (now % windowMs);
  const row = await tx.one<{ count: number }>('SELECT count FROM rate_counters WHERE scope = $1 AND subject = $2 AND window_start = $3', [
    scope,
    subject,
    windowStart,
  ]);
  return row?.count ?? 0;
}

/** Drops windows that ended before `before`; called by the server's housekeeping timer. */
export async function pruneCounters(tx: Queryable, before: number): Promise<void> {
  await tx.run('DELETE FROM rate_counters WHERE window_start < $1', [before]);
}
