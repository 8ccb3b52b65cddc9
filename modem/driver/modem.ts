/**
 * One modem, for its whole life: open the port, get in step, identify, match quirks,
 * unlock the SIM, set up SMS, then watch the network and receive, and send on demand.
 * When the port goes away, or the modem stops answering, it goes offline and looks for
 * the same IMEI again (on any port, through `locate`), then re-initialises and goes on.
 * It never power-cycles a modem blindly (no AT+CFUN=1,1).
 */
import {
  assertNever,
  AtChannel,
  AtTimeoutError,
  AtTrace,
  parseCpmsRead,
  systemClock,
  type AtPort,
  type Clock,
  type Disposable,
  type StorageUse,
} from '../at/index';
import { watchCalls, type CallEvent } from './calls';
import { DriverError, isDriverError } from './errors';
import { Emitter, HandlerSet } from './events';
import { readDeviceInfo, readSimInfo, type ModemIdentity } from './identify';
import { EMPTY_STATUS, NetworkMonitor, type NetworkStatus } from './monitor';
import { unlockSim } from './pin';
import { quirksFor, type Quirks } from './quirks';
import { Receiver, type MessageHandler, type ReceivedMessage, type ReportHandler } from './receive';
import { classifySendError, partsOf, sendParts, type SendOptions, type SendRequest, type SendResult } from './send';
import { isFatal } from './sequence';
import { setUpSms, type SmsSetup } from './setup';
import { synchronise } from './sync';
import { onUnsolicitedUssd, UssdSession, type UssdReply } from './ussd';

/** Opens a serial port by path, e.g. `(p) => openSerialTransport(p, 115200, binding)`. */
export type PortOpener = (path: string) => Promise<AtPort>;

export type ModemState =
  /** Not opened, or closed by its owner. */
  | 'closed'
  /** Opening, synchronising, identifying, setting up. */
  | 'connecting'
  | 'ready'
  /** The port went away or the modem stopped answering; looking for it again. */
  | 'offline'
  /** Needs a person: PIN, PUK, no SIM. `error` says what. */
  | 'failed';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
  readonly error?: unknown;
}

export interface ModemOptions {
  readonly path: string;
  readonly opener: PortOpener;
  /** The SIM PIN to enter once when asked. */
  readonly pin?: string;
  /** Refuse a port holding another modem (a supervisor passes the IMEI it follows). */
  readonly expectImei?: string;
  /** Finds the modem's port after it vanished (USB renumbering); default: the same path. */
  readonly locate?: (imei: string) => Promise<string | null>;
  /** 'store' (default): store and notify (+CMTI). 'direct': +CMT with +CNMA where the modem can. */
  readonly receive?: 'store' | 'direct';
  /** Read every store at start (default true). */
  readonly sweepOnOpen?: boolean;
  /** Poll and heartbeat interval (default 30 s); 0 turns polling off. */
  readonly pollMs?: number;
  /** Wait between attempts to find the modem again (default 2 s). */
  readonly reconnectMs?: number;
  /** Failed polls in a row before the modem counts as hung (default 2). */
  readonly hungAfter?: number;
  readonly syncTimeoutMs?: number;
  /** Time for reading, deleting and acknowledging messages (default 10 s). */
  readonly readTimeoutMs?: number;
  /** Time for each poll command; the heartbeat counts a poll that runs out as a missed beat (default 5 s). */
  readonly pollTimeoutMs?: number;
  readonly syncQuietMs?: number;
  /** After a timeout, how long to wait for the late answer before the next command (AtChannelOptions.settleMs). */
  readonly settleMs?: number;
  readonly submitTimeoutMs?: number;
  readonly clock?: Clock;
}

interface Connection {
  readonly port: AtPort;
  readonly channel: AtChannel;
  readonly subs: Disposable[];
  monitor?: NetworkMonitor;
  receiver?: Receiver;
}

const DEFAULT_POLL_MS = 30_000;
const DEFAULT_RECONNECT_MS = 2_000;

