import type { Migration } from './migration';

/**
 * Messages, their per-recipient deliveries, and each account's mailbox view.
 *
 * `mailbox.seq` comes from `accounts.change_seq`, bumped inside the writing transaction; the
 * row lock on the account orders commits, so "changes since S" can never skip a late commit.
 */
export const migration003: Migration = {
  version: 3,
  name: 'messages',
  statements: (t) => [
    `CREATE TABLE messages (
      id ${t.id},
      sender_account_id ${t.bigint} REFERENCES accounts (id),
      sender_number TEXT NOT NULL,
      client_id TEXT,
      body TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL,
      UNIQUE (sender_account_id, client_id)
    )`,
    `CREATE TABLE deliveries (
      id ${t.id},
      message_id ${t.bigint} NOT NULL REFERENCES messages (id),
      recipient_number TEXT NOT NULL,
      recipient_account_id ${t.bigint} REFERENCES accounts (id),
      channel TEXT NOT NULL,
      status TEXT NOT NULL,
      status_rank INTEGER NOT NULL,
      updated_at ${t.bigint} NOT NULL,
      UNIQUE (message_id, recipient_number)
    )`,
    'CREATE INDEX deliveries_by_recipient ON deliveries (recipient_number, id)',
    `CREATE TABLE mailbox (
      account_id ${t.bigint} NOT NULL REFERENCES accounts (id),
      message_id ${t.bigint} NOT NULL REFERENCES messages (id),
      direction TEXT NOT NULL,
      seq ${t.bigint} NOT NULL,
      PRIMARY KEY (account_id, message_id)
    )`,
    'CREATE INDEX mailbox_by_seq ON mailbox (account_id, seq)',
  ],
};
