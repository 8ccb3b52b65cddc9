import type { Migration } from './migration';

/** Gateway stations, the SMS jobs they take, and the SMS they upload. */
export const migration002: Migration = {
  version: 2,
  name: 'stations-and-jobs',
  statements: (t) => [
    `CREATE TABLE stations (
      id ${t.id},
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      owner_account_id ${t.bigint} REFERENCES accounts (id),
      created_at ${t.bigint} NOT NULL,
      last_seen_at ${t.bigint},
      revoked_at ${t.bigint}
    )`,
    `CREATE TABLE jobs (
      id ${t.id},
      kind TEXT NOT NULL,
      to_number TEXT NOT NULL,
      body TEXT NOT NULL,
      target_station_id ${t.bigint} REFERENCES stations (id),
      state TEXT NOT NULL,
      station_id ${t.bigint} REFERENCES stations (id),
      lease_until ${t.bigint},
      attempts INTEGER NOT NULL DEFAULT 0,
      delivery_id ${t.bigint},
      reference TEXT,
      error TEXT,
      created_at ${t.bigint} NOT NULL,
      updated_at ${t.bigint} NOT NULL
    )`,
    'CREATE INDEX jobs_open ON jobs (state, id)',
    'CREATE INDEX jobs_by_delivery ON jobs (delivery_id)',
    `CREATE TABLE received_sms (
      id ${t.id},
      station_id ${t.bigint} NOT NULL REFERENCES stations (id),
      station_message_id TEXT NOT NULL,
      from_number TEXT NOT NULL,
      body TEXT NOT NULL,
      received_at ${t.bigint} NOT NULL,
      created_at ${t.bigint} NOT NULL,
      UNIQUE (station_id, station_message_id)
    )`,
  ],
};
