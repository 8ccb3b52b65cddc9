/**
 * The modems a core drives: those found on the system's serial ports, and the demo's virtual
 * modem when the user asks for it. Each source is a ModemSupervisor; the hub follows their
 * modems, gives the station every one of them, and tells the UI when anything changes. For
 * the Modems screen it also keeps, per modem, the signal over time and the console's trace,
 * runs console commands and USSD sessions, and lists the serial ports.
 */
import type { PortInfo } from '@serialport/bindings-interface';
import { isAtError, listSerialPorts, openSerialTransport, redactAt, type SerialBinding } from '../../modem/at/index';
import { isDriverError, ModemSupervisor, type DriverError, type Modem, type PortOpener, type UssdSession } from '../../modem/driver/index';
import { createDemo, DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER, type DemoNetwork, type Emulator } from '../../modem/emulator/index';
import type {
  AtCommandResult,
  DemoInfo,
  ModemState as ContractModemState,
  ModemSummary,
  ModemTrace,
  PinMemory,
  PortList,
  SerialPortView,
  SignalHistory as SignalHistoryView,
} from '../contract';
import type { Station } from '../station/index';
import { assessAtCommand, parseCommandLine } from './at-console';
import { DisposableStore, toDisposable, type Disposable } from './lifecycle';
import { PduRedactor, TraceLog } from './modem-trace';
import { refusingPinStore, type PinStore } from './pin-store';
import { SignalHistory } from './signal-history';

export interface SystemPorts {
  /** Lists candidate serial ports; default: the OS serial binding's list. */
  readonly list?: () => Promise<readonly string[]>;
  readonly opener?: PortOpener;
  /** How often to look for newly plugged modems (default 30 s; 0: only at start). */
  readonly rescanMs?: number;
}

export interface ModemHubOptions {
  readonly station?: Station | undefined;
  readonly changed: () => void;
  /** New console trace lines of one modem, in bounded batches. */
  readonly trace?: (batch: ModemTrace) => void;
  readonly log: (message: string, err?: unknown) => void;
  /** Where remembered SIM PINs live; default: nowhere (the CLI and the web refuse to keep them). */
  readonly pins?: PinStore;
  /** How often each modem polls signal and registration (the driver's default is 30 s). */
  readonly pollMs?: number;
  /** Lists the system's serial ports for ports.list; default: @serialport/bindings-cpp autoDetect. */
  readonly listPorts?: () => Promise<readonly PortInfo[]>;
  /** The demo network's timings (tests that send many messages speed it up). */
  readonly demoNetwork?: DemoNetwork;
}

interface Source {
  readonly supervisor: ModemSupervisor;
  readonly virtual: boolean;
  readonly emulator?: Emulator;
}

interface Followed {
  readonly modem: Modem;
  readonly virtual: boolean;
  /** The IMEI the supervisor found the modem by: known before the SIM is unlocked. */
  readonly imei: string | undefined;
  readonly subs: Disposable[];
  readonly trace: TraceLog;
  readonly signal: SignalHistory;
  ussd?: UssdSession;
}

const DEFAULT_RESCAN_MS = 30_000;
/** Trace lines are sent out at most this often, so a busy modem makes few events. */
const TRACE_FLUSH_MS = 150;
const CONSOLE_TIMEOUT_MS = 15_000;

