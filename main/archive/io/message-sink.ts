import type { Statement } from 'better-sqlite3';
import type { Archive } from '../archive';
import { BulkLoad, MAX_ROWS_PER_STATEMENT } from '../bulk-load';
import { MESSAGE_COLUMNS, VALUES_PER_ROW, messageValues } from '../messages';
import { ArchiveError } from '../errors';
import type { NewMessage } from '../messages';
import { cleanText, type Channel } from '../model';
import type { ReportBuilder } from './report';

export interface PendingMessage {
  message: NewMessage;
  /** Where the record was, for the report if the insert fails. */
  record: number;
  line: number;
}

const SORT_AT = MESSAGE_COLUMNS.indexOf('sort_at');
const BODY = MESSAGE_COLUMNS.indexOf('body');

/** A record on its way into the next multi-row INSERT. */
interface Row {
  item: PendingMessage;
  conversationId: number;
  /** The stored sort_at (NaN for a duplicate, which is not stored). */
  sortAt: number;
  /** The stored body (`cleanText`), compared with later records of the same statement. */
  body: string;
  /** Identical to an earlier row of the same statement: counted as a duplicate once that row is in. */
  duplicate: boolean;
}

/**
 * Collects parsed records and writes them in batched transactions: one transaction per
 * few thousand records keeps a million-record import fast and lets the station's own
 * writes through between batches. Each batch is a BulkLoad: the search index and the
 * conversation summaries are updated once per batch, before its COMMIT; inside it, new rows
 * go in MAX_ROWS_PER_STATEMENT at a time.
 *
 * A record is a duplicate when a message with its uid, or with its conversation, time,
 * direction and text, is already archived or already waiting in the same statement. A
 * statement that fails (a row the archive refuses) is taken back whole and its records are
 * tried one by one, so one bad record is reported and costs only itself.
 */
export class MessageSink {
  readonly #archive: Archive;
  readonly #builder: ReportBuilder;
  readonly #batchSize: number;
  readonly #pending: PendingMessage[] = [];
  readonly #conversations = new Map<string, number>();
  readonly #bulk: BulkLoad;
  readonly #lastMessageAt: Statement<[number], number>;
  /**
   * Per batch: conversation id → a time no message of it is newer than (its last message as
   * committed, raised by every row of the batch). A record newer than that cannot be a
   * duplicate, so the probe of messages_thread is skipped: the usual case of a first import.
   */
  readonly #newest = new Map<number, number>();
  readonly #rows: Row[] = [];
  readonly #values: unknown[] = new Array<unknown>(MAX_ROWS_PER_STATEMENT * VALUES_PER_ROW);
  #stored = 0;

  constructor(archive: Archive, builder: ReportBuilder, batchSize = 5000) {
    this.#archive = archive;
    this.#builder = builder;
    this.#batchSize = batchSize;
    this.#bulk = new BulkLoad(archive.db);
    this.#lastMessageAt = archive.db.prepare<[number], number>(`SELECT last_message_at FROM conversations WHERE id = ?`).pluck();
  }

