import type { Migration } from './migration';

/**
 * Uploaded phone books, kept only as keyed hashes of the numbers (HMAC with the server key):
 * no plaintext address book is stored.
 */
export const migration005: Migration = {
  version: 5,
  name: 'contacts',
  statements: (t) => [
    `CREATE TABLE contacts (
      account_id ${t.bigint} NOT NULL REFERENCES accounts (id),
      number_hash TEXT NOT NULL,
      PRIMARY KEY (account_id, number_hash)
    )`,
  ],
};
