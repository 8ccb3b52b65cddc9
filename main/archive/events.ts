import type { StoreContext } from './model';

export type EventKind = 'message-status' | 'part-status' | 'job-state';

export interface ArchiveEvent {
  id: number;
  at: number;
  kind: EventKind;
  messageId: number | null;
  partId: number | null;
  jobId: number | null;
  from: string | null;
  to: string;
  detail: string | null;
}

export interface NewEvent {
  kind: EventKind;
  messageId?: number | null;
  partId?: number | null;
  jobId?: number | null;
  from: string | null;
  to: string;
  detail?: string | null;
  at?: number;
}

interface EventRow {
  id: number;
  at: number;
  kind: EventKind;
  message_id: number | null;
  part_id: number | null;
  job_id: number | null;
  from_status: string | null;
  to_status: string;
  detail: string | null;
}

/** The log of every status change: one row per move, written in the same transaction. */
export class EventLog {
  readonly #ctx: StoreContext;
  readonly #insert;
  readonly #forMessage;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#insert = ctx.db.prepare<[number, EventKind, number | null, number | null, number | null, string | null, string, string | null]>(
      `INSERT INTO events (at, kind, message_id, part_id, job_id, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#forMessage = ctx.db.prepare<[number, number], EventRow>(
      `SELECT * FROM events WHERE message_id = ? OR job_id = (SELECT id FROM outbox_jobs WHERE message_id = ?) ORDER BY id`,
    );
  }

  record(event: NewEvent): number {
    const info = this.#insert.run(
      event.at ?? this.#ctx.now(),
      event.kind,
      event.messageId ?? null,
      event.partId ?? null,
      event.jobId ?? null,
      event.from,
      event.to,
      event.detail ?? null,
    );
    return Number(info.lastInsertRowid);
  }

  /** Every event of a message, its parts and its outbox job, oldest first. */
  forMessage(messageId: number): ArchiveEvent[] {
    return this.#forMessage.all(messageId, messageId).map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      messageId: r.message_id,
      partId: r.part_id,
      jobId: r.job_id,
      from: r.from_status,
      to: r.to_status,
      detail: r.detail,
    }));
  }
}
