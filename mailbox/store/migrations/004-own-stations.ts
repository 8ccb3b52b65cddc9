import type { Migration } from './migration';

/**
 * A user's own station is trusted to send from their number only once it has proved it holds
 * their SIM: it received a code the server sent to that number. Gateway stations made by the
 * admin are trusted from the start, so existing rows count as verified.
 */
export const migration004: Migration = {
  version: 4,
  name: 'own-stations',
  statements: (t) => [
    `ALTER TABLE stations ADD COLUMN verified_at ${t.bigint}`,
    'UPDATE stations SET verified_at = created_at',
    'CREATE INDEX stations_by_owner ON stations (owner_account_id)',
  ],
};
