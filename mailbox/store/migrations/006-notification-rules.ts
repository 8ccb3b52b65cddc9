import type { Migration } from './migration';

/**
 * A registered user's rules for being told by SMS that mailbox messages wait: from chosen
 * numbers (empty: anyone), inside a daily window of local time, once N are unread; capped
 * per day. `from_numbers` holds E.164 numbers joined by commas (E.164 has none of its own).
 */
export const migration006: Migration = {
  version: 6,
  name: 'notification-rules',
  statements: (t) => [
    `CREATE TABLE notification_rules (
      id ${t.id},
      account_id ${t.bigint} NOT NULL REFERENCES accounts (id),
      from_numbers TEXT NOT NULL,
      window_start_min INTEGER NOT NULL,
      window_end_min INTEGER NOT NULL,
      utc_offset_min INTEGER NOT NULL,
      min_unread INTEGER NOT NULL,
      daily_cap INTEGER NOT NULL
    )`,
    'CREATE INDEX notification_rules_by_account ON notification_rules (account_id)',
  ],
};
