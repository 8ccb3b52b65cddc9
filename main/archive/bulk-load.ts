import type { Database, Statement } from 'better-sqlite3';
import { ArchiveError } from './errors';
import { MESSAGE_COLUMNS, VALUES_PER_ROW } from './messages';

const CONVERSATION = MESSAGE_COLUMNS.indexOf('conversation_id');
const DIRECTION = MESSAGE_COLUMNS.indexOf('direction');
const BODY = MESSAGE_COLUMNS.indexOf('body');
const READ = MESSAGE_COLUMNS.indexOf('read');
const SORT_AT = MESSAGE_COLUMNS.indexOf('sort_at');

/** What a batch adds to one conversation: counts, and its newest row (sort_at, then id). */
interface Summary {
  conversationId: number;
  added: number;
  unread: number;
  id: number;
  sortAt: number;
  body: string;
}

/** 24 columns x 100 rows stays far below SQLite's 32,766 bound parameters. */
export const MAX_ROWS_PER_STATEMENT = 100;

/**
 * WAL pages (4 KB) past which a batch's COMMIT checkpoints, instead of the connection's 1,000.
 * A batch rewrites the same hot pages (the thread index's leaves, the conversations) every time;
 * checkpointing after every batch copied and synced them into the database file each time, a
 * quarter to a third of an import's wall time. 80 MB of WAL is copied once instead. The setting
 * is the connection's, so it is raised for the batch's own commit only; the station's writes in
 * between keep the usual one and checkpoint what an import left.
 */
export const IMPORT_CHECKPOINT_PAGES = 20_000;

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
 *
 * The summaries come from the values `insertRows` was given, not from the rows read back: the
 * batch's rows are still in hand, and reading 5,000 rows back through a window query cost
 * about as much as inserting them did (1.7 s of a 10 s import of 200,000 records). A batch
 * with rows inserted another way (the one-by-one path after a refused statement) is summarised
 * from the table, as before: the largest id tells whether every row went through insertRows.
 */
export class BulkLoad {
  readonly #db: Database;
  readonly #run: (write: () => void) => void;
  /** INSERT statements by number of rows. */
  readonly #inserts = new Map<number, Statement<unknown[]>>();
  /** Per batch: conversation id → what insertRows added to it. */
  readonly #summaries = new Map<number, Summary>();
  /** Per batch: rows insertRows added, and the largest id before the batch. */
  #noted = 0;
  #afterId = 0;

  constructor(db: Database) {
    this.#db = db;
    const begin = db
      .prepare(`INSERT INTO bulk_load (active, after_id) SELECT 1, coalesce(max(id), 0) FROM messages RETURNING after_id`)
      .pluck();
    const index = db.prepare(
      `INSERT INTO messages_fts(rowid, body) SELECT id, body FROM messages WHERE id > (SELECT after_id FROM bulk_load)`,
    );
    const lastId = db.prepare(`SELECT coalesce(max(id), 0) FROM messages`).pluck();
    // The per-row trigger applied to the batch in id order: message_count and unread add up; the
    // last message is the newest (sort_at, then id) one if it is not older than the current
    // last message (">=", as in the trigger).
    const summariseFromTable = db.prepare(
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
    // The same rule for one conversation, from the summary insertRows kept; substr counts
    // characters as the trigger does.
    const summarise = db.prepare<[Summary]>(
      `UPDATE conversations SET
         message_count   = message_count + @added,
         unread          = unread + @unread,
         last_message_id = CASE WHEN @sortAt >= last_message_at THEN @id ELSE last_message_id END,
         snippet         = CASE WHEN @sortAt >= last_message_at THEN substr(@body, 1, 200) ELSE snippet END,
         last_message_at = max(last_message_at, @sortAt)
       WHERE id = @conversationId`,
    );
    const end = db.prepare(`DELETE FROM bulk_load`);
    this.#run = db.transaction((write: () => void) => {
      this.#afterId = begin.get() as number;
      write();
      index.run();
      if ((lastId.get() as number) === this.#afterId + this.#noted) {
        for (const s of this.#summaries.values()) summarise.run(s);
      } else {
        summariseFromTable.run();
      }
      end.run();
    });
  }

  /** Runs `write` (inserts of new messages only) as one batch, in one transaction. */
  run(write: () => void): void {
    this.#summaries.clear();
    this.#noted = 0;
    const checkpointAt = this.#db.pragma('wal_autocheckpoint', { simple: true }) as number;
    // 0 means the connection's owner checkpoints by hand: left alone.
    const raise = checkpointAt > 0 && checkpointAt < IMPORT_CHECKPOINT_PAGES;
    if (raise) this.#db.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
    try {
      this.#run(write);
    } finally {
      if (raise) this.#db.pragma(`wal_autocheckpoint = ${checkpointAt}`);
      this.#summaries.clear();
    }
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
    // The statement's rows got consecutive ids ending at the last one (see the class comment).
    const last = Number(insert.run(values).lastInsertRowid);
    this.#note(values, rows, last - rows + 1);
  }

  /** Folds the rows of one statement, in id order, into their conversations' summaries. */
  #note(values: readonly unknown[], rows: number, firstId: number): void {
    for (let k = 0, at = 0; k < rows; k++, at += VALUES_PER_ROW) {
      const conversationId = values[at + CONVERSATION] as number;
      const sortAt = values[at + SORT_AT] as number;
      const unread = values[at + DIRECTION] === 'in' && values[at + READ] === 0 ? 1 : 0;
      const s = this.#summaries.get(conversationId);
      if (s === undefined) {
        this.#summaries.set(conversationId, {
          conversationId,
          added: 1,
          unread,
          id: firstId + k,
          sortAt,
          body: values[at + BODY] as string,
        });
        continue;
      }
      s.added++;
      s.unread += unread;
      // Later ids win ties, as the trigger's ">=" does row by row.
      if (sortAt >= s.sortAt) {
        s.id = firstId + k;
        s.sortAt = sortAt;
        s.body = values[at + BODY] as string;
      }
    }
    this.#noted += rows;
  }
}
