/**
 * The station: an archive and the modems that feed it. Receive: driver → archive (the handler
 * resolves only after the commit, so the driver deletes afterwards). Send: one outbox worker
 * per modem; the dispatcher routes each job to one of them. Runs the same in the desktop app
 * and headless (`smsdesk station`). No Electron.
 */
import { randomUUID } from 'node:crypto';
import type { Archive, Message, OutboxJob } from '../archive/index';
import { toDisposable, type Disposable } from '../core/lifecycle';
import type { Modem, ModemSupervisor, ReceivedMessage, ReceivedStatusReport } from '../../modem/driver/index';
import { BulkFeeder } from './bulk';
import { Dispatcher } from './dispatch';
import { StationError } from './errors';
import { StationEvents, type StationEvent } from './events';
import { heldAt, rawPdu, toIncomingPart, toStatusReport, toUnreadableReport } from './incoming';
import { queueText, type QueueTextRequest } from './queue';
import { DEFAULT_RATE_PER_MINUTE } from './rate';
import type { RoutingStrategy } from './routing';
import { RuleRunner, type RuleOptions } from './rules';
import { OutboxWorker, type WorkerSettings } from './worker';

/**
 * A multi-part SMS whose parts stay missing this long is shown as incomplete ("2 of 3 parts").
 * The parts of one message normally arrive within seconds; a lost one is resent by the service
 * centre within minutes, or not before the phone's next contact, hours later. An hour keeps the
 * usual delays out of sight and does not hide a message (often the urgent kind) for a day;
 * the late part still completes it.
 */
export const DEFAULT_INCOMPLETE_AFTER_MS = 60 * 60_000;

export interface StationOptions {
  readonly archive: Archive;
  /** Close the archive when the station stops (the CLI); the desktop app keeps its own. */
  readonly ownsArchive?: boolean;
  /** Who claims jobs and holds leases; default a new id per station. */
  readonly holder?: string;
  /** Parts per minute per modem unless the modem's own setting says otherwise (default 6). */
  readonly ratePerMinute?: number;
  /** How often due jobs (scheduled sends, retries) are looked for (default 1 s). */
  readonly pollMs?: number;
  /**
   * How long a claim lasts without renewal before any station may recover the job (default
   * 10 min). Renewed before every part and while waiting for the rate limit, so it only has
   * to outlast one part's submit (`submitTimeoutMs`), not a whole long message.
   */
  readonly claimMs?: number;
  /** How long a modem lease lasts without renewal (default 1 min); renewed on every pass and before every part. */
  readonly leaseMs?: number;
  /**
   * Ask the network for status reports (default true): the only way to "delivered". A message
   * may choose otherwise (`QueueTextRequest.statusReport`).
   */
  readonly statusReports?: boolean;
  /** How jobs spread over several modems that may send them (default round-robin); see routing.ts. */
  readonly routing?: RoutingStrategy;
  /** Show a multi-part SMS still missing parts after this long as incomplete (default 1 hour). */
  readonly incompleteAfterMs?: number;
  /** Delay before a retry after `attempts` tries; undefined: the archive's backoff (30 s, 1 min, …). */
  readonly retryDelayMs?: (attempts: number) => number | undefined;
  readonly submitTimeoutMs?: number;
  /** Automatic answers (main/station/rules.ts), e.g. how long rings stop before a call counts as missed. */
  readonly rules?: RuleOptions;
}

interface Attached {
  readonly modem: Modem;
  readonly owned: boolean;
  readonly subs: Disposable[];
  modemId?: number;
  worker?: OutboxWorker;
}

export class Station implements Disposable {
  readonly archive: Archive;
  readonly holder: string;
  readonly #options: StationOptions;
  readonly #settings: WorkerSettings;
  readonly #events = new StationEvents();
  readonly #modems = new Map<Modem, Attached>();
  readonly #subs: Disposable[] = [];
  readonly #dispatcher: Dispatcher;
  readonly #incompleteAfterMs: number;
  #nextIncompleteCheck = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopping: Promise<void> | undefined;
  // Office features: bulk sends are fed to the outbox on every poll; rules answer what arrives.
  readonly #bulk: BulkFeeder;
  readonly #rules: RuleRunner;

