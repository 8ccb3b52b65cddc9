/**
 * The AT trace: every line to and from the modem, timestamped, in a bounded ring buffer
 * for the UI, logs and bug reports. Secrets never enter it: PINs, PUKs and facility
 * passwords are masked in both directions (the modem echoes what it was sent).
 */
import { toDisposable, type Disposable } from './lifecycle';

export type TraceDirection = 'tx' | 'rx';

export interface TraceEntry {
  /** Milliseconds since the epoch (from the channel's clock). */
  readonly t: number;
  readonly dir: TraceDirection;
  readonly text: string;
}

export interface TraceOptions {
  /** Entries kept; the oldest go first. */
  readonly capacity?: number;
  readonly now?: () => number;
}

const MASK = '****';

/** Masks the secrets in AT text: +CPIN/+CPIN2/^CPIN arguments, the +CLCK password, the +CPWD passwords. */
export function redactAt(text: string): string {
  return (
    text
      // AT+CPIN="1234" / AT+CPIN="PUK","NEWPIN" / AT+CPIN2=... / AT^CPIN=... : every argument
      .replace(/([+^]CPIN2?\s*=)([^;\r\n]*)/gi, (_m, head: string, args: string) => head + maskArgs(args, () => true))
      // AT+CLCK=<fac>,<mode>[,<passwd>[,<class>]]: the third argument
      .replace(/(\+CLCK\s*=)([^;\r\n]*)/gi, (_m, head: string, args: string) => head + maskArgs(args, (i) => i === 2))
      // AT+CPWD=<fac>,<oldpwd>,<newpwd>: the second and third
      .replace(/(\+CPWD\s*=)([^;\r\n]*)/gi, (_m, head: string, args: string) => head + maskArgs(args, (i) => i === 1 || i === 2))
  );
}

function maskArgs(args: string, secret: (index: number) => boolean): string {
  return args
    .split(',')
    .map((arg, i) => {
      if (!secret(i) || arg.trim().length === 0) return arg;
      return arg.trim().startsWith('"') ? `"${MASK}"` : MASK;
    })
    .join(',');
}

/** Makes control bytes visible: the PDU terminator and ESC matter when reading a trace. */
export function visibleControls(text: string): string {
  return (
    text
      .replace(/\r?\n|\r/g, '')
      .replaceAll('\x1a', '<Ctrl-Z>')
      .replaceAll('\x1b', '<Esc>')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => `<0x${c.charCodeAt(0).toString(16).padStart(2, '0')}>`)
  );
}

export class AtTrace {
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #ring: (TraceEntry | undefined)[];
  #next = 0;
  #size = 0;
  readonly #listeners = new Set<(entry: TraceEntry) => void>();

  constructor(options: TraceOptions = {}) {
    this.#capacity = Math.max(1, Math.floor(options.capacity ?? 2000));
    this.#now = options.now ?? Date.now;
    this.#ring = new Array<TraceEntry | undefined>(this.#capacity);
  }

  /** Records one line; returns the entry as stored (redacted). */
  record(dir: TraceDirection, text: string): TraceEntry {
    const entry: TraceEntry = { t: this.#now(), dir, text: redactAt(visibleControls(text)) };
    this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#size = Math.min(this.#size + 1, this.#capacity);
    for (const listener of [...this.#listeners]) {
      try {
        listener(entry);
      } catch {
        // A broken viewer must not break the modem; it simply misses entries.
      }
    }
    return entry;
  }

  /** Oldest first. */
  entries(): TraceEntry[] {
    const out: TraceEntry[] = [];
    const start = (this.#next - this.#size + this.#capacity) % this.#capacity;
    for (let i = 0; i < this.#size; i++) {
      const entry = this.#ring[(start + i) % this.#capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Live viewers: called for each new entry until disposed. */
  onEntry(listener: (entry: TraceEntry) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }

  get size(): number {
    return this.#size;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

/** Plain text for logs and bug reports: "2026-11-23T12:00:00.000Z > AT+CSQ". */
export function formatTrace(entries: readonly TraceEntry[]): string {
  return entries.map((e) => `${new Date(e.t).toISOString()} ${e.dir === 'tx' ? '>' : '<'} ${e.text}`).join('\n');
}
