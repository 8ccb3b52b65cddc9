import type { Archive } from '../archive';
import { BulkLoad } from '../bulk-load';
import { ArchiveError } from '../errors';
import type { NewMessage } from '../messages';
import type { Channel } from '../model';
import type { ReportBuilder } from './report';

export interface PendingMessage {
  message: NewMessage;
  /** Where the record was, for the report if the insert fails. */
  record: number;
  line: number;
}

/**
 * Collects parsed records and writes them in batched transactions: one transaction per
 * few thousand records keeps a million-record import fast and lets the station's own
 * writes through between batches. Each batch is a BulkLoad: the search index and the
 * conversation summaries are updated once per batch, before its COMMIT.
 */
export class MessageSink {
  readonly #archive: Archive;
  readonly #builder: ReportBuilder;
  readonly #batchSize: number;
  readonly #pending: PendingMessage[] = [];
  readonly #conversations = new Map<string, number>();
  readonly #bulk: BulkLoad;

  constructor(archive: Archive, builder: ReportBuilder, batchSize = 5000) {
    this.#archive = archive;
    this.#builder = builder;
    this.#batchSize = batchSize;
    this.#bulk = new BulkLoad(archive.db);
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
      this.#bulk.run(() => {
        for (const item of batch) this.#insert(item);
      });
    }
    this.#builder.progress(bytesRead);
  }

  #insert(item: PendingMessage): void {
    const m = item.message;
    const report = this.#builder.report;
    // A message exported with its uid and imported into the archive it came from.
    if (m.uid !== undefined && this.#archive.messages.getByUid(m.uid)) {
      report.duplicates++;
      return;
    }
    // A failing INSERT rolls back only its own statement (SQLite's statement journal), so one
    // bad row is reported and the rest of the batch still lands.
    try {
      const conversationId = this.#conversation(m.channel ?? 'sms', m.peer);
      // The identity of a record without a uid: conversation, time, direction and text. The
      // same file imported twice, or an export of this archive, adds nothing.
      if (this.#archive.messages.findSame(conversationId, m.sortAt ?? m.createdAt ?? 0, m.direction, m.body) !== undefined) {
        report.duplicates++;
        return;
      }
      const id = this.#archive.messages.insertIntoConversation(conversationId, m);
      if (id === undefined) report.duplicates++;
      else report.imported++;
    } catch (err) {
      // An error that ended the whole transaction (RAISE(ROLLBACK), an I/O error) is not one
      // bad record: the rest of the batch must not go on outside it.
      if (!this.#archive.db.inTransaction) throw err;
      const reason =
        err instanceof ArchiveError ? err.message : `the archive refused it (${err instanceof Error ? err.message : String(err)})`;
      this.#builder.issue({ record: item.record, line: item.line, reason });
    }
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