export class ModemHub implements Disposable {
  readonly #options: ModemHubOptions;
  readonly #station: Station | undefined;
  readonly #changed: () => void;
  readonly #log: (message: string, err?: unknown) => void;
  readonly #pins: PinStore;
  /** The remembered PINs by IMEI, as the supervisors read them when they start a driver. */
  readonly #pinView: Record<string, string>;
  readonly #sources: Source[] = [];
  readonly #followed = new Map<Modem, Followed>();
  readonly #scans = new Map<Source, Promise<void>>();
  readonly #store = new DisposableStore();
  #demo: (DemoInfo & { emulator: Emulator }) | undefined;
  #watchingSystem = false;
  #notify = false;
  #traceTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(options: ModemHubOptions) {
    this.#options = options;
    this.#station = options.station;
    this.#changed = options.changed;
    this.#log = options.log;
    this.#pins = options.pins ?? refusingPinStore();
    this.#pinView = { ...this.#pins.all() };
  }

  /** Looks for modems on the serial ports now and then every `rescanMs`. */
  useSystemPorts(options: SystemPorts = {}): void {
    const supervisor = new ModemSupervisor({
      list: options.list ?? systemPortList,
      opener: options.opener ?? ((path) => openSerialTransport(path, 115200)),
      ...this.#supervisorOptions(),
    });
    this.#watchingSystem = true;
    const source: Source = { supervisor, virtual: false };
    this.#add(source);
    const scan = (): void => void this.#scan(source);
    scan();
    const every = options.rescanMs ?? DEFAULT_RESCAN_MS;
    if (every > 0) {
      const timer = setInterval(scan, every);
      timer.unref?.();
      this.#store.add(toDisposable(() => clearInterval(timer)));
    }
  }

  /** Starts the demo once: a virtual modem on a virtual network and a handset that answers. */
  async startDemo(): Promise<DemoInfo> {
    if (this.#demo) return { handset: this.#demo.handset, modemNumber: this.#demo.modemNumber };
    const emulator = createDemo(this.#options.demoNetwork ? { network: this.#options.demoNetwork } : {});
    const binding = emulator.binding() as unknown as SerialBinding;
    const supervisor = new ModemSupervisor({
      list: async () => (await emulator.binding().list()).map((p) => p.path),
      opener: (path) => openSerialTransport(path, 115200, binding),
      ...this.#supervisorOptions(),
    });
    this.#demo = { handset: DEMO_HANDSET_NUMBER, modemNumber: DEMO_MODEM_NUMBER, emulator };
    const source: Source = { supervisor, virtual: true, emulator };
    this.#add(source);
    await supervisor.scan();
    return { handset: DEMO_HANDSET_NUMBER, modemNumber: DEMO_MODEM_NUMBER };
  }

  /**
   * One scan of a source at a time: the timer's and a "look for modems" of the user's would
   * otherwise probe the same free ports at once and find each other's ports busy.
   */
  #scan(source: Source): Promise<void> {
    let running = this.#scans.get(source);
    if (!running) {
      running = source.supervisor
        .scan()
        .then(
          () => undefined,
          (err: unknown) => this.#log('looking for modems failed', err),
        )
        .finally(() => this.#scans.delete(source));
      this.#scans.set(source, running);
    }
    return running;
  }

  #supervisorOptions(): { pin: Readonly<Record<string, string>>; modem?: { pollMs: number } } {
    // The view, not a copy: a PIN remembered or forgotten later counts for modems found later.
    return { pin: this.#pinView, ...(this.#options.pollMs !== undefined ? { modem: { pollMs: this.#options.pollMs } } : {}) };
  }

  get demoRunning(): boolean {
    return this.#demo !== undefined;
  }

  /** The demo's emulator, for tests that drive the virtual network. */
  get demoEmulator(): Emulator | undefined {
    return this.#demo?.emulator;
  }

  get modems(): Modem[] {
    return [...this.#followed.keys()];
  }

  find(id: string): Modem | undefined {
    for (const f of this.#followed.values()) if (idOf(f) === id) return f.modem;
    return undefined;
  }

  summaries(): ModemSummary[] {
    return [...this.#followed.values()].map((f) => summarise(f.modem, f.virtual, f.imei));
  }

  summary(id: string): ModemSummary | undefined {
    return this.summaries().find((m) => m.id === id);
  }

  readyCount(): number {
    return this.modems.filter((m) => m.state === 'ready').length;
  }

  // -- signal and trace ------------------------------------------------------------------

  signalHistory(id: string): SignalHistoryView {
    return { modemId: id, samples: this.#mustFollow(id).signal.samples() };
  }

  traceLines(id: string, limit?: number): ModemTrace {
    return { modemId: id, lines: this.#mustFollow(id).trace.tail(limit) };
  }

  #traced(): void {
    if (this.#traceTimer !== undefined || this.#disposed) return;
    this.#traceTimer = setTimeout(() => {
      this.#traceTimer = undefined;
      this.#flushTrace();
    }, TRACE_FLUSH_MS);
    this.#traceTimer.unref?.();
  }

  #flushTrace(): void {
    const emit = this.#options.trace;
    for (const f of this.#followed.values()) {
      const batches = f.trace.takeBatches();
      if (!emit) continue;
      for (const lines of batches) emit({ modemId: idOf(f), lines });
    }
  }

  // -- console -------------------------------------------------------------------------------

  /**
   * Sends one command line typed in the console. It queues behind the driver's own commands
   * (one in flight), so it never interleaves with them; what could break the driver's set-up
   * is sent only with `confirm` (at-console.ts lists it).
   */
  async at(id: string, command: string, options: { confirm?: boolean; timeoutMs?: number } = {}): Promise<AtCommandResult> {
    const followed = this.#mustFollow(id);
    const risks = assessAtCommand(command);
    if (risks.length > 0 && !options.confirm) return { outcome: 'needs-confirm', risks };
    const channel = followed.modem.channel;
    if (followed.modem.state !== 'ready' || !channel) {
      throw new HubError('bad-request', 'The modem is not connected, so it cannot take a command now.');
    }
    try {
      const reply = await channel.send(command, { expect: expectedPrefixes(command), timeoutMs: options.timeoutMs ?? CONSOLE_TIMEOUT_MS });
      return { outcome: 'ok', lines: redactReply(reply.lines) };
    } catch (err) {
      if (!isAtError(err)) throw err;
      const detail = err.detail && err.detail !== err.message ? ` (${redactAt(err.detail)})` : '';
      return { outcome: 'error', message: `${err.message}${detail}`, lines: [] };
    }
  }

  // -- USSD ----------------------------------------------------------------------------------

  /** Starts a USSD session, or answers the open one's menu. */
  async ussd(id: string, text: string): Promise<{ text: string | null; open: boolean }> {
    const followed = this.#mustFollow(id);
    const open = followed.ussd?.open ? followed.ussd : undefined;
    const reply = open ? await open.answer(text) : await this.#startUssd(followed, text);
    const session = followed.ussd;
    return { text: reply.text, open: session?.open ?? false };
  }

  async cancelUssd(id: string): Promise<void> {
    const followed = this.#mustFollow(id);
    const session = followed.ussd;
    followed.ussd = undefined;
    await session?.cancel();
  }

  async #startUssd(followed: Followed, code: string): ReturnType<UssdSession['next']> {
    const session = await followed.modem.ussd(code);
    followed.ussd = session;
    return session.next();
  }

  // -- PIN -----------------------------------------------------------------------------------

  /** Enters the PIN the user typed, once; keeps it when asked and the SIM took it. */
  async unlock(id: string, pin: string, remember: boolean): Promise<void> {
    const followed = this.#mustFollow(id);
    const imei = followed.modem.identity?.imei || followed.imei;
    if (remember && this.#pins.availability() !== 'available') {
      throw new HubError('bad-request', 'This SMSDesk cannot keep a PIN safely, so it was not entered. Enter it without “remember”.');
    }
    if (remember && !imei) throw new HubError('bad-request', 'The modem’s IMEI is not known, so its PIN cannot be remembered.');
    try {
      await followed.modem.unlock(pin);
    } catch (err) {
      if (isDriverError(err, 'PIN_WRONG')) throw new HubError('bad-request', `The SIM refused this PIN: ${simWords(err)}.`);
      throw err;
    }
    if (remember && imei) {
      try {
        this.#pins.set(imei, pin);
        this.#pinView[imei] = pin;
      } catch (err) {
        this.#log('a PIN could not be kept', err);
        throw new HubError(
          'internal',
          `The SIM is unlocked, but its PIN could not be kept: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  pinMemory(id: string): PinMemory {
    const followed = this.#mustFollow(id);
    const imei = followed.modem.identity?.imei || followed.imei;
    return { availability: this.#pins.availability(), remembered: imei !== undefined && this.#pins.has(imei) };
  }

  forgetPin(id: string): PinMemory {
    const followed = this.#mustFollow(id);
    const imei = followed.modem.identity?.imei || followed.imei;
    if (imei) this.#forget(imei);
    return this.pinMemory(id);
  }

  #forget(imei: string): void {
    delete this.#pinView[imei];
    this.#pins.delete(imei);
  }

  // -- ports -------------------------------------------------------------------------------

  /** The system's serial ports and the demo's, each with the modem on it; `probe` scans for modems first. */
  async ports(probe = false): Promise<PortList> {
    if (probe) {
      await Promise.all(this.#sources.map((s) => this.#scan(s)));
    }
    const onPort = new Map<string, string>();
    for (const f of this.#followed.values()) onPort.set(f.modem.path, idOf(f));
    const view = (p: PortInfo, virtual: boolean): SerialPortView => ({
      path: p.path,
      manufacturer: p.manufacturer || null,
      vendorId: p.vendorId || null,
      productId: p.productId || null,
      serialNumber: p.serialNumber || null,
      virtual,
      modemId: onPort.get(p.path) ?? null,
    });
    const ports: SerialPortView[] = [];
    let problem: string | null = null;
    try {
      for (const p of await (this.#options.listPorts ?? listSerialPorts)()) ports.push(view(p, false));
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    for (const source of this.#sources) {
      if (!source.emulator) continue;
      for (const p of await source.emulator.binding().list()) ports.push(view(p, true));
    }
    return { ports, watching: this.#watchingSystem, problem };
  }

  // -- following -----------------------------------------------------------------------------

  #mustFollow(id: string): Followed {
    for (const f of this.#followed.values()) if (idOf(f) === id) return f;
    throw new HubError('not-found', `There is no modem ${id}.`);
  }

  #add(source: Source): void {
    this.#sources.push(source);
    for (const modem of source.supervisor.modems.values()) this.#follow(modem, source);
    this.#store.add(
      source.supervisor.onModem((event) => {
        if (event.kind === 'added') this.#follow(event.modem, source);
        else this.#unfollow(event.modem);
      }),
    );
    this.#station?.useSupervisor(source.supervisor);
  }

  #follow(modem: Modem, source: Source): void {
    if (this.#followed.has(modem)) return;
    let imei: string | undefined;
    for (const [key, m] of source.supervisor.modems) if (m === modem) imei = key;
    const followed: Followed = { modem, virtual: source.virtual, imei, subs: [], trace: new TraceLog(), signal: new SignalHistory() };
    for (const entry of modem.trace.entries()) followed.trace.add(entry);
    followed.subs.push(
      modem.onStateChange((state) => {
        if (state === 'ready') followed.signal.record(modem.status.signal?.rssi ?? null);
        else if (state !== 'connecting') followed.signal.record(null);
        this.#forgetRefusedPin(followed);
        this.#changedSoon();
      }),
      modem.onStatus((status) => {
        if (modem.state === 'ready' || modem.state === 'connecting') followed.signal.record(status.signal?.rssi ?? null);
        this.#changedSoon();
      }),
      modem.trace.onEntry((entry) => {
        followed.trace.add(entry);
        this.#traced();
      }),
    );
    this.#followed.set(modem, followed);
    if (followed.trace.hasPending) this.#traced();
    this.#changedSoon();
  }

  /** A PIN the SIM refused is forgotten: it must never spend another try on a later start. */
  #forgetRefusedPin(followed: Followed): void {
    const error = followed.modem.error;
    if (followed.modem.state !== 'failed' || !(isDriverError(error, 'PIN_WRONG') || isDriverError(error, 'PUK_REQUIRED'))) return;
    const imei = followed.modem.identity?.imei || followed.imei;
    if (imei && this.#pins.has(imei)) {
      this.#log(`the SIM of modem ${imei} refused its remembered PIN; it is forgotten`);
      this.#forget(imei);
    }
  }

  #unfollow(modem: Modem): void {
    const followed = this.#followed.get(modem);
    if (!followed) return;
    for (const s of followed.subs) s.dispose();
    this.#followed.delete(modem);
    this.#changedSoon();
  }

  /** Several changes in one turn (state, then status) make one event. */
  #changedSoon(): void {
    if (this.#notify || this.#disposed) return;
    this.#notify = true;
    queueMicrotask(() => {
      this.#notify = false;
      if (!this.#disposed) this.#changed();
    });
  }

  /** Closes every modem (ports released) and stops the demo. */
  async close(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#traceTimer !== undefined) clearTimeout(this.#traceTimer);
    this.#traceTimer = undefined;
    this.#store.dispose();
    for (const f of this.#followed.values()) for (const s of f.subs) s.dispose();
    const modems = [...this.#followed.keys()];
    this.#followed.clear();
    await Promise.all(modems.map((m) => m.close().catch(() => undefined)));
    for (const source of this.#sources) source.supervisor.dispose();
    this.#demo?.emulator.dispose();
    this.#demo = undefined;
  }

  dispose(): void {
    void this.close();
  }
}

export class HubError extends Error {
  override readonly name = 'HubError';
  constructor(
    readonly code: 'not-found' | 'bad-request' | 'internal',
    message: string,
  ) {
    super(message);
  }
}

/** A modem's id: its IMEI when known (from the driver or the probe), else its port. */
export function modemId(modem: Modem, probedImei?: string): string {
  const imei = modem.identity?.imei || probedImei;
  return imei !== undefined && imei !== '' ? imei : modem.path;
}

function idOf(f: Followed): string {
  return modemId(f.modem, f.imei);
}

function contractState(modem: Modem): ContractModemState {
  switch (modem.state) {
    case 'ready':
      return 'ready';
    case 'connecting':
      return 'initialising';
    case 'closed':
    case 'offline':
      return 'offline';
    case 'failed': {
      const code = isDriverError(modem.error) ? modem.error.code : undefined;
      return code === 'PIN_REQUIRED' || code === 'PIN_WRONG' ? 'needs-pin' : 'failed';
    }
  }
}

export function summarise(modem: Modem, virtual: boolean, probedImei?: string): ModemSummary {
  const identity = modem.identity;
  const status = modem.status;
  const setup = modem.setup;
  const state = contractState(modem);
  return {
    id: modemId(modem, probedImei),
    port: modem.path,
    state,
    manufacturer: identity?.manufacturer || null,
    model: identity?.model || null,
    imei: identity?.imei || probedImei || null,
    ownNumber: identity?.ownNumber ?? null,
    operator: status.operator,
    signal: status.signal?.rssi ?? null,
    registration: status.registration?.status ?? null,
    storage: setup ? { used: setup.used, total: setup.total } : null,
    problem: state === 'ready' || state === 'initialising' ? null : problemWords(modem),
    virtual,
    iccid: identity?.iccid || null,
  };
}

/** What is wrong, in words; a refused PIN with the SIM's own answer (the driver's text speaks of a stored PIN). */
function problemWords(modem: Modem): string | null {
  const error = modem.error;
  if (!error) return null;
  return error.code === 'PIN_WRONG'
    ? `The SIM refused the PIN it was given: ${simWords(error)}. SMSDesk does not try it again by itself.`
    : error.message;
}

function simWords(error: DriverError): string {
  const cause = error.cause;
  return isAtError(cause) ? `${cause.message.replace(/\.$/, '')} (${cause.detail})` : error.detail || error.message;
}

/**
 * Reply prefixes of the extended commands in a console line, so their replies are taken as
 * replies: "+CREG: 2,1" read as a notice would mean "searching" to the network monitor.
 * Not +CUSD: its answer is a notice (TS 27.007 §7.15).
 */
function expectedPrefixes(command: string): string[] {
  return parseCommandLine(command).flatMap((c) => (c.kind === 'extended' && c.name !== '+CUSD' ? [`${c.name}:`] : []));
}

function redactReply(lines: readonly string[]): string[] {
  const redactor = new PduRedactor();
  return lines.map((line) => redactor.redact('rx', redactAt(line)));
}

async function systemPortList(): Promise<string[]> {
  return (await listSerialPorts()).map((p) => p.path);
}