export class Modem implements Disposable {
  readonly #options: ModemOptions;
  readonly #clock: Clock;
  /**
   * One trace for the modem's whole life, shared by every connection: the dialogue of an
   * open that failed (a refused PIN, a modem that stopped answering) is what a person
   * needs to see, and a per-connection trace was thrown away with the connection.
   */
  readonly #trace: AtTrace;
  #path: string;
  #state: ModemState = 'closed';
  #error: DriverError | undefined;
  #identity: ModemIdentity | undefined;
  #quirks: Quirks | undefined;
  #setup: SmsSetup | undefined;
  #status: NetworkStatus = EMPTY_STATUS;
  #conn: Connection | undefined;
  #pinRefused = false;
  #pin: string | undefined;
  #timer: unknown;
  #failedPolls = 0;
  #recovering = false;
  #ussd: UssdSession | undefined;
  #disposed = false;
  /** close() was called: no reconnecting until the next open(). */
  #stopped = false;
  #opening: Promise<ModemIdentity> | undefined;
  readonly #stateEvents = new Emitter<ModemState>();
  readonly #statusEvents = new Emitter<NetworkStatus>();
  readonly #callEvents = new Emitter<CallEvent>();
  readonly #removedEvents = new Emitter<ReceivedMessage>();
  readonly #ussdEvents = new Emitter<UssdReply>();
  readonly #logEvents = new Emitter<LogEntry>();
  readonly #messages = new HandlerSet<MessageHandler>();
  readonly #reports = new HandlerSet<ReportHandler>();

  constructor(options: ModemOptions) {
    this.#options = options;
    this.#path = options.path;
    this.#pin = options.pin;
    this.#clock = options.clock ?? systemClock;
    this.#trace = new AtTrace({ now: () => this.#clock.now() });
  }

  // -- what it is ---------------------------------------------------------------

  get state(): ModemState {
    return this.#state;
  }
  /** Why the modem is offline or failed. */
  get error(): DriverError | undefined {
    return this.#error;
  }
  get path(): string {
    return this.#path;
  }
  get identity(): ModemIdentity | undefined {
    return this.#identity;
  }
  get quirks(): Quirks | undefined {
    return this.#quirks;
  }
  get setup(): SmsSetup | undefined {
    return this.#setup;
  }
  get status(): NetworkStatus {
    return this.#status;
  }
  /** The live AT channel; undefined while offline. */
  get channel(): AtChannel | undefined {
    return this.#conn?.channel;
  }
  /** Every line to and from the modem (PINs masked), across reconnects and failed opens; bounded. */
  get trace(): AtTrace {
    return this.#trace;
  }

  onStateChange(listener: (state: ModemState) => void): Disposable {
    return this.#stateEvents.on(listener);
  }
  onStatus(listener: (status: NetworkStatus) => void): Disposable {
    return this.#statusEvents.on(listener);
  }
  /** Each received SMS; resolve once it is stored durably (then it is deleted or acknowledged). Register before open(). */
  onMessage(handler: MessageHandler): Disposable {
    return this.#messages.add(handler);
  }
  /**
   * A received SMS is gone from the modem (deleted, or its direct delivery acknowledged): an
   * identical PDU from now on is another SMS, not the same one read again.
   */
  onMessageRemoved(listener: (message: ReceivedMessage) => void): Disposable {
    return this.#removedEvents.on(listener);
  }
  onStatusReport(handler: ReportHandler): Disposable {
    return this.#reports.add(handler);
  }
  onCall(listener: (event: CallEvent) => void): Disposable {
    return this.#callEvents.on(listener);
  }
  /** USSD the network pushes with no session open. */
  onUssd(listener: (reply: UssdReply) => void): Disposable {
    return this.#ussdEvents.on(listener);
  }
  onLog(listener: (entry: LogEntry) => void): Disposable {
    return this.#logEvents.on(listener);
  }

  // -- life -------------------------------------------------------------------------

