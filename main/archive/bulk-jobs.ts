import type { AddressNormaliser } from './address';
import { ArchiveError } from './errors';
import { newUid } from './ids';
import type { MessageStore } from './messages';
import { cleanText, type Encoding, type Message, type StoreContext } from './model';
import type { OutboxStore } from './outbox';

export type BulkState = 'running' | 'paused' | 'cancelled' | 'done';
export type BulkRecipientState = 'pending' | 'queued' | 'cancelled';

export interface BulkJob {
  id: number;
  uid: string;
  name: string;
  source: string;
  template: string;
  flash: boolean;
  /** Messages of this job waiting unclaimed in the outbox at most. */
  window: number;
  state: BulkState;
  /** Recipients (rows that had errors and were left out are only counted in `skipped`). */
  total: number;
  skipped: number;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/**
 * Where each recipient of a job is. The counts split `total`: every recipient is in exactly
 * one of them. `pending` were not handed to the outbox yet; the others follow the message.
 */
export interface BulkProgress {
  total: number;
  pending: number;
  /** In the outbox, not claimed by a station yet. */
  queued: number;
  /** Claimed: a station is sending it now. */
  sending: number;
  sent: number;
  unconfirmed: number;
  delivered: number;
  failed: number;
  cancelled: number;
}

export interface NewBulkRecipient {
  /** Line of the CSV file or position in the group, for people to find the row. */
  row: number;
  /** Recipient as written; normalised here. */
  to: string;
  body: string;
  encoding: Encoding;
  partCount: number;
}

export interface NewBulkJob {
  name: string;
  source: string;
  template: string;
  flash?: boolean;
  window?: number;
  skipped?: number;
  recipients: readonly NewBulkRecipient[];
}

export interface BulkRecipient {
  id: number;
  row: number;
  peer: string;
  body: string;
  encoding: Encoding;
  partCount: number;
  state: BulkRecipientState;
  messageId: number | null;
}

interface JobRow {
  id: number;
  uid: string;
  name: string;
  source: string;
  template: string;
  flash: number;
  window_size: number;
  state: BulkState;
  skipped: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  total: number;
}

interface RecipientRow {
  id: number;
  row_no: number;
  uid: string;
  peer: string;
  body: string;
  encoding: Encoding;
  part_count: number;
  state: BulkRecipientState;
  message_id: number | null;
}

/**
 * Small enough that a person's own message waits behind only a few bulk messages in the
 * outbox, and that a pause has only a few to take back; the outbox's rate limit paces the sends.
 */
export const DEFAULT_BULK_WINDOW = 2;

/**
 * Bulk sends. A job and all its recipients (merged text, part count) are written in one
 * transaction; `feed` hands recipients of running jobs to the outbox a few at a time. What
 * is in the outbox and not claimed by a station is what `pause` takes back and `cancel`
 * cancels; a message a station claimed is in flight and left alone. Every step runs in an
 * IMMEDIATE transaction, so a CLI and a station on one archive never feed, pause or cancel
 * the same recipient twice.
 */
export class BulkJobStore {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #messages: MessageStore;
  readonly #outbox: OutboxStore;
  readonly #insertJob;
  readonly #insertRecipient;
  readonly #job;
  readonly #byUid;
  readonly #all;
  readonly #running;
  readonly #anyRunning;
  readonly #setState;
  readonly #waiting;
  readonly #active;
  readonly #pending;
  readonly #pendingCount;
  readonly #handedOver;
  readonly #takeBack;
  readonly #cancelPending;
  readonly #cancelRecipient;
  readonly #takeable;
  readonly #progress;
  readonly #recipients;
  readonly #jobOfUid;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, messages: MessageStore, outbox: OutboxStore) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#messages = messages;
    this.#outbox = outbox;
    const db = ctx.db;
    const jobColumns = `j.*, (SELECT count(*) FROM bulk_recipients r WHERE r.bulk_id = j.id) AS total`;
    this.#insertJob = db.prepare<[string, string, string, string, number, number, number, number, number], { id: number }>(
      `INSERT INTO bulk_jobs (uid, name, source, template, flash, window_size, state, skipped, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?) RETURNING id`,
    );
    this.#insertRecipient = db.prepare<[number, number, string, string, string, Encoding, number]>(
      `INSERT INTO bulk_recipients (bulk_id, row_no, uid, peer, body, encoding, part_count, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
    );
    this.#job = db.prepare<[number], JobRow>(`SELECT ${jobColumns} FROM bulk_jobs j WHERE j.id = ?`);
    this.#byUid = db.prepare<[string], JobRow>(`SELECT ${jobColumns} FROM bulk_jobs j WHERE j.uid = ?`);
    this.#all = db.prepare<[], JobRow>(`SELECT ${jobColumns} FROM bulk_jobs j ORDER BY j.id DESC`);
    this.#running = db.prepare<[], JobRow>(`SELECT ${jobColumns} FROM bulk_jobs j WHERE j.state = 'running' ORDER BY j.id`);
    this.#anyRunning = db.prepare<[], { id: number }>(`SELECT id FROM bulk_jobs WHERE state = 'running' LIMIT 1`);
    this.#setState = db.prepare<[BulkState, number, number | null, number]>(
      `UPDATE bulk_jobs SET state = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
    );
    // Handed over and still waiting for a station (a retry waiting for its time counts too).
    this.#waiting = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM bulk_recipients r JOIN outbox_jobs o ON o.message_id = r.message_id
       WHERE r.bulk_id = ? AND r.state = 'queued' AND o.state = 'queued'`,
    );
    this.#active = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM bulk_recipients r JOIN outbox_jobs o ON o.message_id = r.message_id
       WHERE r.bulk_id = ? AND r.state = 'queued' AND o.state IN ('queued', 'claimed')`,
    );
    this.#pending = db.prepare<[number, number], RecipientRow>(
      `SELECT * FROM bulk_recipients WHERE bulk_id = ? AND state = 'pending' ORDER BY row_no, id LIMIT ?`,
    );
    this.#pendingCount = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM bulk_recipients WHERE bulk_id = ? AND state = 'pending'`,
    );
    this.#handedOver = db.prepare<[number, number]>(`UPDATE bulk_recipients SET state = 'queued', message_id = ? WHERE id = ?`);
    // A new uid: the message it was queued under is gone, and a uid names one message for ever.
    this.#takeBack = db.prepare<[string, number]>(`UPDATE bulk_recipients SET state = 'pending', message_id = NULL, uid = ? WHERE id = ?`);
    this.#cancelPending = db.prepare<[number]>(`UPDATE bulk_recipients SET state = 'cancelled' WHERE bulk_id = ? AND state = 'pending'`);
    this.#cancelRecipient = db.prepare<[number]>(`UPDATE bulk_recipients SET state = 'cancelled' WHERE id = ?`);
    // In the outbox, unclaimed, and not a single part begun in any attempt: nothing of it has
    // reached a modem, so it can be taken back or cancelled without a trace on the network.
    this.#takeable = db.prepare<[number], { id: number; message_id: number }>(
      `SELECT r.id, r.message_id FROM bulk_recipients r JOIN outbox_jobs o ON o.message_id = r.message_id
       WHERE r.bulk_id = ? AND r.state = 'queued' AND o.state = 'queued'
         AND NOT EXISTS (SELECT 1 FROM parts p WHERE p.message_id = r.message_id)
       ORDER BY r.row_no, r.id`,
    );
    this.#progress = db.prepare<[number], { s: string; n: number }>(
      `SELECT CASE r.state WHEN 'queued' THEN coalesce(m.status, 'cancelled') ELSE r.state END AS s, count(*) AS n
       FROM bulk_recipients r LEFT JOIN messages m ON m.id = r.message_id
       WHERE r.bulk_id = ? GROUP BY s`,
    );
    this.#recipients = db.prepare<[number, number, number], RecipientRow>(
      `SELECT * FROM bulk_recipients WHERE bulk_id = ? AND id > ? ORDER BY id LIMIT ?`,
    );
    // A recipient's message has the recipient's uid (feed queues it under that uid); UNIQUE index.
    this.#jobOfUid = db.prepare<[string], { bulk_id: number }>(`SELECT bulk_id FROM bulk_recipients WHERE uid = ?`);
  }

  /** Creates a running job with all its recipients in one transaction. */
  create(input: NewBulkJob): BulkJob {
    const window = input.window ?? DEFAULT_BULK_WINDOW;
    if (!Number.isInteger(window) || window < 1 || window > 1000) {
      throw new ArchiveError('ARCHIVE_INVALID', `A bulk send keeps 1 to 1000 messages in the outbox at a time, not ${window}.`);
    }
    if (input.recipients.length === 0) throw new ArchiveError('ARCHIVE_INVALID', 'A bulk send needs at least one recipient.');
    return this.#ctx.db.transaction(() => {
      const now = this.#ctx.now();
      const { id } = this.#insertJob.get(
        newUid(),
        input.name.trim() || input.source,
        input.source,
        input.template,
        input.flash ? 1 : 0,
        window,
        input.skipped ?? 0,
        now,
        now,
      ) as { id: number };
      for (const r of input.recipients) {
        if (r.body.length === 0) throw new ArchiveError('ARCHIVE_INVALID', `Row ${r.row} has an empty message.`);
        this.#insertRecipient.run(id, r.row, newUid(), this.#addresses.normalise(r.to), cleanText(r.body), r.encoding, r.partCount);
      }
      return this.get(id) as BulkJob;
    })();
  }

  get(id: number): BulkJob | undefined {
    const row = this.#job.get(id);
    return row ? toJob(row) : undefined;
  }

  getByUid(uid: string): BulkJob | undefined {
    const row = this.#byUid.get(uid);
    return row ? toJob(row) : undefined;
  }

  /** Every job, newest first. */
  list(): BulkJob[] {
    return this.#all.all().map(toJob);
  }

  progress(id: number): BulkProgress {
    this.#mustJob(id);
    const counts: BulkProgress = {
      total: 0,
      pending: 0,
      queued: 0,
      sending: 0,
      sent: 0,
      unconfirmed: 0,
      delivered: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const { s, n } of this.#progress.all(id)) {
      counts.total += n;
      // 'draft' cannot happen (the outbox queues); counted as waiting if it ever did.
      const key: keyof BulkProgress = s in counts && s !== 'total' ? (s as keyof BulkProgress) : 'queued';
      counts[key] += n;
    }
    return counts;
  }

  /** The job a message of a bulk send belongs to, by the message's uid; undefined for any other message. */
  jobIdOfMessage(messageUid: string): number | undefined {
    return this.#jobOfUid.get(messageUid)?.bulk_id;
  }

  /** Recipients in the order they were created, `limit` after id `after`. */
  recipients(id: number, page: { after?: number; limit?: number } = {}): BulkRecipient[] {
    return this.#recipients.all(id, page.after ?? 0, page.limit ?? 100).map(toRecipient);
  }

  /**
   * Hands recipients of running jobs to the outbox until each job has `window` messages
   * waiting there, and marks a job done once nothing of it is left to send. Returns the
   * messages queued now.
   */
  feed(): Message[] {
    // Every poll of every station calls this: with nothing running, no write lock is taken.
    if (!this.#anyRunning.get()) return [];
    const run = this.#ctx.db.transaction(() => {
      const queued: Message[] = [];
      for (const row of this.#running.all()) {
        const free = row.window_size - (this.#waiting.get(row.id)?.n ?? 0);
        if (free > 0) {
          for (const r of this.#pending.all(row.id, free)) {
            const { message } = this.#outbox.queue({
              uid: r.uid,
              to: r.peer,
              body: r.body,
              encoding: r.encoding,
              partCount: r.part_count,
              flash: row.flash === 1,
            });
            this.#handedOver.run(message.id, r.id);
            queued.push(message);
          }
        }
        if ((this.#pendingCount.get(row.id)?.n ?? 0) === 0 && (this.#active.get(row.id)?.n ?? 0) === 0) {
          const now = this.#ctx.now();
          this.#setState.run('done', now, now, row.id);
        }
      }
      return queued;
    });
    return run.immediate();
  }

  /**
   * Stops the job: nothing more is handed to the outbox, and messages of it that wait there
   * unclaimed (no part begun) are taken back, so the recipients are pending again and no
   * station sends them. A message a station already claimed is in flight and goes on.
   * Returns the job and how many messages were taken back.
   */
  pause(id: number): { job: BulkJob; takenBack: number } {
    const run = this.#ctx.db.transaction(() => {
      const job = this.#mustJob(id);
      if (job.state === 'paused') return { job: toJob(job), takenBack: 0 };
      if (job.state !== 'running') throw this.#finished(job, 'paused');
      this.#setState.run('paused', this.#ctx.now(), null, id);
      const takeable = this.#takeable.all(id);
      for (const r of takeable) {
        this.#takeBack.run(newUid(), r.id);
        // The message and its outbox job go (ON DELETE CASCADE); resume queues a new one.
        this.#messages.delete(r.message_id);
      }
      return { job: this.get(id) as BulkJob, takenBack: takeable.length };
    });
    return run.immediate();
  }

  /** A paused job runs again: the next feed hands its pending recipients to the outbox. */
  resume(id: number): BulkJob {
    const run = this.#ctx.db.transaction(() => {
      const job = this.#mustJob(id);
      if (job.state === 'running') return toJob(job);
      if (job.state !== 'paused') throw this.#finished(job, 'resumed');
      this.#setState.run('running', this.#ctx.now(), null, id);
      return this.get(id) as BulkJob;
    });
    return run.immediate();
  }

  /**
   * Ends the job: recipients not handed over yet are cancelled, and messages of it waiting
   * unclaimed in the outbox (no part begun) are cancelled there. Messages in flight, or with
   * a part already out, are left to finish. Returns the job and the messages cancelled.
   */
  cancel(id: number): { job: BulkJob; cancelled: Message[] } {
    const run = this.#ctx.db.transaction(() => {
      const job = this.#mustJob(id);
      if (job.state === 'cancelled') return { job: toJob(job), cancelled: [] };
      if (job.state === 'done') throw this.#finished(job, 'cancelled');
      const now = this.#ctx.now();
      this.#setState.run('cancelled', now, now, id);
      this.#cancelPending.run(id);
      const cancelled: Message[] = [];
      for (const r of this.#takeable.all(id)) {
        if (!this.#outbox.cancel(r.message_id)) continue;
        this.#cancelRecipient.run(r.id);
        const message = this.#messages.get(r.message_id);
        if (message) cancelled.push(message);
      }
      return { job: this.get(id) as BulkJob, cancelled };
    });
    return run.immediate();
  }

  #mustJob(id: number): JobRow {
    const row = this.#job.get(id);
    if (!row) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no bulk send ${id}.`);
    return row;
  }

  #finished(job: JobRow, verb: string): ArchiveError {
    const how = job.state === 'done' ? 'has finished' : `is ${job.state}`;
    return new ArchiveError('ARCHIVE_CONFLICT', `Bulk send ${job.id} ${how} and cannot be ${verb}.`);
  }
}

function toJob(r: JobRow): BulkJob {
  return {
    id: r.id,
    uid: r.uid,
    name: r.name,
    source: r.source,
    template: r.template,
    flash: r.flash === 1,
    window: r.window_size,
    state: r.state,
    total: r.total,
    skipped: r.skipped,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

function toRecipient(r: RecipientRow): BulkRecipient {
  return {
    id: r.id,
    row: r.row_no,
    peer: r.peer,
    body: r.body,
    encoding: r.encoding,
    partCount: r.part_count,
    state: r.state,
    messageId: r.message_id,
  };
}
