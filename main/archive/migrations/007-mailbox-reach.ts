import type { Migration } from './types';

/**
 * `mailbox_reach`: the mailbox server's answer to the last phone-book upload of an account,
 * one row per uploaded number: registered (reachable over the internet) or not, as of
 * `checked_at`. Keyed by the account that asked, because "registered" is what that
 * account's server said; a number never uploaded has no row (not known). The Contacts
 * screen's badge and the core's "internet first" choice read it (main/archive/contacts-reach.ts).
 */
export const migration007: Migration = {
  version: 7,
  name: 'mailbox-reach',
  up(db) {
    db.exec(`
CREATE TABLE mailbox_reach (
  account    TEXT NOT NULL,
  address    TEXT NOT NULL,
  registered INTEGER NOT NULL CHECK (registered IN (0, 1)),
  checked_at INTEGER NOT NULL,
  PRIMARY KEY (account, address)
) STRICT, WITHOUT ROWID;`);
  },
};
