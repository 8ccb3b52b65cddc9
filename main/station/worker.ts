/**
 * One outbox worker per modem: takes the modem's lease (so two processes on one archive never
 * drive one modem), takes the jobs the dispatcher routes to its modem (claimed then), and
 * sends them part by part, recording each part before AT+CMGS (so a crash mid-part is
 * "unconfirmed", never resent) and its TP-MR after. Lease and claim are renewed before every
 * part and while waiting for the rate limit; once either is lost, nothing more is sent.
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

/** Why a job stopped before all its parts went out: the station stopped, or its claim or lease ran out. */
type Interrupted = { readonly stopped: true } | { readonly lost: 'claim' | 'lease' };

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

  /**
   * Renews the modem's lease and the job's claim, which both run out on their own: a long
   * message at the rate limit outlasts either. Says which was lost, if one was.
   */
  #keepAlive(job: OutboxJob): Interrupted | undefined {
    if (!this.#archive.leases.acquire(this.#lease, this.#settings.holder, this.#settings.leaseMs)) return { lost: 'lease' };
    if (!this.#archive.outbox.renewClaim(job.id, this.#settings.holder, this.#settings.claimMs)) return { lost: 'claim' };
    return undefined;
  }

  /** Waits until the per-minute limit lets one more part out, holding lease and claim meanwhile. */
  async #waitForRate(job: OutboxJob): Promise<true | Interrupted> {
    for (;;) {
      if (this.#abort.signal.aborted) return { stopped: true };
      const lost = this.#keepAlive(job);
      if (lost) return lost;
      if (this.#rateAllows()) return true;
      if (!(await delay(this.#settings.pollMs, this.#abort.signal))) return { stopped: true };
    }
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
      if (outcome === true) continue;
      if ('stopped' in outcome) this.#handBack(job, 'The station stopped before this message was sent.');
      else if ('lost' in outcome) this.#lost(job, message, part, outcome.lost);
      else if (this.#stillOurs(job)) this.#settle(job, message, part, outcome);
      else this.#lost(job, message, part, 'claim', 'after');
      return;
    }
    // All parts went out. A claim recovered meanwhile left the job unconfirmed (a part was in
    // flight); every part has its TP-MR now, so it did go out and is done all the same.
    if (this.#stillOurs(job) || outbox.job(job.id)?.state === 'unconfirmed') {
      outbox.done(job.id);
      this.#hooks.log('info', `Sent message ${message.id} to ${message.peer} in ${parts.length} part(s).`);
    } else {
      this.#hooks.log('warn', `Sent every part of message ${message.id}, but its claim had run out; the outbox keeps it as it is now.`);
    }
  }

  async #sendPart(job: OutboxJob, message: Message, part: SubmitPart): Promise<true | Interrupted | SendFailure> {
    const ready = await this.#waitForRate(job);
    if (ready !== true) return ready;
    // Recorded before AT+CMGS, so after a crash this part is known to have maybe left; in one
    // transaction with renewing the claim, so a part is never begun on a claim already lost.
    const begun = this.#archive.outbox.beginClaimedPart(
      { jobId: job.id, holder: this.#settings.holder, claimMs: this.#settings.claimMs },
      part.part,
      { pdu: hexToBytes(part.hex), modemId: this.#modemId },
    );
    if (begun === undefined) return { lost: 'claim' };
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

  /** Whether this station still holds the job's claim (renewing it). */
  #stillOurs(job: OutboxJob): boolean {
    return this.#archive.outbox.renewClaim(job.id, this.#settings.holder, this.#settings.claimMs);
  }

  /** Gives the job back to the queue, unless its claim is no longer ours to give. */
  #handBack(job: OutboxJob, reason: string): void {
    if (this.#stillOurs(job)) this.#archive.outbox.release(job.id, reason);
  }

  /**
   * The claim ran out and was recovered (the job requeued, or unconfirmed when a part was in
   * flight), or the modem's lease went to another process: nothing more goes out from here,
   * so no part is sent twice. A requeued job is sent on, from the part after the last sent.
   */
  #lost(job: OutboxJob, message: Message, part: SubmitPart, what: 'claim' | 'lease', when: 'before' | 'after' = 'before'): void {
    const where = part.total > 1 ? ` ${when} part ${part.part} of ${part.total}` : '';
    if (what === 'lease') {
      this.#handBack(job, 'Another process drives this modem now; the message waits for it.');
      this.#hooks.log('warn', `Stopped sending message ${message.id}${where}: modem ${this.#imei} is driven by another process now.`);
      return;
    }
    const state = this.#archive.outbox.job(job.id)?.state ?? 'gone';
    this.#hooks.log(
      'warn',
      `Stopped sending message ${message.id}${where}: its claim ran out and the outbox took it back (now ${state}), so nothing goes out twice.`,
    );
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
        this.#handBack(job, 'The station stopped before this message was sent.');
        return;
      default:
        assertNever(failure.kind);
    }
  }
}
