import type { AddressNormaliser } from './address';
import type { EventLog } from './events';
import type { MessageStore } from './messages';
import type { Message, Part, PartStatus, StoreContext } from './model';
import { toPart, type PartRow } from './parts';
import { canMovePart } from './status';

/** A decoded SMS-STATUS-REPORT (TS 23.040 §9.2.2.3), as the inbox hands it over. */
export interface StatusReport {
  /** TP-MR of the submitted part the report is about. */
  tpMr: number;
  /** TP-RA, the recipient address; normalised here. */
  recipient: string;
  /** TP-SCTS: when the service centre received the submitted part. */
  scAt: number;
  /** TP-DT: when it was delivered (or finally failed). */
  dischargedAt?: number | null;
  /** The modem the report came in on; TP-MR counts per modem. */
  modemId?: number | null;
  outcome: 'delivered' | 'failed' | 'pending';
  /** For failures: TP-ST in words ("The recipient's phone was unreachable until the message expired"). */
  reason?: string | null;
}

export interface ReportMatchOptions {
  /**
   * How far before the SC's time stamp the submission may lie: the PC and the SC clocks
   * differ, and a modem may queue a PDU. Default 10 minutes.
   */
  beforeMs?: number;
  /** How far after: clock skew the other way. Default 10 minutes. */
  afterMs?: number;
}

const DEFAULT_SKEW = 10 * 60_000;

/**
 * Matches status reports to the part they report on. TP-MR is one byte and wraps after
 * 255, so it alone is ambiguous after 256 sends; with the recipient and a time window
 * around the SC's time stamp the match is the part submitted closest to that time.
 */
export class StatusReports {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #messages: MessageStore;
  readonly #events: EventLog;
  readonly #match;
  readonly #setPart;
  readonly #parts;
  readonly #settleJob;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, messages: MessageStore, events: EventLog) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#messages = messages;
    this.#events = events;
    const db = ctx.db;
    // parts_tp_mr narrows to one TP-MR inside the window; parts still waiting for a report
    // win over settled ones, then the submission closest to the SC time stamp.
    this.#match = db.prepare<[number, number, number, string, number | null, number | null, number], PartRow>(
      `SELECT p.* FROM parts p JOIN messages m ON m.id = p.message_id
       WHERE p.tp_mr = ? AND p.submitted_at BETWEEN ? AND ? AND m.direction = 'out' AND m.peer = ?
         AND (? IS NULL OR p.modem_id = ?)
       ORDER BY p.status IN ('sent', 'unconfirmed') DESC, abs(p.submitted_at - ?) LIMIT 1`,
    );
    this.#setPart = db.prepare<[PartStatus, string | null, number | null, number]>(
      `UPDATE parts SET status = ?, status_reason = ?, delivered_at = ? WHERE id = ?`,
    );
    this.#parts = db.prepare<[number], PartRow>(`SELECT * FROM parts WHERE message_id = ? ORDER BY seq`);
    this.#settleJob = db.prepare<[number, number], { id: number }>(
      `UPDATE outbox_jobs SET state = 'done', updated_at = ? WHERE message_id = ? AND state = 'unconfirmed' RETURNING id`,
    );
  }

  /** The part a report is about, or undefined when none matches. */
  match(report: Pick<StatusReport, 'tpMr' | 'recipient' | 'scAt' | 'modemId'>, options: ReportMatchOptions = {}): Part | undefined {
    const row = this.#matchRow(report, options);
    return row ? toPart(row) : undefined;
  }

  #matchRow(report: Pick<StatusReport, 'tpMr' | 'recipient' | 'scAt' | 'modemId'>, options: ReportMatchOptions): PartRow | undefined {
    const recipient = this.#addresses.normalise(report.recipient);
    const from = report.scAt - (options.beforeMs ?? DEFAULT_SKEW);
    const to = report.scAt + (options.afterMs ?? DEFAULT_SKEW);
    const modem = report.modemId ?? null;
    return this.#match.get(report.tpMr & 0xff, from, to, recipient, modem, modem, report.scAt);
  }

  /**
   * Applies a report: the matched part moves forward (never back), then the message follows
   * its parts: any failed part fails it, all delivered delivers it. Returns what changed, or
   * undefined when no part matches (the report is then only logged by the caller).
   */
  apply(report: StatusReport, options: ReportMatchOptions = {}): { part: Part; message: Message } | undefined {
    return this.#ctx.db.transaction(() => {
      const row = this.#matchRow(report, options);
      if (!row || row.message_id === null) return undefined;
      const messageId = row.message_id;
      const at = report.dischargedAt ?? this.#ctx.now();
      if (report.outcome === 'pending') {
        // TP-ST 0x20–0x3F: the SC is still trying. Logged; the status stays.
        this.#events.record({
          kind: 'part-status',
          messageId,
          partId: row.id,
          from: row.status,
          to: row.status,
          detail: report.reason ?? 'still trying',
          at,
        });
      } else if (canMovePart(row.status, report.outcome)) {
        this.#setPart.run(report.outcome, report.reason ?? null, report.outcome === 'delivered' ? at : null, row.id);
        this.#events.record({
          kind: 'part-status',
          messageId,
          partId: row.id,
          from: row.status,
          to: report.outcome,
          detail: report.reason ?? null,
          at,
        });
        this.#settleMessage(messageId, at);
      }
      return {
        part: toPart(this.#parts.all(messageId).find((p) => p.id === row.id) as PartRow),
        message: this.#messages.get(messageId) as Message,
      };
    })();
  }

  #settleMessage(messageId: number, at: number): void {
    const message = this.#messages.get(messageId);
    if (!message) return;
    const parts = this.#parts.all(messageId);
    const failed = parts.find((p) => p.status === 'failed');
    if (failed) {
      this.#messages.setStatus(messageId, 'failed', { at, reason: failed.status_reason ?? `Part ${failed.seq} was not delivered.` });
    } else if (parts.length >= message.partCount && parts.every((p) => p.status === 'delivered')) {
      // A report proves an unconfirmed message went out: it passes through "sent".
      if (message.status === 'unconfirmed') this.#messages.setStatus(messageId, 'sent', { at, detail: 'confirmed by a status report' });
      this.#messages.setStatus(messageId, 'delivered', { at });
    }
    // A report settles an unconfirmed job: the send did happen.
    for (const job of this.#settleJob.all(at, messageId)) {
      this.#events.record({
        kind: 'job-state',
        messageId,
        jobId: job.id,
        from: 'unconfirmed',
        to: 'done',
        detail: 'confirmed by a status report',
        at,
      });
    }
  }
}
