import type { Migration } from './migration';

/**
 * Invitations a registered user sent to a number by SMS, and the answer ("yes"/"no" by SMS
 * reply, read by domain/keywords.ts). One pending invitation per inviter and number (a second
 * invite returns the first, no second SMS); an answered or expired one stays as history, and a
 * decline keeps that inviter from inviting the number again.
 */
export const migration007: Migration = {
  version: 7,
  name: 'invitations',
  statements: (t) => [
    `CREATE TABLE invitations (
      id ${t.id},
      inviter_account_id ${t.bigint} NOT NULL REFERENCES accounts (id),
      number TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL,
      expires_at ${t.bigint} NOT NULL,
      answered_at ${t.bigint}
    )`,
    "CREATE UNIQUE INDEX invitations_one_pending ON invitations (inviter_account_id, number) WHERE status = 'pending'",
    // An SMS answer looks up the newest pending invitation of the number it came from.
    'CREATE INDEX invitations_by_number ON invitations (number, status, id)',
    'CREATE INDEX invitations_by_inviter ON invitations (inviter_account_id, id)',
  ],
};
