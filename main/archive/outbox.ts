import type { AddressNormaliser } from './address';
import { decodeCursor, mergeNewest, pageLimit, toPage } from './cursor';
import { ArchiveError } from './errors';
import type { EventLog } from './events';
import type { MessageStore } from './messages';
import type { Channel, Encoding, JobState, Message, Part, StoreContext } from './model';
import { toPart, type PartRow } from './parts';
import { canMoveJob, canMovePart } from './status';

export interface QueueRequest {
  /** Recipient as a person typed it; normalised to E.164 here. */
  to: string;
  body: string;
  channel?: Channel;
  /** A client id (UUIDv7) for idempotent creation: queueing the same uid twice returns the first. */
  uid?: string;
  /** Scheduled send: not before this time. */
  notBefore?: number;
  /** Send through this modem only (the sender a person chose, e.g. by its SIM's number). */
  modemId?: number | null;
  maxAttempts?: number;
  encoding?: Encoding | null;
  /**
   * How many SMS parts the body needs (1–255), worked out by the caller that encodes it
   * (main/station `queueText`). Required: the message becomes "sent" once this many parts
   * went out, so a wrong count would call a long message sent after its first part.
   */
  partCount: number;
  flash?: boolean;
  /**
   * Ask the network for a status report (TS 23.040 §9.2.3.5, TP-SRR); undefined or null: as
   * the sending station is set up.
   */
  statusReport?: boolean | null;
}

export interface OutboxJob {
  id: number;
  messageId: number;
  state: JobState;
  notBefore: number;
  attempts: number;
  maxAttempts: number;
  /**
   * The only modem that may send it: the sender a person chose, or the modem that sent the
   * first parts of a long message (its other parts must come from the same number).
   */
  modemId: number | null;
  claimedBy: string | null;
  claimedUntil: number | null;
  lastError: string | null;
  /** Ask for a status report; null: as the sending station is set up. */
  statusReport: boolean | null;
  createdAt: number;
  updatedAt: number;
}

/** A due job with what routing needs of its message. */
export interface DueJob {
  job: OutboxJob;
  peer: string;
  partCount: number;
}

export interface OutboxPage {
  /** Newest first (by queue time). */
  items: OutboxJob[];
  /** Cursor for the next (older) page, or null after the last. */
  next: string | null;
}

const JOB_STATES: readonly JobState[] = ['queued', 'claimed', 'done', 'failed', 'unconfirmed', 'cancelled'];

interface JobRow {
  id: number;
  message_id: number;
  state: JobState;
  not_before: number;
  attempts: number;
  max_attempts: number;
  modem_id: number | null;
  claimed_by: string | null;
  claimed_until: number | null;
  last_error: string | null;
  status_report: number | null;
  created_at: number;
  updated_at: number;
}

/** Retry delay after `attempt` failed attempts: 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffDelay(attempt: number): number {
  const base = 30_000;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * The durable outbox. A message and its job are written in one transaction; a station
 * claims due jobs with a time-limited claim, reports each part's submission, and ends the
 * job as done, retried later (transient error), failed (permanent) or unconfirmed
 * (ambiguous: the PDU may have left, so it is never resent without a person deciding).
 */