  /** Opens and initialises. Rejects with a DriverError (state 'failed' when a person must act). */
  open(): Promise<ModemIdentity> {
    if (this.#disposed) return Promise.reject(new DriverError('DISPOSED'));
    if (this.#state === 'ready' && this.#identity) return Promise.resolve(this.#identity);
    this.#stopped = false;
    this.#opening ??= this.#connect(this.#path).finally(() => (this.#opening = undefined));
    return this.#opening;
  }

  /** A new PIN from the user after PIN_REQUIRED / PIN_WRONG; opens again. */
  unlock(pin: string): Promise<ModemIdentity> {
    this.#pin = pin;
    this.#pinRefused = false;
    return this.open();
  }

  async #connect(path: string): Promise<ModemIdentity> {
    this.#setState('connecting');
    let conn: Connection | undefined;
    try {
      const port = await this.#options.opener(path);
      const channel = new AtChannel(port, { clock: this.#clock, settleMs: this.#options.settleMs ?? 1_000, trace: this.#trace });
      conn = { port, channel, subs: [] };
      this.#conn = conn;
      const current = conn;
      conn.subs.push(port.onClose((error) => this.#onPortLost(current, error)));
      const sleep = (ms: number) => this.#sleep(ms);
      await synchronise(channel, {
        sleep,
        ...(this.#options.syncTimeoutMs !== undefined ? { timeoutMs: this.#options.syncTimeoutMs } : {}),
        ...(this.#options.syncQuietMs !== undefined ? { quietMs: this.#options.syncQuietMs } : {}),
      });
      const device = await readDeviceInfo(channel, { onSkip: (c, e) => this.#log('warn', `${c} failed`, e) });
      const expected = this.#identity?.imei ?? this.#options.expectImei;
      if (expected !== undefined && device.imei !== expected) {
        throw new DriverError('WRONG_MODEM', `expected IMEI ${expected}, found ${device.imei || 'none'}`);
      }
      const quirks = quirksFor(device);
      this.#quirks = quirks;
      try {
        await unlockSim(channel, quirks, { ...(this.#pin !== undefined ? { pin: this.#pin } : {}), pinRefused: this.#pinRefused, sleep });
      } catch (error) {
        if (isDriverError(error, 'PIN_WRONG')) this.#pinRefused = true;
        throw error;
      }
      const sim = await readSimInfo(channel, quirks, { onSkip: (c, e) => this.#log('info', `${c} failed`, e) });
      this.#identity = { ...device, ...sim };
      const setup = await setUpSms(channel, quirks, {
        preferDirect: this.#options.receive === 'direct',
        onSkip: (c, e) => this.#log('info', `${c} failed`, e),
      });
      this.#setup = setup;
      for (const w of setup.warnings) this.#log('warn', w);
      await channel.send('AT+CLIP=1', { timeoutMs: 5_000 }).catch((e: unknown) => {
        if (isFatal(e)) throw e;
      });

      const monitor = new NetworkMonitor(channel, quirks);
      conn.monitor = monitor;
      conn.subs.push(
        monitor,
        monitor.onChange((s) => this.#setStatus(s)),
      );
      await monitor.enableNotices();
      await monitor.poll().catch((e: unknown) => {
        if (isFatal(e)) throw e;
      });

      const receiver = new Receiver(
        channel,
        setup,
        quirks,
        {
          messages: () => this.#messages.list(),
          reports: () => this.#reports.list(),
          removed: (m) => this.#removedEvents.emit(m),
          problem: (text, error) => {
            this.#log('warn', text, error);
            if (error instanceof AtTimeoutError) this.#missedBeat(current, error);
          },
        },
        this.#options.readTimeoutMs !== undefined ? { readMs: this.#options.readTimeoutMs } : {},
      );
      conn.receiver = receiver;
      conn.subs.push(receiver);
      receiver.listen();
      conn.subs.push(
        watchCalls(channel, (e) => this.#callEvents.emit(e)),
        onUnsolicitedUssd(
          channel,
          quirks.ussdEncoding,
          () => this.#ussd?.open ?? false,
          (r) => this.#ussdEvents.emit(r),
        ),
      );
      if (this.#disposed || this.#stopped) throw new DriverError('DISPOSED');
      this.#error = undefined;
      this.#failedPolls = 0;
      this.#setState('ready');
      if (this.#options.sweepOnOpen ?? true) void receiver.sweep().catch((e: unknown) => this.#log('warn', 'Start-up sweep failed', e));
      this.#schedulePoll();
      return this.#identity;
    } catch (error) {
      const driverError =
        error instanceof DriverError
          ? error
          : new DriverError(this.#state === 'connecting' && conn === undefined ? 'OFFLINE' : 'SETUP_FAILED', String(error), {
              cause: error,
              ...(error instanceof Error && conn !== undefined ? { message: error.message } : {}),
            });
      if (conn) await this.#teardown(conn);
      this.#error = driverError;
      this.#setState(
        this.#stopped || this.#disposed ? 'closed' : needsPerson(driverError) ? 'failed' : this.#identity ? 'offline' : 'closed',
      );
      throw driverError;
    }
  }

  // -- sending ------------------------------------------------------------------------

  /** Sends a message (or pre-encoded parts). Never throws: failures come back classified. */
  async send(request: SendRequest, options: SendOptions = {}): Promise<SendResult> {
    let parts;
    try {
      parts = partsOf(request);
    } catch (error) {
      return { ok: false, sent: [], failure: classifySendError(error, false, 1) };
    }
    const conn = this.#conn;
    if (this.#state !== 'ready' || !conn) {
      return {
        ok: false,
        sent: [],
        failure: { kind: 'transient', part: 1, code: 'OFFLINE', reason: 'The modem is not connected; nothing was sent.' },
      };
    }
    return sendParts(conn.channel, parts, {
      ...options,
      ...(options.timeoutMs === undefined && this.#options.submitTimeoutMs !== undefined
        ? { timeoutMs: this.#options.submitTimeoutMs }
        : {}),
    });
  }

  // -- USSD, calls ------------------------------------------------------------------------

  /** Starts a USSD session with a code ("*100#"); read replies with `next()`, answer menus with `answer()`. */
  async ussd(code: string, options: { timeoutMs?: number } = {}): Promise<UssdSession> {
    const conn = this.#requireReady();
    this.#ussd?.dispose();
    const session = new UssdSession(conn.channel, this.#quirks?.ussdEncoding, () => {
      if (this.#ussd === session) this.#ussd = undefined;
    });
    this.#ussd = session;
    try {
      await session.start(code, options.timeoutMs ?? 10_000);
    } catch (error) {
      session.dispose();
      throw error;
    }
    return session;
  }

  /** Refuses the ringing call (AT+CHUP, or the family's own command). */
  async rejectCall(): Promise<void> {
    const conn = this.#requireReady();
    await conn.channel.send(this.#quirks?.hangupCommand ?? 'AT+CHUP', { timeoutMs: 5_000 });
  }

  // -- storage, status ------------------------------------------------------------------------

  /** Reads every store now and hands over what is there; resolves with how many were confirmed. */
  sweep(): Promise<number> {
    const conn = this.#requireReady();
    return conn.receiver?.sweep() ?? Promise.resolve(0);
  }

  /** Use of the message stores (AT+CPMS?). */
  async storage(): Promise<StorageUse[]> {
    const conn = this.#requireReady();
    const r = await conn.channel.send('AT+CPMS?', { expect: '+CPMS:', timeoutMs: 5_000 });
    const parsed = parseCpmsRead(r.lines[0] ?? '');
    return parsed.ok ? parsed.value : [];
  }

  /** Polls signal, registration and operator now. */
  async refresh(): Promise<NetworkStatus> {
    const conn = this.#requireReady();
    return conn.monitor ? conn.monitor.poll() : this.#status;
  }

  /** Resolves when receiving work queued so far is done (reads, sweeps, acknowledgements). */
  async idle(): Promise<void> {
    await this.#conn?.receiver?.idle();
  }

  #requireReady(): Connection {
    if (this.#state !== 'ready' || !this.#conn) throw this.#error ?? new DriverError('OFFLINE');
    return this.#conn;
  }

  // -- polling, heartbeat, recovery ---------------------------------------------------------

  #schedulePoll(): void {
    const every = this.#options.pollMs ?? DEFAULT_POLL_MS;
    if (every <= 0 || this.#disposed) return;
    this.#clearTimer();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, every);
  }

  async #poll(): Promise<void> {
    const conn = this.#conn;
    if (this.#state !== 'ready' || !conn?.monitor) return;
    try {
      await conn.monitor.poll(this.#options.pollTimeoutMs);
      this.#failedPolls = 0;
      await conn.receiver?.checkStorage();
    } catch (error) {
      if (conn !== this.#conn) return;
      if (error instanceof AtTimeoutError) {
        this.#log('warn', 'The modem did not answer a status poll.', error);
        if (this.#missedBeat(conn, error)) return;
      } else if (!isFatal(error)) this.#log('warn', 'Status poll failed', error);
    }
    if (conn === this.#conn && this.#state === 'ready') this.#schedulePoll();
  }

  /** A command went unanswered (a poll, a read). Enough in a row and the modem counts as hung; true when recovery started. */
  #missedBeat(conn: Connection, _error: AtTimeoutError): boolean {
    if (conn !== this.#conn || this.#state !== 'ready' || this.#recovering) return this.#recovering;
    this.#failedPolls++;
    if (this.#failedPolls < (this.#options.hungAfter ?? 2)) return false;
    this.#recovering = true;
    this.#clearTimer();
    void this.#recoverHung(conn).finally(() => (this.#recovering = false));
    return true;
  }

  /** No answers: try to get in step again; failing that, reopen the port and look for the modem like after an unplug. */
  async #recoverHung(conn: Connection): Promise<void> {
    try {
      await synchronise(conn.channel, {
        sleep: (ms) => this.#sleep(ms),
        attempts: 2,
        ...(this.#options.syncTimeoutMs !== undefined ? { timeoutMs: this.#options.syncTimeoutMs } : {}),
      });
      this.#failedPolls = 0;
      this.#log('info', 'The modem answers again.');
      this.#schedulePoll();
      return;
    } catch (error) {
      this.#log('error', 'The modem stopped answering; reopening its port.', error);
    }
    this.#goOffline(conn, new DriverError('NOT_RESPONDING', 'no answer to status polls or AT'));
  }

  #onPortLost(conn: Connection, error?: Error): void {
    if (conn !== this.#conn || this.#disposed) return;
    // During set-up the failure surfaces through #connect itself.
    if (this.#state === 'connecting') return;
    this.#goOffline(conn, new DriverError('OFFLINE', error ? error.message : 'port closed', error ? { cause: error } : undefined));
  }

  #goOffline(conn: Connection, reason: DriverError): void {
    if (conn !== this.#conn) return;
    this.#clearTimer();
    this.#ussd?.dispose();
    void this.#teardown(conn);
    this.#error = reason;
    this.#log('warn', `${reason.message} Looking for the modem again.`, reason);
    this.#setState('offline');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#disposed || this.#stopped || this.#state !== 'offline') return;
    this.#clearTimer();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#reconnect();
    }, this.#options.reconnectMs ?? DEFAULT_RECONNECT_MS);
  }

  async #reconnect(): Promise<void> {
    if (this.#disposed || this.#stopped || this.#state !== 'offline') return;
    const imei = this.#identity?.imei;
    let path: string | null = this.#path;
    if (imei !== undefined && this.#options.locate) {
      path = await this.#options.locate(imei).catch(() => null);
    }
    if (this.#disposed || this.#state !== 'offline') return;
    if (path === null) return this.#scheduleReconnect();
    try {
      this.#opening = this.#connect(path);
      await this.#opening;
      this.#path = path;
      this.#log('info', `The modem is back on ${path}.`);
    } catch (error) {
      if ((this.#state as ModemState) === 'failed' || this.#disposed) return;
      this.#setState('offline');
      this.#scheduleReconnect();
      void error;
    } finally {
      this.#opening = undefined;
    }
  }

  async #teardown(conn: Connection): Promise<void> {
    if (this.#conn === conn) this.#conn = undefined;
    for (const s of conn.subs.splice(0)) s.dispose();
    conn.channel.dispose();
    if (conn.port.isOpen) await conn.port.close().catch(() => {});
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#clock.setTimeout(resolve, ms));
  }

  #setState(state: ModemState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#stateEvents.emit(state);
  }

  #setStatus(status: NetworkStatus): void {
    this.#status = status;
    this.#statusEvents.emit(status);
  }

  #log(level: LogEntry['level'], text: string, error?: unknown): void {
    this.#logEvents.emit({ level, text, ...(error !== undefined ? { error } : {}) });
  }

  /** Stops everything and closes the port. */
  async close(): Promise<void> {
    this.#stopped = true;
    this.#clearTimer();
    this.#ussd?.dispose();
    const conn = this.#conn;
    // Work under way is cancelled, not awaited: what was not deleted stays on the modem for the next sweep.
    if (conn) await this.#teardown(conn);
    if (!this.#disposed) this.#setState('closed');
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#clearTimer();
    this.#ussd?.dispose();
    const conn = this.#conn;
    if (conn) void this.#teardown(conn);
    this.#setState('closed');
    for (const e of [this.#stateEvents, this.#statusEvents, this.#callEvents, this.#removedEvents, this.#ussdEvents, this.#logEvents])
      e.clear();
    this.#messages.clear();
    this.#reports.clear();
  }
}

/** Errors a retry cannot fix. */
function needsPerson(error: DriverError): boolean {
  switch (error.code) {
    case 'PIN_REQUIRED':
    case 'PIN_WRONG':
    case 'PUK_REQUIRED':
    case 'SIM_UNAVAILABLE':
    case 'SIM_LOCKED':
      return true;
    case 'NOT_RESPONDING':
    case 'OFFLINE':
    case 'SETUP_FAILED':
    case 'WRONG_MODEM':
    case 'DISPOSED':
      return false;
    default:
      return assertNever(error.code, 'driver error code');
  }
}
