/**
 * One outbox worker per modem: takes the modem's lease (so two processes on one archive never
 * drive one modem), takes the jobs the dispatcher routes to its modem (claimed then), and
 * sends them part by part, recording each part before AT+CMGS (so a crash mid-part is
 * "unconfirmed", never resent) and its TP-MR after.
 */
import type { Archive, Message, OutboxJob } from '../archive/index';
import { assertNever } from '../../modem/at/index';
import type { Modem, SendFailure } from '../../modem/driver/index';
import { encodeSubmit, hexToBytes, type SubmitPart } from '../../modem/pdu/index';
import type { Lane } from './dispatch';
import { delay, rateOf } from './rate';

export interface WorkerSettings {
  readonly holder: string;
  readonly ratePerMinute: number;
  readonly claimMs: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly statusReports: boolean;
  readonly retryDelayMs: (attempts: number) => number | undefined;
  readonly submitTimeoutMs?: number | undefined;
}

export interface WorkerHooks {
  /** The next job routed to this modem, already claimed; undefined when there is none now. */
  next(modemId: number): { job: OutboxJob; message: Message } | undefined;
  /** The worker can send now where it could not before, or the other way round (lease). */
  availabilityChanged(): void;
  /** A job ended (sent, failed, handed back): others may be routed or due again. */
  jobEnded(): void;
  statusChanged(messageId: number): void;
  log(level: 'info' | 'warn' | 'error', text: string): void;
}

/** Why a job stopped before all its parts went out. */
type Interrupted = { readonly stopped: true };

export class OutboxWorker implements Lane {
  readonly #archive: Archive;
  readonly #modem: Modem;
  readonly #modemId: number;
  readonly #imei: string;
  readonly #settings: WorkerSettings;
  readonly #hooks: WorkerHooks;
  readonly #abort = new AbortController();
  #running: Promise<void> | undefined;
  #again = false;
  #leased: boolean | undefined;

  constructor(archive: Archive, modem: Modem, modemId: number, imei: string, settings: WorkerSettings, hooks: WorkerHooks) {
    this.#archive = archive;
    this.#modem = modem;
    this.#modemId = modemId;
    this.#imei = imei;
    this.#settings = settings;
    this.#hooks = hooks;
  }

  get modemId(): number {
    return this.#modemId;
  }

