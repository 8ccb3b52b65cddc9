/**
 * Signal, registration and operator (TS 27.007 §7.2, §7.3, §8.5): notices as they come
 * (+CREG, vendor signal lines) plus a poll, which doubles as the heartbeat that tells
 * a hung modem from a quiet one.
 */
import {
  parseCopsRead,
  parseCsq,
  parseHuaweiRssi,
  parseRegistrationRead,
  parseRegistrationUrc,
  toDisposable,
  type AtChannel,
  type Disposable,
  type Registration,
  type SignalQuality,
} from '../at/index';
import type { Quirks } from './quirks';
import { runSequence, type Step } from './sequence';

export interface NetworkStatus {
  readonly signal: SignalQuality | null;
  readonly registration: Registration | null;
  /** Operator name as the modem shows it (long alphanumeric form when the modem allows). */
  readonly operator: string | null;
}

export const EMPTY_STATUS: NetworkStatus = { signal: null, registration: null, operator: null };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const POLL_TIMEOUT_MS = 5_000;

/** Turns on the notices the monitor listens to; each may fail on older modems. */
const NOTICE_STEPS: readonly Step<{ creg: number }>[] = [
  { command: 'AT+CREG=2', optional: true, handle: (_r, c) => (c.creg = 2) },
  { command: (c) => (c.creg === 2 ? undefined : 'AT+CREG=1'), optional: true, handle: (_r, c) => (c.creg = 1) },
  // Operator names in long alphanumeric form (TS 27.007 §7.3 <format> 0).
  { command: 'AT+COPS=3,0', optional: true },
];

const POLL_STEPS: readonly Step<Mutable<NetworkStatus>>[] = [
  {
    command: 'AT+CSQ',
    expect: '+CSQ:',
    timeoutMs: POLL_TIMEOUT_MS,
    handle: (r, s) => {
      const parsed = parseCsq(r.lines[0] ?? '');
      if (parsed.ok) s.signal = parsed.value;
    },
  },
  {
    command: 'AT+CREG?',
    expect: '+CREG:',
    timeoutMs: POLL_TIMEOUT_MS,
    optional: true,
    handle: (r, s) => {
      const parsed = parseRegistrationRead(r.lines[0] ?? '');
      if (parsed.ok) s.registration = parsed.value;
    },
  },
  {
    command: 'AT+COPS?',
    expect: '+COPS:',
    timeoutMs: POLL_TIMEOUT_MS,
    optional: true,
    handle: (r, s) => {
      const parsed = parseCopsRead(r.lines[0] ?? '');
      if (parsed.ok) s.operator = parsed.value.operator ?? null;
    },
  },
];

export class NetworkMonitor implements Disposable {
  readonly #channel: AtChannel;
  readonly #subs: Disposable[] = [];
  readonly #listeners = new Set<(status: NetworkStatus) => void>();
  #status: NetworkStatus = EMPTY_STATUS;

  constructor(channel: AtChannel, quirks: Quirks) {
    this.#channel = channel;
    const onRegistration = (line: string): void => {
      const parsed = parseRegistrationUrc(line);
      // Only +CREG (circuit-switched) says whether SMS over the CS domain works; +CGREG/+CEREG are kept for LTE-only modules.
      if (parsed.ok && (parsed.value.kind === 'CREG' || this.#status.registration?.kind !== 'CREG'))
        this.#update({ registration: parsed.value });
    };
    this.#subs.push(
      channel.onUrc('+CREG:', (u) => onRegistration(u.line)),
      channel.onUrc('+CEREG:', (u) => onRegistration(u.line)),
    );
    if (quirks.signalNotice) {
      this.#subs.push(
        channel.onUrc(quirks.signalNotice, (u) => {
          const parsed = parseHuaweiRssi(u.line);
          if (parsed.ok) this.#update({ signal: parsed.value });
        }),
      );
    }
  }

  get status(): NetworkStatus {
    return this.#status;
  }

  onChange(listener: (status: NetworkStatus) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  async enableNotices(): Promise<void> {
    await runSequence(this.#channel, NOTICE_STEPS, { creg: 0 });
  }

  /** Reads signal, registration and operator; rejects when the modem does not answer (the heartbeat). */
  async poll(timeoutMs = POLL_TIMEOUT_MS): Promise<NetworkStatus> {
    const next: Mutable<NetworkStatus> = { ...this.#status };
    const steps = timeoutMs === POLL_TIMEOUT_MS ? POLL_STEPS : POLL_STEPS.map((s) => ({ ...s, timeoutMs }));
    await runSequence(this.#channel, steps, next);
    this.#update(next);
    return this.#status;
  }

  #update(change: Partial<NetworkStatus>): void {
    const next = { ...this.#status, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    for (const l of [...this.#listeners]) l(next);
  }

  dispose(): void {
    for (const s of this.#subs.splice(0)) s.dispose();
    this.#listeners.clear();
  }
}
