/**
 * One outbox worker per modem: takes the modem's lease (so two processes on one archive never
 * drive one modem), claims due jobs, and sends them part by part, recording each part before
 * AT+CMGS (so a crash mid-part is "unconfirmed", never resent) and its TP-MR after.
 */
import type { Archive, Message, OutboxJob } from '../archive/index';
import { assertNever } from '../../modem/at/index';
import type { Modem, SendFailure } from '../../modem/driver/index';
import { encodeSubmit, hexToBytes, type SubmitPart } from '../../modem/pdu/index';
import { delay } from './rate';

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
  statusChanged(messageId: number): void;
  log(level: 'info' | 'warn' | 'error', text: string): void;
}

/** Why a job stopped before all its parts went out. */
type Interrupted = { readonly stopped: true };

export class OutboxWorker {
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

  /** Sends whatever is due; a call while a pass runs makes that pass look again at its end. */
  kick(): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#pass()
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
          return;
        }
        this.#leased = true;
        if (!this.#rateAllows()) return;
        const claimed = this.#archive.outbox.claimNext(this.#settings.holder, {
          claimMs: this.#settings.claimMs,
          modemIds: [this.#modemId],
        });
        if (!claimed) break;
        this.#hooks.statusChanged(claimed.message.id);
        await this.#send(claimed.job, claimed.message);
        this.#hooks.statusChanged(claimed.message.id);
      }
    } while (this.#again && !this.#abort.signal.aborted);
  }

  #rateAllows(): boolean {
    const limit = this.#archive.modems.get(this.#modemId)?.ratePerMinute ?? this.#settings.ratePerMinute;
    return this.#archive.modems.submittedSince(this.#modemId, Date.now() - 60_000) < limit;
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
        statusReport: this.#settings.statusReports,
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
