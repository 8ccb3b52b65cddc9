/**
 * The modems a core drives: those found on the system's serial ports, and the demo's virtual
 * modem when the user asks for it. Each source is a ModemSupervisor; the hub follows their
 * modems, gives the station every one of them, and tells the UI when anything changes.
 */
import { openSerialTransport, type SerialBinding } from '../../modem/at/index';
import { isDriverError, ModemSupervisor, type Modem, type PortOpener, type UssdSession } from '../../modem/driver/index';
import { createDemo, DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER, type Emulator } from '../../modem/emulator/index';
import type { DemoInfo, ModemState as ContractModemState, ModemSummary } from '../contract';
import type { Station } from '../station/index';
import { DisposableStore, toDisposable, type Disposable } from './lifecycle';

export interface SystemPorts {
  /** Lists candidate serial ports; default: the OS serial binding's list. */
  readonly list?: () => Promise<readonly string[]>;
  readonly opener?: PortOpener;
  /** How often to look for newly plugged modems (default 30 s; 0: only at start). */
  readonly rescanMs?: number;
}

interface Source {
  readonly supervisor: ModemSupervisor;
  readonly virtual: boolean;
  readonly emulator?: Emulator;
}

interface Followed {
  readonly modem: Modem;
  readonly virtual: boolean;
  readonly subs: Disposable[];
  ussd?: UssdSession;
}

const DEFAULT_RESCAN_MS = 30_000;

export class ModemHub implements Disposable {
  readonly #station: Station | undefined;
  readonly #changed: () => void;
  readonly #log: (message: string, err?: unknown) => void;
  readonly #sources: Source[] = [];
  readonly #followed = new Map<Modem, Followed>();
  readonly #store = new DisposableStore();
  #demo: (DemoInfo & { emulator: Emulator }) | undefined;
  #notify = false;
  #disposed = false;

  constructor(options: { station?: Station | undefined; changed: () => void; log: (message: string, err?: unknown) => void }) {
    this.#station = options.station;
    this.#changed = options.changed;
    this.#log = options.log;
  }

  /** Looks for modems on the serial ports now and then every `rescanMs`. */
  useSystemPorts(options: SystemPorts = {}): void {
    const supervisor = new ModemSupervisor({
      list: options.list ?? systemPortList,
      opener: options.opener ?? ((path) => openSerialTransport(path, 115200)),
    });
    this.#add({ supervisor, virtual: false });
    const scan = (): void => {
      supervisor.scan().catch((err: unknown) => this.#log('looking for modems failed', err));
    };
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
    const emulator = createDemo();
    const binding = emulator.binding() as unknown as SerialBinding;
    const supervisor = new ModemSupervisor({
      list: async () => (await emulator.binding().list()).map((p) => p.path),
      opener: (path) => openSerialTransport(path, 115200, binding),
    });
    this.#demo = { handset: DEMO_HANDSET_NUMBER, modemNumber: DEMO_MODEM_NUMBER, emulator };
    this.#add({ supervisor, virtual: true, emulator });
    await supervisor.scan();
    return { handset: DEMO_HANDSET_NUMBER, modemNumber: DEMO_MODEM_NUMBER };
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
    return this.modems.find((m) => modemId(m) === id);
  }

  summaries(): ModemSummary[] {
    return [...this.#followed.values()].map((f) => summarise(f.modem, f.virtual));
  }

  readyCount(): number {
    return this.modems.filter((m) => m.state === 'ready').length;
  }

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

  #mustFollow(id: string): Followed {
    const modem = this.find(id);
    const followed = modem && this.#followed.get(modem);
    if (!followed) throw new HubError('not-found', `There is no modem ${id}.`);
    return followed;
  }

  #add(source: Source): void {
    this.#sources.push(source);
    for (const modem of source.supervisor.modems.values()) this.#follow(modem, source.virtual);
    this.#store.add(
      source.supervisor.onModem((event) => {
        if (event.kind === 'added') this.#follow(event.modem, source.virtual);
        else this.#unfollow(event.modem);
      }),
    );
    this.#station?.useSupervisor(source.supervisor);
  }

  #follow(modem: Modem, virtual: boolean): void {
    if (this.#followed.has(modem)) return;
    const followed: Followed = { modem, virtual, subs: [] };
    followed.subs.push(
      modem.onStateChange(() => this.#changedSoon()),
      modem.onStatus(() => this.#changedSoon()),
    );
    this.#followed.set(modem, followed);
    this.#changedSoon();
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
    readonly code: 'not-found' | 'bad-request',
    message: string,
  ) {
    super(message);
  }
}

export function modemId(modem: Modem): string {
  const imei = modem.identity?.imei;
  return imei !== undefined && imei !== '' ? imei : modem.path;
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

export function summarise(modem: Modem, virtual: boolean): ModemSummary {
  const identity = modem.identity;
  const status = modem.status;
  const setup = modem.setup;
  const state = contractState(modem);
  return {
    id: modemId(modem),
    port: modem.path,
    state,
    manufacturer: identity?.manufacturer || null,
    model: identity?.model || null,
    imei: identity?.imei || null,
    ownNumber: identity?.ownNumber ?? null,
    operator: status.operator,
    signal: status.signal?.rssi ?? null,
    registration: status.registration?.status ?? null,
    storage: setup ? { used: setup.used, total: setup.total } : null,
    problem: state === 'ready' || state === 'initialising' ? null : (modem.error?.message ?? null),
    virtual,
  };
}

async function systemPortList(): Promise<string[]> {
  const { autoDetect } = await import('@serialport/bindings-cpp');
  return (await autoDetect().list()).map((p) => p.path);
}
