import type { Migration } from './migration';

/** Accounts (a phone number each), one-time codes, device sessions, abuse counters, settings. */
export const migration001: Migration = {
  version: 1,
  name: 'accounts-and-login',
  statements: (t) => [
    `CREATE TABLE accounts (
      id ${t.id},
      number TEXT NOT NULL UNIQUE,
      password_hash TEXT,
      change_seq ${t.bigint} NOT NULL DEFAULT 0,
      created_at ${t.bigint} NOT NULL,
      registered_at ${t.bigint}
    )`,
    `CREATE TABLE login_codes (
      id ${t.id},
      number TEXT NOT NULL,
      purpose TEXT NOT NULL,
      code_hash TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL,
      expires_at ${t.bigint} NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      used_at ${t.bigint}
    )`,
    'CREATE INDEX login_codes_by_number ON login_codes (number, id)',
    `CREATE TABLE sessions (
      id ${t.id},
      account_id ${t.bigint} NOT NULL REFERENCES accounts (id),
      token_hash TEXT NOT NULL UNIQUE,
      device_name TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL,
      last_seen_at ${t.bigint} NOT NULL,
      revoked_at ${t.bigint}
    )`,
    'CREATE INDEX sessions_by_account ON sessions (account_id)',
    `CREATE TABLE rate_counters (
      scope TEXT NOT NULL,
      subject TEXT NOT NULL,
      window_start ${t.bigint} NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (scope, subject, window_start)
    )`,
    `CREATE TABLE settings (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    )`,
  ],
};
