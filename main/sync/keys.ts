/**
 * What sync and the station link keep in the archive's `settings` table. Small durable queues
 * are one row per entry under a prefix, written in the same transaction as the change that
 * makes them, so they survive a crash exactly when the change does.
 */
export const SYNC_KEYS = {
  /** The last mailbox state whose changes are applied (`changes since` asks from here). */
  state: 'sync.state',
  /** The account the state belongs to; another number starts from state 0. */
  account: 'sync.account',
  /** `sync.send.<uid>` → `{"via":…}`: a message written here and not yet accepted by the server. */
  sendPrefix: 'sync.send.',
  /** `sync.receipt.<serverId>` → `delivered` | `read`: a receipt the server has not had yet. */
  receiptPrefix: 'sync.receipt.',
} as const;

/**
 * The station link's rows, per server and station (one archive may hold links to two
 * servers): `station-link.<host>.<stationId>.job.<jobId>` → the job, and `….upload-after` → the
 * event id up to which received SMS are uploaded.
 */
export function stationLinkPrefix(serverUrl: string, stationId: number): string {
  return `station-link.${new URL(serverUrl).host}.${stationId}.`;
}