  constructor(options: StationOptions) {
    this.archive = options.archive;
    this.#options = options;
    this.holder = options.holder ?? `station-${randomUUID()}`;
    const pollMs = options.pollMs ?? 1_000;
    this.#settings = {
      holder: this.holder,
      ratePerMinute: options.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE,
      claimMs: options.claimMs ?? 10 * 60_000,
      leaseMs: options.leaseMs ?? 60_000,
      pollMs,
      statusReports: options.statusReports ?? true,
      retryDelayMs: options.retryDelayMs ?? (() => undefined),
      submitTimeoutMs: options.submitTimeoutMs,
    };
    this.#dispatcher = new Dispatcher(this.archive, {
      holder: this.holder,
      claimMs: this.#settings.claimMs,
      ratePerMinute: this.#settings.ratePerMinute,
      strategy: options.routing ?? 'round-robin',
    });
    this.#incompleteAfterMs = options.incompleteAfterMs ?? DEFAULT_INCOMPLETE_AFTER_MS;
    const announce = (message: Message): void => this.#events.emit({ kind: 'message-status', message });
    const log = (level: 'info' | 'warn' | 'error', text: string): void => this.#log(level, text);
    this.#bulk = new BulkFeeder(this.archive, { queued: announce, log });
    const wake = (message: Message): void => {
      announce(message);
      this.#poll();
    };
    this.#rules = new RuleRunner(this.archive, { queued: wake, log }, options.rules);
    // Claims left by a station that crashed: requeued if nothing was begun, else unconfirmed.
    this.#recover();
    this.#timer = setInterval(() => this.#poll(), pollMs);
  }

  /** Events for the UI and the log. */
  onEvent(listener: (event: StationEvent) => void): Disposable {
    return this.#events.on(listener);
  }

  get modems(): readonly Modem[] {
    return [...this.#modems.keys()];
  }

  /**
   * Joins a modem to the station. Attach before `open()`: the start-up sweep then lands in the
   * archive. With `owned`, the station closes the modem when it stops.
   */
  addModem(modem: Modem, options: { owned?: boolean } = {}): Disposable {
    this.#assertRunning();
    if (this.#modems.has(modem)) return toDisposable(() => void this.removeModem(modem));
    const entry: Attached = { modem, owned: options.owned ?? false, subs: [] };
    this.#modems.set(modem, entry);
    entry.subs.push(
      modem.onMessage((m) => this.#receive(entry, m)),
      modem.onMessageRemoved((m) => this.#removed(entry, m)),
      modem.onStatusReport((r) => this.#report(entry, r)),
      modem.onStateChange((state) => this.#stateChanged(entry, state)),
      modem.onLog((e) => this.#log(e.level, `${modem.path}: ${e.text}`)),
      this.#rules.watchCalls(modem, () => this.#modemId(entry)),
    );
    if (modem.state === 'ready') this.#stateChanged(entry, 'ready');
    return toDisposable(() => void this.removeModem(modem));
  }

  /** Takes every modem the supervisor finds (and lets it go when the supervisor drops it). */
  useSupervisor(supervisor: ModemSupervisor): Disposable {
    this.#assertRunning();
    for (const modem of supervisor.modems.values()) this.addModem(modem);
    const sub = supervisor.onModem((event) => {
      if (event.kind === 'added') this.addModem(event.modem);
      else void this.removeModem(event.modem);
    });
    this.#subs.push(sub);
    return sub;
  }

  async removeModem(modem: Modem): Promise<void> {
    const entry = this.#modems.get(modem);
    if (!entry) return;
    this.#modems.delete(modem);
    // Its planned jobs go to the others at once; a job it was sending comes back when it stops.
    if (entry.worker) this.#dispatcher.detach(entry.worker.modemId);
    await entry.worker?.stop();
    if (entry.worker) this.#dispatcher.replan();
    for (const s of entry.subs) s.dispose();
    this.#events.emit({ kind: 'modem', path: modem.path, state: 'removed', imei: modem.identity?.imei });
    if (entry.owned) {
      await modem.close().catch(() => undefined);
      modem.dispose();
    }
  }

  /**
   * Queues a text and wakes the workers; a scheduled one (`notBefore`) waits for its time.
   * Without its own `statusReport` choice, the message asks for a report as this station does.
   */
  queue(request: QueueTextRequest): { message: Message; job: OutboxJob } {
    this.#assertRunning();
    const queued = queueText(this.archive, { ...request, statusReport: request.statusReport ?? this.#settings.statusReports });
    this.#events.emit({ kind: 'message-status', message: queued.message });
    this.#poll();
    return queued;
  }

  /** How jobs spread over the modems. */
  get routing(): RoutingStrategy {
    return this.#dispatcher.strategy;
  }

  /** Sends what is due now on every ready modem; resolves when those passes end (tests, CLI). */
  async flush(): Promise<void> {
    this.#dispatcher.touch();
    await Promise.all([...this.#modems.values()].map((e) => e.worker?.kick()));
  }

  /** Stops sending (between parts), detaches from the modems, closes what it owns. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  dispose(): void {
    void this.stop();
  }

  async #stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    for (const s of this.#subs.splice(0)) s.dispose();
    // No new job for any modem from here: a modem leaving must not hand work to one about to leave too.
    this.#dispatcher.close();
    await Promise.all([...this.#modems.keys()].map((m) => this.removeModem(m)));
    this.#rules.dispose();
    this.#events.clear();
    if (this.#options.ownsArchive) this.archive.close();
  }

  #assertRunning(): void {
    if (this.#stopping) throw new StationError('STATION_STOPPED', 'The station has stopped.');
  }

  #poll(): void {
    if (this.#stopping) return;
    this.#recover();
    this.#bulk.feed();
    this.#showIncomplete();
    this.#dispatcher.touch();
    try {
      for (const id of this.#dispatcher.explainWaiting()) this.#statusChanged(id);
    } catch (error) {
      this.#log('error', `Could not look at the messages waiting for a modem: ${(error as Error).message}`);
    }
    for (const entry of this.#modems.values()) void entry.worker?.kick();
  }

  /** Multi-part messages whose missing parts are overdue are shown as incomplete; a late part still completes them. */
  #showIncomplete(): void {
    const now = Date.now();
    if (now < this.#nextIncompleteCheck) return;
    // One indexed query; a tenth of the timeout (at most a minute) late is soon enough.
    this.#nextIncompleteCheck = now + Math.min(60_000, this.#incompleteAfterMs / 10);
    try {
      for (const message of this.archive.inbox.showIncomplete(now - this.#incompleteAfterMs)) {
        this.#log('warn', `A message from ${message.peer} is incomplete: ${message.statusReason ?? 'parts are missing.'}`);
        this.#events.emit({ kind: 'message-received', message });
      }
    } catch (error) {
      this.#log('error', `Could not look for incomplete messages: ${(error as Error).message}`);
    }
  }

  #recover(): void {
    try {
      for (const job of this.archive.outbox.recoverExpiredClaims()) {
        const message = this.archive.messages.get(job.messageId);
        if (message) this.#events.emit({ kind: 'message-status', message });
      }
    } catch (error) {
      this.#log('error', `Could not recover unfinished sends: ${(error as Error).message}`);
    }
  }

  /** The archive's row for this modem, by IMEI (known once the driver identified it). */
  #modemId(entry: Attached): number {
    if (entry.modemId !== undefined) return entry.modemId;
    const identity = entry.modem.identity;
    if (!identity || identity.imei === '') {
      throw new StationError('STATION_MODEM_UNKNOWN', `The modem on ${entry.modem.path} has not told its identity yet.`);
    }
    const record = this.archive.modems.seen({
      imei: identity.imei,
      iccid: identity.iccid ?? null,
      ownNumber: identity.ownNumber || null,
      manufacturer: identity.manufacturer || null,
      model: identity.model || null,
    });
    entry.modemId = record.id;
    return record.id;
  }

  #stateChanged(entry: Attached, state: string): void {
    const modem = entry.modem;
    this.#events.emit({ kind: 'modem', path: modem.path, state, imei: modem.identity?.imei });
    if (this.#stopping || !this.#modems.has(modem)) return;
    if (state !== 'ready') {
      // Offline (unplugged, hung), failed or closed: what was planned for it goes to the others.
      if (entry.worker) this.#dispatcher.replan();
      return;
    }
    if (!entry.worker) {
      let modemId: number;
      try {
        modemId = this.#modemId(entry);
      } catch (error) {
        this.#log('error', `Cannot send through ${modem.path}: ${(error as Error).message}`);
        return;
      }
      entry.worker = new OutboxWorker(this.archive, modem, modemId, modem.identity?.imei ?? modem.path, this.#settings, {
        next: (id) => this.#dispatcher.next(id),
        availabilityChanged: () => this.#dispatcher.replan(),
        jobEnded: () => this.#dispatcher.touch(),
        statusChanged: (id) => this.#statusChanged(id),
        log: (level, text) => this.#log(level, text),
      });
      this.#dispatcher.attach(entry.worker);
    } else {
      // Back after being offline: the work is spread anew, this modem included.
      this.#dispatcher.replan();
    }
    void entry.worker.kick();
  }

  /** Resolves only after the archive committed the part: the driver deletes the SMS after that. */
  async #receive(entry: Attached, received: ReceivedMessage): Promise<void> {
    try {
      const part = toIncomingPart(received, this.#modemId(entry), Date.now());
      // The part and the rules' answer to the message it completes commit together. Apart, a
      // crash between them lost the answer for good: after a restart the modem offers the SMS
      // again, but the archive has it, so it is not new and no rule hears it. Together, a crash
      // leaves neither (the modem still holds the SMS) or both (the ledger says it was answered).
      const stored = this.archive.db
        .transaction(() => {
          const result = this.archive.inbox.receive(part);
          // Rules answer what a message says; an unreadable one says nothing to answer.
          if (result.message && result.stored && !part.problem) this.#rules.received(result.message);
          return result;
        })
        .immediate();
      if (stored.stored && part.problem) {
        this.#log(
          'warn',
          `A message from ${part.originator} could not be read; it is kept as it came. ${received.error?.message ?? ''}`.trim(),
        );
      }
      if (stored.message && stored.stored) this.#events.emit({ kind: 'message-received', message: stored.message });
    } catch (error) {
      this.#log('error', `A received message stays on the modem: ${(error as Error).message}`);
      throw error;
    }
  }

  /** The modem deleted or acknowledged an SMS: an identical PDU from now on is another SMS. */
  #removed(entry: Attached, received: ReceivedMessage): void {
    try {
      this.archive.inbox.released(this.#modemId(entry), heldAt(received.origin), rawPdu(received));
    } catch (error) {
      this.#log('error', `Could not note that a message left the modem: ${(error as Error).message}`);
    }
  }

  async #report(entry: Attached, received: ReceivedStatusReport): Promise<void> {
    try {
      if (!received.report) {
        const stored = this.archive.inbox.receive(toUnreadableReport(received, this.#modemId(entry), Date.now()));
        if (stored.stored)
          this.#log('warn', `A delivery report could not be read; it is kept as it came. ${received.error?.message ?? ''}`.trim());
        if (stored.message && stored.stored) this.#events.emit({ kind: 'message-received', message: stored.message });
        return;
      }
      const applied = this.archive.reports.apply(toStatusReport(received, this.#modemId(entry), Date.now()));
      if (applied) this.#events.emit({ kind: 'message-status', message: applied.message });
      // A report that matches nothing (sent by another program, or older than the window) is
      // not an error: it is logged and removed, or the modem's store would fill with them.
      else this.#log('info', `A status report matched no message we sent (reference ${received.report?.messageReference ?? '?'}).`);
    } catch (error) {
      this.#log('error', `A status report stays on the modem: ${(error as Error).message}`);
      throw error;
    }
  }

  #statusChanged(messageId: number): void {
    const message = this.archive.messages.get(messageId);
    if (message) this.#events.emit({ kind: 'message-status', message });
  }

  #log(level: 'info' | 'warn' | 'error', text: string): void {
    this.#events.emit({ kind: 'log', level, text });
  }
}