export class OutboxStore {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #messages: MessageStore;
  readonly #events: EventLog;
  readonly #insertJob;
  readonly #job;
  readonly #jobByMessage;
  readonly #nextDue;
  readonly #claim;
  readonly #renew;
  readonly #setJob;
  readonly #expired;
  readonly #beginPart;
  readonly #part;
  readonly #parts;
  readonly #submitted;
  readonly #partStatus;
  readonly #dropPending;
  readonly #pendingParts;
  readonly #markUnconfirmed;
  readonly #pendingCount;
  readonly #uncount;
  readonly #due;
  readonly #dueAfter;
  readonly #pinnedAway;
  readonly #waitingReason;
  readonly #stick;
  readonly #listFirst;
  readonly #listAfter;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, messages: MessageStore, events: EventLog) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#messages = messages;
    this.#events = events;
    const db = ctx.db;
    this.#insertJob = db.prepare<[number, number, number, number | null, number | null, number, number], { id: number }>(
      `INSERT INTO outbox_jobs (message_id, state, not_before, max_attempts, modem_id, status_report, created_at, updated_at)
       VALUES (?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#job = db.prepare<[number], JobRow>(`SELECT * FROM outbox_jobs WHERE id = ?`);
    this.#jobByMessage = db.prepare<[number], JobRow>(`SELECT * FROM outbox_jobs WHERE message_id = ?`);
    // Due jobs in order; a job pinned to a modem only goes to a station that drives it.
    // INDEXED BY: without ANALYZE statistics SQLite prefers the equality on state in
    // outbox_jobs_state_recent and then sorts every queued job; this says which index serves
    // the query (and fails loudly if a migration ever drops it).
    this.#nextDue = db.prepare<[number, string], JobRow>(
      `SELECT * FROM outbox_jobs INDEXED BY outbox_jobs_due WHERE state = 'queued' AND not_before <= ?
         AND (modem_id IS NULL OR modem_id IN (SELECT value FROM json_each(?)))
       ORDER BY not_before, id LIMIT 1`,
    );
    this.#claim = db.prepare<[string, number, number, number]>(
      `UPDATE outbox_jobs SET state = 'claimed', claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE id = ? AND state = 'queued'`,
    );
    // Only the holder's own live claim is extended: a claim another station recovered (or took
    // over after recovering it) stays theirs.
    this.#renew = db.prepare<[number, number, number, string]>(
      `UPDATE outbox_jobs SET claimed_until = ?, updated_at = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ?`,
    );
    this.#setJob = db.prepare<[JobState, number | null, string | null, number, number]>(
      `UPDATE outbox_jobs SET state = ?, not_before = coalesce(?, not_before), last_error = ?, claimed_by = NULL, claimed_until = NULL,
         updated_at = ? WHERE id = ?`,
    );
    this.#expired = db.prepare<[number], JobRow>(`SELECT * FROM outbox_jobs WHERE state = 'claimed' AND claimed_until < ?`);
    this.#beginPart = db.prepare<[number, number, Buffer | null, number | null], { id: number }>(
      `INSERT INTO parts (message_id, seq, pdu, modem_id, status) VALUES (?, ?, ?, ?, 'pending')
       ON CONFLICT (message_id, seq) WHERE message_id IS NOT NULL
       DO UPDATE SET pdu = excluded.pdu, modem_id = excluded.modem_id, status = 'pending', tp_mr = NULL, submitted_at = NULL,
         status_reason = NULL
       RETURNING id`,
    );
    this.#part = db.prepare<[number, number], PartRow>(`SELECT * FROM parts WHERE message_id = ? AND seq = ?`);
    this.#parts = db.prepare<[number], PartRow>(`SELECT * FROM parts WHERE message_id = ? ORDER BY seq`);
    this.#submitted = db.prepare<[number, number, number | null, number]>(
      `UPDATE parts SET status = 'sent', tp_mr = ?, submitted_at = ?, modem_id = coalesce(?, modem_id) WHERE id = ?`,
    );
    this.#partStatus = db.prepare<[string, string | null, number]>(`UPDATE parts SET status = ?, status_reason = ? WHERE id = ?`);
    // A part begun in an attempt that ended without it leaving (refused, or the station stopped
    // before +CMGS) is forgotten, so only a part begun in the current claim can look in flight.
    this.#dropPending = db.prepare<[number]>(`DELETE FROM parts WHERE message_id = ? AND status = 'pending'`);
    this.#pendingParts = db.prepare<[number], PartRow>(`SELECT * FROM parts WHERE message_id = ? AND status = 'pending'`);
    // A part that may have left counts against its modem's rate from now on (submitted_at is
    // what the per-minute limit counts), though no TP-MR will ever match a report to it.
    this.#markUnconfirmed = db.prepare<[string, number, number]>(
      `UPDATE parts SET status = 'unconfirmed', status_reason = ?, submitted_at = coalesce(submitted_at, ?) WHERE id = ?`,
    );
    this.#uncount = db.prepare<[number]>(`UPDATE outbox_jobs SET attempts = max(attempts - 1, 0) WHERE id = ?`);
    this.#pendingCount = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM parts WHERE message_id = ? AND status = 'pending'`);
    // Due jobs in order with their message's recipient and size, a page at a time (keyset on
    // not_before, id), for the station's routing; walks outbox_jobs_due.
    const dueColumns = `SELECT j.*, m.peer, m.part_count FROM outbox_jobs j INDEXED BY outbox_jobs_due JOIN messages m ON m.id = j.message_id`;
    const dueWhere = `j.state = 'queued' AND j.not_before <= ? AND (j.modem_id IS NULL OR j.modem_id IN (SELECT value FROM json_each(?)))`;
    this.#due = db.prepare<[number, string, number], DueRow>(`${dueColumns} WHERE ${dueWhere} ORDER BY j.not_before, j.id LIMIT ?`);
    this.#dueAfter = db.prepare<[number, string, number, number, number], DueRow>(
      `${dueColumns} WHERE ${dueWhere} AND (j.not_before, j.id) > (?, ?) ORDER BY j.not_before, j.id LIMIT ?`,
    );
    // Due jobs only a modem outside the list may send (outbox_jobs_pinned).
    this.#pinnedAway = db.prepare<[number, string, number], JobRow>(
      `SELECT * FROM outbox_jobs INDEXED BY outbox_jobs_pinned WHERE state = 'queued' AND modem_id IS NOT NULL AND not_before <= ?
         AND modem_id NOT IN (SELECT value FROM json_each(?))
       ORDER BY modem_id, not_before LIMIT ?`,
    );
    this.#waitingReason = db.prepare<[string | null, number, string | null]>(
      `UPDATE messages SET status_reason = ?, revision = revision + 1
       WHERE id = ? AND status = 'queued' AND status_reason IS NOT ?`,
    );
    this.#stick = db.prepare<[number, number]>(`UPDATE outbox_jobs SET modem_id = ? WHERE message_id = ? AND modem_id IS NULL`);
    this.#listFirst = db.prepare<[JobState, number], JobRow>(
      `SELECT * FROM outbox_jobs WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.#listAfter = db.prepare<[JobState, number, number, number], JobRow>(
      `SELECT * FROM outbox_jobs WHERE state = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
  }

  /** Queues a message and its job in one transaction. */
  queue(request: QueueRequest): { message: Message; job: OutboxJob } {
    if (request.body.length === 0) throw new ArchiveError('ARCHIVE_INVALID', 'An empty message cannot be sent.');
    const peer = this.#addresses.normalise(request.to);
    return this.#ctx.db.transaction(() => {
      if (request.uid !== undefined) {
        const existing = this.#messages.getByUid(request.uid);
        if (existing) {
          const job = this.#jobByMessage.get(existing.id);
          if (!job || existing.direction !== 'out')
            throw new ArchiveError('ARCHIVE_CONFLICT', `Message ${request.uid} exists and is not an outgoing one.`);
          return { message: existing, job: toJob(job) };
        }
      }
      const now = this.#ctx.now();
      const message = this.#messages.insert({
        uid: request.uid,
        channel: request.channel ?? 'sms',
        direction: 'out',
        peer,
        modemId: request.modemId ?? null,
        body: request.body,
        encoding: request.encoding ?? null,
        partCount: request.partCount,
        status: 'queued',
        flash: request.flash ?? false,
        read: true,
        createdAt: now,
        sortAt: now,
      });
      if (!message) throw new ArchiveError('ARCHIVE_CONFLICT', 'The message could not be queued.');
      const row = this.#insertJob.get(
        message.id,
        request.notBefore ?? now,
        request.maxAttempts ?? 5,
        request.modemId ?? null,
        request.statusReport === undefined || request.statusReport === null ? null : request.statusReport ? 1 : 0,
        now,
        now,
      ) as { id: number };
      this.#events.record({ kind: 'message-status', messageId: message.id, from: null, to: 'queued', at: now });
      this.#events.record({ kind: 'job-state', messageId: message.id, jobId: row.id, from: null, to: 'queued', at: now });
      return { message, job: this.job(row.id) as OutboxJob };
    })();
  }

  job(id: number): OutboxJob | undefined {
    const row = this.#job.get(id);
    return row ? toJob(row) : undefined;
  }

  jobForMessage(messageId: number): OutboxJob | undefined {
    const row = this.#jobByMessage.get(messageId);
    return row ? toJob(row) : undefined;
  }

  /**
   * Claims the next due job for `holder` until now + claimMs, in an IMMEDIATE transaction so
   * two stations on one archive never claim the same job. `modemIds` are the modems the
   * holder drives (jobs pinned to other modems are left alone).
   */
  claimNext(holder: string, options: { claimMs: number; modemIds?: readonly number[] }): { job: OutboxJob; message: Message } | undefined {
    const claim = this.#ctx.db.transaction(() => {
      const now = this.#ctx.now();
      const row = this.#nextDue.get(now, JSON.stringify(options.modemIds ?? []));
      return row ? this.#claimRow(row, holder, now + options.claimMs, now) : undefined;
    });
    return claim.immediate();
  }

  /**
   * Claims this one job for `holder`, to be sent through `modemId`, if it is still queued, due,
   * and not pinned to another modem; undefined otherwise (another station took it, it was
   * cancelled, or it waits for its time). IMMEDIATE, like `claimNext`: one claimer only.
   */
  claim(jobId: number, holder: string, options: { claimMs: number; modemId: number }): { job: OutboxJob; message: Message } | undefined {
    const claim = this.#ctx.db.transaction(() => {
      const now = this.#ctx.now();
      const row = this.#job.get(jobId);
      if (!row || row.state !== 'queued' || row.not_before > now) return undefined;
      if (row.modem_id !== null && row.modem_id !== options.modemId) return undefined;
      return this.#claimRow(row, holder, now + options.claimMs, now);
    });
    return claim.immediate();
  }

  /**
   * Extends `holder`'s claim on the job to now + claimMs. False when the claim is no longer
   * the holder's: it ran out and a station recovered it (requeued, or unconfirmed when a part
   * was in flight), and maybe claimed it again. The holder must then stop sending it.
   */
  renewClaim(jobId: number, holder: string, claimMs: number): boolean {
    const now = this.#ctx.now();
    return this.#renew.run(now + claimMs, now, jobId, holder).changes > 0;
  }

  /**
   * `beginPart` under a live claim: renews `holder`'s claim and records part `seq` as about to
   * be written, in one IMMEDIATE transaction, so no station can recover or take the job
   * between the check and the part. Undefined (nothing recorded) when the claim is lost.
   */
  beginClaimedPart(
    claim: { jobId: number; holder: string; claimMs: number },
    seq: number,
    options: { pdu?: Uint8Array | null; modemId?: number | null } = {},
  ): number | undefined {
    const begin = this.#ctx.db.transaction(() => {
      if (!this.renewClaim(claim.jobId, claim.holder, claim.claimMs)) return undefined;
      return this.beginPart(this.#mustJob(claim.jobId).message_id, seq, options);
    });
    return begin.immediate();
  }

  #claimRow(row: JobRow, holder: string, until: number, now: number): { job: OutboxJob; message: Message } {
    this.#claim.run(holder, until, now, row.id);
    this.#events.record({
      kind: 'job-state',
      messageId: row.message_id,
      jobId: row.id,
      from: 'queued',
      to: 'claimed',
      detail: holder,
      at: now,
    });
    this.#messages.setStatus(row.message_id, 'sending', { at: now });
    return { job: this.job(row.id) as OutboxJob, message: this.#messages.get(row.message_id) as Message };
  }

  /**
   * Due jobs that one of `modemIds` may send (unpinned, or pinned to one of them), in the
   * order they are due, a page at a time: `after` is the last job of the previous page.
   */
  due(query: { modemIds: readonly number[]; limit: number; after?: OutboxJob }): DueJob[] {
    const now = this.#ctx.now();
    const ids = JSON.stringify(query.modemIds);
    const rows =
      query.after === undefined
        ? this.#due.all(now, ids, query.limit)
        : this.#dueAfter.all(now, ids, query.after.notBefore, query.after.id, query.limit);
    return rows.map((r) => ({ job: toJob(r), peer: r.peer, partCount: r.part_count }));
  }

  /** Due jobs that only a modem not in `modemIds` may send (at most `limit`). */
  pinnedElsewhere(modemIds: readonly number[], limit = 100): OutboxJob[] {
    return this.#pinnedAway.all(this.#ctx.now(), JSON.stringify(modemIds), limit).map(toJob);
  }

  /**
   * Says in words why a queued message waits (e.g. for its modem), or clears that with null.
   * Changes nothing once the message left "queued"; returns whether the reason changed.
   */
  setWaitingReason(jobId: number, reason: string | null): boolean {
    const job = this.#mustJob(jobId);
    return this.#waitingReason.run(reason, job.message_id, reason).changes > 0;
  }

  /** One page of outbox jobs, newest first by keyset on (created_at, id); `state` filters. */
  list(query: { state?: JobState; after?: string; limit?: number } = {}): OutboxPage {
    const limit = pageLimit(query.limit);
    const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
    const states = query.state === undefined ? JOB_STATES : [query.state];
    // One walk of outbox_jobs_state_recent per state, each at most a page long, merged.
    const runs = states.map((state) =>
      cursor === undefined ? this.#listFirst.all(state, limit + 1) : this.#listAfter.all(state, cursor.at, cursor.id, limit + 1),
    );
    const key = (r: JobRow) => [r.created_at, r.id] as const;
    return toPage(mergeNewest(runs, key, limit + 1), limit, key, toJob);
  }

  /** Records that part `seq` is about to be written to the modem (before AT+CMGS). */
  beginPart(messageId: number, seq: number, options: { pdu?: Uint8Array | null; modemId?: number | null } = {}): number {
    const row = this.#beginPart.get(messageId, seq, options.pdu ? Buffer.from(options.pdu) : null, options.modemId ?? null) as {
      id: number;
    };
    return row.id;
  }

  /**
   * The modem accepted part `seq` and answered with TP-MR `tpMr` (TS 23.040 §9.2.3.6). When
   * every part is in, the message becomes "sent".
   */
  partSubmitted(messageId: number, seq: number, options: { tpMr: number; at?: number; modemId?: number | null }): Part {
    if (!Number.isInteger(options.tpMr) || options.tpMr < 0 || options.tpMr > 255) {
      throw new ArchiveError('ARCHIVE_INVALID', `A TP-MR is 0 to 255, not ${options.tpMr}.`);
    }
    return this.#ctx.db.transaction(() => {
      const at = options.at ?? this.#ctx.now();
      let part = this.#part.get(messageId, seq);
      if (!part) {
        this.beginPart(messageId, seq, { modemId: options.modemId ?? null });
        part = this.#part.get(messageId, seq) as PartRow;
      }
      if (!canMovePart(part.status, 'sent')) {
        throw new ArchiveError('ARCHIVE_CONFLICT', `Part ${seq} of message ${messageId} is ${part.status} and cannot become sent.`);
      }
      this.#submitted.run(options.tpMr, at, options.modemId ?? null, part.id);
      const message = this.#messages.get(messageId) as Message;
      // The parts of a long message are joined by the recipient's phone only when they come
      // from one number (TS 23.040 §9.2.3.24.1 keys on the originator): once one went out,
      // only that modem may send the rest, on any retry.
      if (message.partCount > 1 && options.modemId !== undefined && options.modemId !== null) this.#stick.run(options.modemId, messageId);
      this.#events.record({
        kind: 'part-status',
        messageId,
        partId: part.id,
        from: part.status,
        to: 'sent',
        detail: `TP-MR ${options.tpMr}`,
        at,
      });
      const parts = this.#parts.all(messageId);
      if (parts.length >= message.partCount && parts.every((p) => p.status === 'sent' || p.status === 'delivered')) {
        this.#messages.setStatus(messageId, 'sent', { at });
      }
      return toPart(this.#part.get(messageId, seq) as PartRow);
    })();
  }

  parts(messageId: number): Part[] {
    return this.#parts.all(messageId).map(toPart);
  }

  /** Every part went out: the job is done (the message became "sent" part by part). */
  done(jobId: number): void {
    this.#ctx.db.transaction(() => {
      const job = this.#mustJob(jobId);
      this.#moveJob(job, 'done', null, null);
      this.#messages.setStatus(job.message_id, 'sent');
    })();
  }

  /**
   * A transient error (no network, SIM busy): the job waits and retries with backoff, or
   * fails once it has used its attempts. Returns the job's new state.
   */
  retryLater(jobId: number, reason: string, delayMs?: number): JobState {
    return this.#ctx.db.transaction(() => {
      const job = this.#mustJob(jobId);
      if (job.attempts >= job.max_attempts) {
        this.#fail(job, `${reason} (gave up after ${job.attempts} attempts)`);
        return 'failed' as const;
      }
      const notBefore = this.#ctx.now() + (delayMs ?? backoffDelay(job.attempts));
      this.#dropPending.run(job.message_id);
      this.#moveJob(job, 'queued', notBefore, reason);
      this.#messages.setStatus(job.message_id, 'queued', { reason });
      return 'queued' as const;
    })();
  }

  /**
   * Hands a claim back unused: the station stopped before anything of this attempt left. The
   * job is due again at once and the attempt does not count, so restarts never use up retries.
   */
  release(jobId: number, reason: string): void {
    this.#ctx.db.transaction(() => {
      const job = this.#mustJob(jobId);
      if (job.state !== 'claimed') return;
      this.#dropPending.run(job.message_id);
      this.#uncount.run(job.id);
      this.#moveJob(job, 'queued', null, reason);
      this.#messages.setStatus(job.message_id, 'queued', { reason });
    })();
  }

  /** A permanent error: the message fails with `reason`, in words a person understands. */
  fail(jobId: number, reason: string): void {
    this.#ctx.db.transaction(() => this.#fail(this.#mustJob(jobId), reason))();
  }

  /** The PDU may have left but no answer came: never resent without a person deciding. */
  unconfirmed(jobId: number, reason: string): void {
    this.#ctx.db.transaction(() => {
      const job = this.#mustJob(jobId);
      this.#moveJob(job, 'unconfirmed', null, reason);
      this.#unconfirmParts(job.message_id, reason);
      this.#messages.setStatus(job.message_id, 'unconfirmed', { reason });
    })();
  }

  /** Parts in flight when the job became unconfirmed may have left: they say so, and count against the rate. */
  #unconfirmParts(messageId: number, reason: string): void {
    const at = this.#ctx.now();
    for (const part of this.#pendingParts.all(messageId)) {
      this.#markUnconfirmed.run(reason, at, part.id);
      this.#events.record({ kind: 'part-status', messageId, partId: part.id, from: 'pending', to: 'unconfirmed', detail: reason, at });
    }
  }

  /** A person chose to send an unconfirmed message again (it may arrive twice). */
  resendUnconfirmed(jobId: number): void {
    this.#ctx.db.transaction(() => {
      const job = this.#mustJob(jobId);
      if (job.state !== 'unconfirmed') throw new ArchiveError('ARCHIVE_CONFLICT', `Job ${jobId} is ${job.state}, not unconfirmed.`);
      this.#moveJob(job, 'queued', this.#ctx.now(), null);
      this.#messages.setStatus(job.message_id, 'queued', { detail: 'sent again on request' });
    })();
  }

  /** Cancels a message still waiting in the outbox; false once a station has claimed it. */
  cancel(messageId: number): boolean {
    return this.#ctx.db.transaction(() => {
      const job = this.#jobByMessage.get(messageId);
      if (!job || job.state !== 'queued') return false;
      this.#moveJob(job, 'cancelled', null, null);
      this.#messages.setStatus(messageId, 'cancelled');
      return true;
    })();
  }

  /**
   * After a crash: claims that ran out. A job with no part begun is requeued; a job with any
   * part begun may have reached the network, so it becomes unconfirmed. Returns the jobs touched.
   */
  recoverExpiredClaims(): OutboxJob[] {
    return this.#ctx.db.transaction(() => {
      const touched: OutboxJob[] = [];
      for (const job of this.#expired.all(this.#ctx.now())) {
        // In flight means a part begun in this claim and never recorded sent or failed; parts
        // sent in earlier attempts are kept and skipped on the next one.
        if ((this.#pendingCount.get(job.message_id)?.n ?? 0) === 0) {
          this.#moveJob(job, 'queued', null, 'the station stopped before sending');
          this.#messages.setStatus(job.message_id, 'queued', { reason: 'the station stopped before sending' });
        } else {
          const reason = 'The station stopped while sending; the message may or may not have gone out.';
          this.#moveJob(job, 'unconfirmed', null, reason);
          this.#unconfirmParts(job.message_id, reason);
          this.#messages.setStatus(job.message_id, 'unconfirmed', { reason });
        }
        touched.push(this.job(job.id) as OutboxJob);
      }
      return touched;
    })();
  }

  #fail(job: JobRow, reason: string): void {
    this.#moveJob(job, 'failed', null, reason);
    this.#messages.setStatus(job.message_id, 'failed', { reason });
  }

  #mustJob(jobId: number): JobRow {
    const job = this.#job.get(jobId);
    if (!job) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no outbox job ${jobId}.`);
    return job;
  }

  #moveJob(job: JobRow, to: JobState, notBefore: number | null, error: string | null): void {
    if (!canMoveJob(job.state, to)) {
      throw new ArchiveError('ARCHIVE_CONFLICT', `Outbox job ${job.id} is ${job.state} and cannot become ${to}.`);
    }
    const now = this.#ctx.now();
    this.#setJob.run(to, notBefore, error, now, job.id);
    this.#events.record({ kind: 'job-state', messageId: job.message_id, jobId: job.id, from: job.state, to, detail: error, at: now });
  }

  /** Marks a part failed (e.g. +CMS ERROR for that part) with the reason in words. */
  partFailed(messageId: number, seq: number, reason: string): void {
    this.#ctx.db.transaction(() => {
      const part = this.#part.get(messageId, seq);
      if (!part) throw new ArchiveError('ARCHIVE_NOT_FOUND', `Message ${messageId} has no part ${seq}.`);
      if (!canMovePart(part.status, 'failed')) return;
      this.#partStatus.run('failed', reason, part.id);
      this.#events.record({ kind: 'part-status', messageId, partId: part.id, from: part.status, to: 'failed', detail: reason });
    })();
  }
}

interface DueRow extends JobRow {
  peer: string;
  part_count: number;
}

function toJob(r: JobRow): OutboxJob {
  return {
    id: r.id,
    messageId: r.message_id,
    state: r.state,
    notBefore: r.not_before,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    modemId: r.modem_id,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    lastError: r.last_error,
    statusReport: r.status_report === null ? null : r.status_report === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
