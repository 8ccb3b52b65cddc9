import type { Database, Statement } from 'better-sqlite3';
import { ArchiveError } from './errors';
import { MESSAGE_COLUMNS, VALUES_PER_ROW } from './messages';

/** 24 columns x 100 rows stays far below SQLite's 32,766 bound parameters. */
export const MAX_ROWS_PER_STATEMENT = 100;

/**
 * Many new messages in one transaction, with the full-text index and the conversation
 * summaries brought up to date once per batch instead of once per row (migration 002).
 *
 * While the batch's `bulk_load` row exists, the two AFTER INSERT triggers on messages do
 * nothing; before COMMIT, one INSERT … SELECT indexes the batch's rows and one UPDATE folds them
 * into their conversations, with the same rules as the triggers. The flag row is inserted and
 * deleted inside the same transaction, so another connection never sees it, a failed batch
 * rolls back flag, rows, index and summaries together, and every commit leaves search and
 * summaries exactly in step with the messages table.
 *
 * The batch's rows are those with an id above the largest id at its start: messages.id is an
 * INTEGER PRIMARY KEY without AUTOINCREMENT and no store chooses ids, so SQLite gives each new
 * row the largest id + 1. Inside `write`, only insert messages: an update or delete of a row of
 * the batch would reach the full-text triggers before the row is indexed.
 */
export class BulkLoad {
  readonly #db: Database;
  readonly #run: (write: () => void) => void;
  /** INSERT statements by number of rows. */
  readonly #inserts = new Map<number, Statement<unknown[]>>();

  constructor(db: Database) {
    this.#db = db;
    const begin = db.prepare(`INSERT INTO bulk_load (active, after_id) SELECT 1, coalesce(max(id), 0) FROM messages`);
    const index = db.prepare(
      `INSERT INTO messages_fts(rowid, body) SELECT id, body FROM messages WHERE id > (SELECT after_id FROM bulk_load)`,
    );
    // The per-row trigger applied to the batch in id order: message_count and unread add up; the
    // last message is the newest (sort_at, then id) one if it is not older than the current
    // last message (">=", as in the trigger).
    const summarise = db.prepare(
      `WITH batch AS (
         SELECT id, conversation_id, sort_at,
           count(*) OVER whole AS added,
           sum(direction = 'in' AND read = 0) OVER whole AS added_unread,
           row_number() OVER (PARTITION BY conversation_id ORDER BY sort_at DESC, id DESC) AS newest
         FROM messages WHERE id > (SELECT after_id FROM bulk_load)
         WINDOW whole AS (PARTITION BY conversation_id)
       )
       UPDATE conversations SET
         message_count   = message_count + b.added,
         unread          = unread + b.added_unread,
         last_message_id = CASE WHEN b.sort_at >= last_message_at THEN b.id ELSE last_message_id END,
         snippet         = CASE WHEN b.sort_at >= last_message_at
                             THEN (SELECT substr(body, 1, 200) FROM messages WHERE id = b.id) ELSE snippet END,
         last_message_at = max(last_message_at, b.sort_at)
       FROM (SELECT * FROM batch WHERE newest = 1) AS b
       WHERE conversations.id = b.conversation_id`,
    );
    const end = db.prepare(`DELETE FROM bulk_load`);
    this.#run = db.transaction((write: () => void) => {
      begin.run();
      write();
      index.run();
      summarise.run();
      end.run();
    });
  }

  /** Runs `write` (inserts of new messages only) as one batch, in one transaction. */
  run(write: () => void): void {
    this.#run(write);
  }

  /**
   * Inside `run`: inserts `rows` messages laid out one after another in `values` (see
   * `messageValues`) with one statement. Several rows per statement spare SQLite the statement
   * savepoint, the trigger programs' set-up and the VDBE start of every row: about a third of
   * the insert's CPU time. The statement is all or nothing: when it fails, none of its rows is
   * in, and the caller can try them one by one to find the bad one.
   */
  insertRows(values: readonly unknown[], rows: number): void {
    if (rows < 1 || rows > MAX_ROWS_PER_STATEMENT || values.length !== rows * VALUES_PER_ROW) {
      throw new ArchiveError('ARCHIVE_INVALID', `Cannot insert ${rows} rows from ${values.length} values.`);
    }
    let insert = this.#inserts.get(rows);
    if (insert === undefined) {
      const row = `(${MESSAGE_COLUMNS.map(() => '?').join(', ')})`;
      insert = this.#db.prepare<unknown[]>(
        `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
      );
      this.#inserts.set(rows, insert);
    }
    insert.run(values);
  }
}
