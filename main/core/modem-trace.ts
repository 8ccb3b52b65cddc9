/**
 * The AT trace as the Modems screen and bug reports see it: the driver's trace (PINs, PUKs
 * and passwords already masked by modem/at) with message PDUs hidden as well, numbered so a
 * viewer that fetched the tail and then follows the live batches can drop what it has seen.
 *
 * PDUs are hidden because they hold the text and the numbers of people's messages (TS 23.040
 * §9.2); a trace attached to a bug report must not carry them. What is kept: the commands,
 * the replies, the PDU lengths and every error, which is what a modem problem needs.
 */
import type { TraceEntry } from '../../modem/at/index';
import type { TraceLine } from '../contract';

/** Lines kept per modem for the console (the driver's own trace keeps 2000). */
export const TRACE_CAPACITY = 1000;
/** Most lines in one `modems.trace` event; a busier flush becomes several events. */
export const TRACE_BATCH_MAX = 200;

/** A line of hex digits this long can only be a PDU: the shortest SMS-DELIVER is 15 octets. */
const MIN_BARE_PDU_HEX = 30;
/** Reply headers whose next line is a PDU (TS 27.005 §3.4.1, §3.4.2, §3.5.1). */
const PDU_HEADER = /^\+(CMT|CMGR|CMGL|CDS):/i;
const HEX = /^[0-9A-Fa-f]+$/;

function hidden(hex: string): string {
  return `<PDU of ${Math.floor(hex.length / 2)} octets hidden>`;
}

/** Hides message PDUs in trace lines; keeps state because a PDU is known by the line before it. */
export class PduRedactor {
  #pduNext = false;

  redact(dir: TraceEntry['dir'], text: string): string {
    if (dir === 'tx') {
      // The payload of +CMGS/+CMGW: PDU hex then Ctrl-Z (made visible by the driver's trace).
      const m = /^([0-9A-Fa-f]+)(<Ctrl-Z>|<Esc>)$/.exec(text);
      if (m) return hidden(m[1]!) + m[2]!;
      return text;
    }
    const afterHeader = this.#pduNext;
    this.#pduNext = PDU_HEADER.test(text);
    const bare = text.trim();
    if (HEX.test(bare) && (afterHeader || bare.length >= MIN_BARE_PDU_HEX)) return hidden(bare);
    return text;
  }
}

/** One modem's console trace: a bounded, numbered, redacted tail plus what is not yet sent out. */
export class TraceLog {
  readonly #capacity: number;
  readonly #redactor = new PduRedactor();
  readonly #lines: TraceLine[] = [];
  #pending: TraceLine[] = [];
  #seq = 0;

  constructor(capacity = TRACE_CAPACITY) {
    this.#capacity = capacity;
  }

  add(entry: TraceEntry): TraceLine {
    const line: TraceLine = {
      seq: ++this.#seq,
      at: new Date(entry.t).toISOString(),
      dir: entry.dir,
      text: this.#redactor.redact(entry.dir, entry.text),
    };
    this.#lines.push(line);
    // Drop in chunks so a full log does not move every line on every entry.
    if (this.#lines.length > this.#capacity + 100) this.#lines.splice(0, this.#lines.length - this.#capacity);
    this.#pending.push(line);
    if (this.#pending.length > this.#capacity) this.#pending.splice(0, this.#pending.length - this.#capacity);
    return line;
  }

  /** The newest `limit` lines, oldest first. */
  tail(limit = this.#capacity): TraceLine[] {
    const n = Math.min(limit, this.#capacity);
    return this.#lines.slice(-n);
  }

  /** Lines added since the last call, in batches of at most `max`. */
  takeBatches(max = TRACE_BATCH_MAX): TraceLine[][] {
    const pending = this.#pending;
    this.#pending = [];
    const batches: TraceLine[][] = [];
    for (let i = 0; i < pending.length; i += max) batches.push(pending.slice(i, i + max));
    return batches;
  }

  get hasPending(): boolean {
    return this.#pending.length > 0;
  }
}
