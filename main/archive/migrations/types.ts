import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the `PRAGMA user_version` the database has after `up`;
 * steps run in order, each in its own transaction. A landed migration is never edited:
 * a change to the schema is a new file with the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