  get #lease(): string {
    return `modem:${this.#imei}`;
  }

  get available(): boolean {
    return !this.#abort.signal.aborted && this.#modem.state === 'ready' && this.#leased !== false;
  }

  get drivenElsewhere(): boolean {
    return this.#leased === false;
  }

  /** Sends whatever is due; a call while a pass runs makes that pass look again at its end. */
  kick(): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    // The pass starts a microtask later, once `#running` is set: a kick from inside it (the
    // dispatcher wakes the modems it planned for) then only asks for one more round.
    this.#running = Promise.resolve()
      .then(() => this.#pass())
      .catch((error: unknown) => this.#hooks.log('error', `Sending stopped on an error: ${(error as Error).message}`))
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  /** Stops between parts (or cancels a part not yet written) and releases the lease. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#running;
    try {
      this.#archive.leases.release(this.#lease, this.#settings.holder);
    } catch {
      // the archive may already be closed by its owner; the lease then simply runs out
    }
  }

  async #pass(): Promise<void> {
    do {
      this.#again = false;
      while (!this.#abort.signal.aborted && this.#modem.state === 'ready') {
        if (!this.#archive.leases.acquire(this.#lease, this.#settings.holder, this.#settings.leaseMs)) {
          // Said once per change, not on every poll.
          if (this.#leased === false) return;
          this.#leased = false;
          this.#hooks.log(
            'warn',
            `Modem ${this.#imei} is driven by ${this.#archive.leases.holder(this.#lease) ?? 'another process'}; not sending through it.`,
          );
          this.#hooks.availabilityChanged();
          return;
        }
        const regained = this.#leased === false;
        this.#leased = true;
        if (regained) this.#hooks.availabilityChanged();
        if (!this.#rateAllows()) return;
        const claimed = this.#hooks.next(this.#modemId);
        if (!claimed) break;
        this.#hooks.statusChanged(claimed.message.id);
        try {
          await this.#send(claimed.job, claimed.message);
        } finally {
          this.#hooks.jobEnded();
        }
        this.#hooks.statusChanged(claimed.message.id);
      }
    } while (this.#again && !this.#abort.signal.aborted);
  }

  #rateAllows(): boolean {
    const { limit, recent } = rateOf(this.#archive, this.#modemId, this.#settings.ratePerMinute);
    return recent < limit;
  }

  /** Waits until the per-minute limit lets one more part out; false when the station stops first. */
  async #waitForRate(): Promise<boolean> {
    while (!this.#rateAllows()) {
      if (!(await delay(this.#settings.pollMs, this.#abort.signal))) return false;
    }
    return !this.#abort.signal.aborted;
  }

  async #send(job: OutboxJob, message: Message): Promise<void> {
    const outbox = this.#archive.outbox;
    let parts: readonly SubmitPart[];
    try {
      // The concatenation reference comes from the message's row id: a counter that survives
      // restarts and stays the same on a retry, so parts sent on an earlier attempt still fit.
      parts = encodeSubmit({
        to: message.peer,
        text: message.body,
        flash: message.flash,
        // The message's own choice; a job queued without one follows this station's setting.
        statusReport: job.statusReport ?? this.#settings.statusReports,
        reference: message.id & 0xff,
      }).parts;
    } catch (error) {
      outbox.fail(job.id, `The message cannot be encoded as SMS: ${(error as Error).message}`);
      return;
    }
    const done = new Map(outbox.parts(message.id).map((p) => [p.seq, p.status]));
    for (const part of parts) {
      const before = done.get(part.part);
      if (before === 'sent' || before === 'delivered') continue; // went out on an earlier attempt
      const outcome = await this.#sendPart(job, message, part);
      if (outcome !== true) {
        if ('stopped' in outcome) outbox.release(job.id, 'The station stopped before this message was sent.');
        else this.#settle(job, message, part, outcome);
        return;
      }
    }
    outbox.done(job.id);
    this.#hooks.log('info', `Sent message ${message.id} to ${message.peer} in ${parts.length} part(s).`);
  }

  async #sendPart(job: OutboxJob, message: Message, part: SubmitPart): Promise<true | Interrupted | SendFailure> {
    if (!(await this.#waitForRate())) return { stopped: true };
    // Recorded before AT+CMGS: after a crash this part is known to have maybe left.
    this.#archive.outbox.beginPart(message.id, part.part, { pdu: hexToBytes(part.hex), modemId: this.#modemId });
    const result = await this.#modem.send(
      { parts: [part] },
      {
        signal: this.#abort.signal,
        ...(this.#settings.submitTimeoutMs !== undefined ? { timeoutMs: this.#settings.submitTimeoutMs } : {}),
      },
    );
    if (!result.ok) return { ...result.failure, part: part.part };
    const mr = result.parts[0]?.mr ?? null;
    if (mr === null) {
      // OK without "+CMGS: <mr>": it went out, but no status report can ever be matched to it.
      return {
        kind: 'ambiguous',
        part: part.part,
        code: 'NO_MR',
        reason: `The modem accepted part ${part.part} without a message reference, so its delivery cannot be followed.`,
      };
    }
    this.#archive.outbox.partSubmitted(message.id, part.part, { tpMr: mr, modemId: this.#modemId });
    this.#hooks.statusChanged(message.id);
    return true;
  }

  #settle(job: OutboxJob, message: Message, part: SubmitPart, failure: SendFailure): void {
    const outbox = this.#archive.outbox;
    const where = part.total > 1 ? ` (part ${part.part} of ${part.total})` : '';
    switch (failure.kind) {
      case 'transient': {
        const state = outbox.retryLater(job.id, failure.reason, this.#settings.retryDelayMs(job.attempts));
        this.#hooks.log(
          'warn',
          `Message ${message.id} not sent${where}: ${failure.reason} ${state === 'queued' ? 'Will try again.' : 'Gave up.'}`,
        );
        return;
      }
      case 'permanent':
        outbox.partFailed(message.id, part.part, failure.reason);
        outbox.fail(job.id, failure.reason);
        this.#hooks.log('warn', `Message ${message.id} failed${where}: ${failure.reason}`);
        return;
      case 'ambiguous':
        outbox.unconfirmed(job.id, failure.reason);
        this.#hooks.log('warn', `Message ${message.id} unconfirmed${where}: ${failure.reason}`);
        return;
      case 'cancelled':
        // The driver reports "cancelled" only when the PDU did not leave (else "ambiguous").
        outbox.release(job.id, 'The station stopped before this message was sent.');
        return;
      default:
        assertNever(failure.kind);
    }
  }
}
