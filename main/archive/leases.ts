import type { StoreContext } from './model';

/**
 * Leases on shared resources ("port:/dev/ttyUSB0", "modem:<IMEI>") so two processes on one
 * archive (a running station, `smsdesk send`) never drive the same port. A holder renews its
 * lease well within the time-to-live; a crashed holder's lease simply expires.
 */
export class LeaseStore {
  readonly #ctx: StoreContext;
  readonly #take;
  readonly #release;
  readonly #holder;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const db = ctx.db;
    // One statement, so the check and the take cannot interleave with another process.
    this.#take = db.prepare<[string, string, number, string, number]>(
      `INSERT INTO leases (resource, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (resource) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = ? OR leases.expires_at <= ?`,
    );
    this.#release = db.prepare<[string, string]>(`DELETE FROM leases WHERE resource = ? AND holder = ?`);
    this.#holder = db.prepare<[string, number], { holder: string }>(`SELECT holder FROM leases WHERE resource = ? AND expires_at > ?`);
  }

  /** Takes or renews the lease; false when another holder's lease is still running. */
  acquire(resource: string, holder: string, ttlMs: number): boolean {
    const now = this.#ctx.now();
    return this.#take.run(resource, holder, now + ttlMs, holder, now).changes > 0;
  }

  release(resource: string, holder: string): boolean {
    return this.#release.run(resource, holder).changes > 0;
  }

  /** Who holds the resource now, if anyone. */
  holder(resource: string): string | undefined {
    return this.#holder.get(resource, this.#ctx.now())?.holder;
  }
}
