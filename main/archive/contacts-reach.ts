/**
 * Which contacts the mailbox reaches over the internet: the server's answer to the last
 * phone-book upload (`PUT /v1/contacts`), kept per number in `mailbox_reach` (migration 007).
 * Only E.164 numbers are uploaded: the server reads a number without a country code in the
 * account's country, which need not be the archive's, and a short code or sender name is
 * never a mailbox.
 */
import type { Database } from 'better-sqlite3';

/** The server takes at most this many numbers per upload (mailbox/domain/contacts.ts, MAX_CONTACTS). */
export const REACH_UPLOAD_MAX = 2_000;

export class ContactReach {
  readonly #db: Database;
  readonly #numbers;
  readonly #clear;
  readonly #insert;
  readonly #of;

  constructor(db: Database) {
    this.#db = db;
    // LIKE '+%' is a prefix test: numbers only, in a stable order so a capped upload is the same set each time.
    this.#numbers = db
      .prepare<[number], string>(`SELECT DISTINCT address FROM contact_addresses WHERE address LIKE '+%' ORDER BY address LIMIT ?`)
      .pluck();
    this.#clear = db.prepare(`DELETE FROM mailbox_reach`);
    this.#insert = db.prepare<[string, string, number, number]>(
      `INSERT INTO mailbox_reach (account, address, registered, checked_at) VALUES (?, ?, ?, ?)`,
    );
    this.#of = db.prepare<[string, string], { registered: number }>(
      `SELECT registered FROM mailbox_reach WHERE account = ? AND address = ?`,
    );
  }

  /** The phone book as the server takes it: distinct E.164 numbers of every contact, at most REACH_UPLOAD_MAX. */
  numbersToUpload(): string[] {
    return this.#numbers.all(REACH_UPLOAD_MAX);
  }

  /**
   * Replaces what is known with the server's answer for `account`: every number in `asked`
   * is registered if `registered` holds it, else not. Another account's answers go: they
   * were true of that account's server, and only one account is signed in at a time.
   */
  record(account: string, asked: readonly string[], registered: ReadonlySet<string>, at: number): void {
    this.#db.transaction(() => {
      this.#clear.run();
      for (const address of new Set(asked)) this.#insert.run(account, address, registered.has(address) ? 1 : 0, at);
    })();
  }

  /** Whether `address` was registered when `account` last asked; undefined: never asked. */
  registered(account: string, address: string): boolean | undefined {
    const row = this.#of.get(account, address);
    return row === undefined ? undefined : row.registered === 1;
  }

  /** True if any of the numbers is registered, false if some are known and none is, null if none is known. */
  anyRegistered(account: string, addresses: readonly string[]): boolean | null {
    let known = false;
    for (const address of addresses) {
      const registered = this.registered(account, address);
      if (registered === true) return true;
      if (registered === false) known = true;
    }
    return known ? false : null;
  }

  /** Forgets every answer (logout: nobody is asking any more). */
  clear(): void {
    this.#clear.run();
  }
}