  /** Normalises the peer and queues the record; writes a batch when one is full. */
  add(item: PendingMessage): void {
    const m = item.message;
    try {
      m.peer = this.#archive.addresses.normalise(m.peer);
    } catch (err) {
      this.#builder.issue({ record: item.record, line: item.line, reason: err instanceof Error ? err.message : String(err) });
      return;
    }
    m.origin = 'import';
    this.#pending.push(item);
    if (this.#pending.length >= this.#batchSize) this.flush();
  }

  flush(bytesRead?: number): void {
    if (this.#pending.length > 0) {
      const batch = this.#pending.splice(0);
      this.#newest.clear();
      try {
        this.#bulk.run(() => {
          for (const item of batch) this.#take(item);
          this.#write();
        });
      } finally {
        this.#rows.length = 0;
        this.#stored = 0;
      }
    }
    this.#builder.progress(bytesRead);
  }

  /** Counts the record as a duplicate, reports it, or lines it up for the next INSERT. */
  #take(item: PendingMessage): void {
    const m = item.message;
    const report = this.#builder.report;
    try {
      // A message exported with its uid and imported into the archive it came from.
      if (m.uid !== undefined && this.#archive.messages.getByUid(m.uid)) {
        report.duplicates++;
        return;
      }
      const conversationId = this.#conversation(m.channel ?? 'sms', m.peer);
      if (m.createdAt === undefined) {
        // Not an import record (every format gives a time): the store's own insert and clock.
        this.#write();
        this.#insertOne(item);
        return;
      }
      // The time a record is looked up by, as before: its sort time, else its creation time.
      const duplicate = this.#seen(m, conversationId, m.sortAt ?? m.createdAt);
      if (duplicate === 'archived') {
        report.duplicates++;
        return;
      }
      let sortAt = Number.NaN;
      let body = '';
      if (!duplicate) {
        const at = this.#stored * VALUES_PER_ROW;
        messageValues(m, conversationId, this.#values, at);
        this.#stored++;
        // The stored sort_at and body are what later records are compared with.
        sortAt = this.#values[at + SORT_AT] as number;
        body = this.#values[at + BODY] as string;
        if (sortAt > (this.#newest.get(conversationId) ?? Number.NEGATIVE_INFINITY)) this.#newest.set(conversationId, sortAt);
      }
      this.#rows.push({ item, conversationId, sortAt, body, duplicate });
      if (this.#stored === MAX_ROWS_PER_STATEMENT) this.#write();
    } catch (err) {
      this.#refused(item, err);
    }
  }

  /**
   * 'archived' when the archive has the record already, true when an earlier record waiting
   * for the same statement is the same message, else false. The identity of a record without
   * a uid: conversation, time, direction and text; the same file imported twice, or an export
   * of this archive, adds nothing.
   */
  #seen(m: NewMessage, conversationId: number, sortAt: number): 'archived' | boolean {
    if (m.uid !== undefined) {
      for (const r of this.#rows) if (!r.duplicate && r.item.message.uid === m.uid) return true;
    }
    let newest = this.#newest.get(conversationId);
    if (newest === undefined) {
      newest = this.#lastMessageAt.get(conversationId) ?? 0;
      this.#newest.set(conversationId, newest);
    }
    // Every message of the conversation, committed or in this batch, is at most `newest`.
    if (sortAt > newest) return false;
    if (this.#archive.messages.findSame(conversationId, sortAt, m.direction, m.body) !== undefined) return 'archived';
    const body = cleanText(m.body);
    for (const r of this.#rows) {
      if (r.duplicate) continue;
      const o = r.item.message;
      if (r.conversationId === conversationId && r.sortAt === sortAt && o.direction === m.direction && r.body === body) return true;
    }
    return false;
  }

  /** Inserts the rows lined up so far in one statement, or one by one if that statement fails. */
  #write(): void {
    if (this.#rows.length === 0) return;
    const rows = this.#rows.splice(0);
    const stored = this.#stored;
    this.#stored = 0;
    const report = this.#builder.report;
    if (stored > 0) {
      const values = stored === MAX_ROWS_PER_STATEMENT ? this.#values : this.#values.slice(0, stored * VALUES_PER_ROW);
      try {
        this.#bulk.insertRows(values, stored);
      } catch (err) {
        // An error that ended the whole transaction (RAISE(ROLLBACK), an I/O error) is not one
        // bad record: the rest of the batch must not go on outside it.
        if (!this.#archive.db.inTransaction) throw err;
        for (const r of rows) this.#insertOne(r.item);
        return;
      }
    }
    for (const r of rows) {
      if (r.duplicate) report.duplicates++;
      else report.imported++;
    }
  }

  /** The record on its own, as before multi-row statements: the path that names a bad record. */
  #insertOne(item: PendingMessage): void {
    const m = item.message;
    const report = this.#builder.report;
    try {
      if (m.uid !== undefined && this.#archive.messages.getByUid(m.uid)) {
        report.duplicates++;
        return;
      }
      const conversationId = this.#conversation(m.channel ?? 'sms', m.peer);
      if (this.#archive.messages.findSame(conversationId, m.sortAt ?? m.createdAt ?? 0, m.direction, m.body) !== undefined) {
        report.duplicates++;
        return;
      }
      // A failing INSERT rolls back only its own statement (SQLite's statement journal).
      const id = this.#archive.messages.insertIntoConversation(conversationId, m);
      if (id === undefined) report.duplicates++;
      else {
        report.imported++;
        // This path's sort_at default is the store's (it may differ from `sortAt ?? createdAt`).
        this.#newest.set(conversationId, Number.POSITIVE_INFINITY);
      }
    } catch (err) {
      this.#refused(item, err);
    }
  }

  #refused(item: PendingMessage, err: unknown): void {
    if (!this.#archive.db.inTransaction) throw err;
    const reason =
      err instanceof ArchiveError ? err.message : `the archive refused it (${err instanceof Error ? err.message : String(err)})`;
    this.#builder.issue({ record: item.record, line: item.line, reason });
  }

  #conversation(channel: Channel, peer: string): number {
    const key = `${channel}\u0000${peer}`;
    let id = this.#conversations.get(key);
    if (id === undefined) {
      id = this.#archive.conversations.ensure(channel, peer).id;
      this.#conversations.set(key, id);
    }
    return id;
  }
}
