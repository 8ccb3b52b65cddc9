/**
 * Receiving (TS 27.005 §3.4.1, §3.4.4, §3.5): nothing is deleted from the modem, and no
 * direct delivery acknowledged, before a handler has said the message is stored
 * durably (its promise resolved). Paths in:
 *   +CMTI / +CDSI  → AT+CMGR → handler → AT+CMGD
 *   +CMT / +CDS    → handler → AT+CNMA
 *   sweep          → AT+CMGL=4 on every store → handler → AT+CMGD   (start-up, full store, missed notices)
 * A modem that names the wrong store in +CDSI (quirk `statusReportStore`) is swept where
 * the reports really are. Once a message is gone from the modem (deleted, acknowledged),
 * `removed` says so: an identical PDU after that is another SMS, not the same one read again.
 * Every command here goes ahead of queued submits (AtCommandOptions.priority): reading a
 * report takes milliseconds, a submit waits on the network, and behind a burst of sends the
 * reports would otherwise pile up until the report store is full.
 */
import {
  assertNever,
  AtTimeoutError,
  CmsError,
  parseCdsi,
  parseCmgl,
  parseCmgr,
  parseCmti,
  parseCpmsRead,
  type AtChannel,
  type Disposable,
  type Urc,
} from '../at/index';
import { decodePdu, PduDecodeError, type SmsDeliver, type SmsStatusReport } from '../pdu/index';
import { Lock } from './lock';
import type { Quirks } from './quirks';
import { isFatal } from './sequence';
import type { SmsSetup } from './setup';

export type MessageOrigin = { readonly via: 'stored'; readonly storage: string; readonly index: number } | { readonly via: 'direct' };

export interface ReceivedMessage {
  /** The PDU in hex exactly as the modem gave it (SMSC address included): keep it, it is the evidence. */
  readonly pdu: string;
  /** Null when the PDU could not be decoded; it is still handed over so nothing is lost. */
  readonly sms: SmsDeliver | null;
  readonly error?: PduDecodeError;
  readonly origin: MessageOrigin;
}

export interface ReceivedStatusReport {
  readonly pdu: string;
  readonly report: SmsStatusReport | null;
  readonly error?: PduDecodeError;
  readonly origin: MessageOrigin;
}

/** Resolves once the message is stored durably; only then is it deleted or acknowledged. Reject to keep it on the modem. */
export type MessageHandler = (message: ReceivedMessage) => Promise<void>;
export type ReportHandler = (report: ReceivedStatusReport) => Promise<void>;

export interface ReceiverHandlers {
  messages(): readonly MessageHandler[];
  reports(): readonly ReportHandler[];
  /**
   * A message handed over is gone from the modem: its slot deleted (AT+CMGD), or its direct
   * delivery acknowledged (AT+CNMA, or by the modem itself when it acknowledges on its own).
   */
  removed(message: ReceivedMessage): void;
  /** Something went wrong that a person may want to see in a log. */
  problem(text: string, error?: unknown): void;
}

export interface ReceiverTimeouts {
  /** +CPMS, +CMGR, +CMGD, +CNMA (default 10 s). */
  readonly readMs?: number;
  /** +CMGL: listing a full 255-slot store takes a while on slow phones (default 60 s). */
  readonly listMs?: number;
}

const READ_TIMEOUT_MS = 10_000;
const LIST_TIMEOUT_MS = 60_000;

type Decoded =
  | { readonly kind: 'message'; readonly item: ReceivedMessage }
  | { readonly kind: 'report'; readonly item: ReceivedStatusReport }
  | { readonly kind: 'skip' };

function decode(pdu: string, origin: MessageOrigin, tpduLength: number | undefined, expectReport: boolean): Decoded {
  try {
    const decoded = decodePdu(pdu, tpduLength !== undefined ? { tpduLength } : {});
    switch (decoded.type) {
      case 'deliver':
        return { kind: 'message', item: { pdu, sms: decoded, origin } };
      case 'status-report':
        return { kind: 'report', item: { pdu, report: decoded, origin } };
      case 'submit':
        return { kind: 'skip' }; // a draft or sent copy stored by someone: not ours to take
      default:
        return assertNever(decoded, 'PDU type');
    }
  } catch (error) {
    if (!(error instanceof PduDecodeError)) throw error;
    return expectReport
      ? { kind: 'report', item: { pdu, report: null, error, origin } }
      : { kind: 'message', item: { pdu, sms: null, error, origin } };
  }
}

export class Receiver implements Disposable {
  readonly #channel: AtChannel;
  readonly #setup: SmsSetup;
  readonly #quirks: Quirks;
  readonly #handlers: ReceiverHandlers;
  readonly #lock = new Lock();
  readonly #subs: Disposable[] = [];
  /** The store AT+CPMS last selected for reading (<mem1>). */
  #selected: string | undefined;
  #disposed = false;
  readonly #readMs: number;
  readonly #listMs: number;

  constructor(channel: AtChannel, setup: SmsSetup, quirks: Quirks, handlers: ReceiverHandlers, timeouts: ReceiverTimeouts = {}) {
    this.#readMs = timeouts.readMs ?? READ_TIMEOUT_MS;
    this.#listMs = timeouts.listMs ?? LIST_TIMEOUT_MS;
    this.#channel = channel;
    this.#setup = setup;
    this.#quirks = quirks;
    this.#handlers = handlers;
    this.#selected = setup.storage.receive;
  }

  /** Starts listening to +CMTI, +CMT, +CDSI and +CDS. */
  listen(): void {
    this.#subs.push(
      this.#channel.onUrc('+CMTI:', (u) => this.#onCmti(u)),
      this.#channel.onUrc('+CDSI:', (u) => this.#onCdsi(u)),
      this.#channel.onUrc('+CMT:', (u) => this.#onDirect(u, false)),
      this.#channel.onUrc('+CDS:', (u) => this.#onDirect(u, true)),
    );
  }

  /** Whether a read, sweep or acknowledgement is under way. */
  get busy(): boolean {
    return this.#lock.busy;
  }

  /** Resolves when the work queued so far is done. */
  idle(): Promise<void> {
    return this.#lock.idle();
  }

  /** Reads every store (AT+CMGL=4) and hands over what is there. Returns how many items were handed over and confirmed. */
  sweep(stores: readonly string[] = this.#setup.storage.sweep): Promise<number> {
    return this.#transaction(async () => {
      let confirmed = 0;
      for (const store of stores) confirmed += await this.#sweepStore(store);
      await this.#select(this.#setup.storage.receive).catch((e: unknown) => this.#noteFailure('restore storage', e));
      return confirmed;
    });
  }

  /**
   * The poll's look at the receive store (AT+CPMS?): anything still there (a missed
   * notice, a full SIM, a handler that failed earlier) is swept.
   */
  async checkStorage(): Promise<void> {
    if (this.#lock.busy) return;
    const r = await this.#channel.send('AT+CPMS?', { expect: '+CPMS:', timeoutMs: this.#readMs, priority: true });
    const parsed = parseCpmsRead(r.lines[0] ?? '');
    if (!parsed.ok) return;
    const stores = [...new Set(parsed.value.filter((u) => u.used > 0 && u.storage !== undefined).map((u) => u.storage as string))];
    const worth = stores.filter((s) => this.#setup.storage.sweep.includes(s));
    if (worth.length > 0) await this.sweep(worth);
  }

  #onCmti(urc: Urc): void {
    const at = parseCmti(urc.line);
    if (!at.ok) return this.#handlers.problem(`Unreadable new-message notice: ${urc.line}`);
    void this.#transaction(() => this.#readOne(at.value.storage, at.value.index, false)).catch((e: unknown) =>
      this.#noteFailure('read', e),
    );
  }

  #onCdsi(urc: Urc): void {
    const at = parseCdsi(urc.line);
    if (!at.ok) return this.#handlers.problem(`Unreadable status-report notice: ${urc.line}`);
    const where = this.#quirks.statusReportStore;
    void this.#transaction(async () => {
      if (where !== 'announced') {
        // The modem names the wrong store (e.g. Quectel EC25: "SM",0 for a report in SR): look where they really are.
        await this.#sweepStore(where);
        return;
      }
      const found = await this.#readOne(at.value.storage, at.value.index, true);
      // Nothing report-like where announced: sweep the report store, if any, rather than lose it.
      if (!found && at.value.storage !== 'SR' && this.#setup.storage.sweep.includes('SR')) await this.#sweepStore('SR');
    }).catch((e: unknown) => this.#noteFailure('read status report', e));
  }

  #onDirect(urc: Urc, report: boolean): void {
    const pdu = urc.lines[1]?.trim();
    if (!urc.complete || pdu === undefined || pdu === '') {
      // The PDU never came (cut off by another line or the port): nothing to acknowledge, the network resends.
      return this.#handlers.problem(`A directly delivered ${report ? 'status report' : 'message'} arrived incomplete: ${urc.text}`);
    }
    const header = /,\s*(\d+)\s*$/.exec(urc.line) ?? /:\s*(\d+)\s*$/.exec(urc.line);
    const tpduLength = header?.[1] !== undefined ? Number(header[1]) : undefined;
    const decoded = decode(pdu, { via: 'direct' }, tpduLength, report);
    // Acknowledgements go in the order the messages came, so they share the queue.
    void this.#transaction(async () => {
      const confirmed = await this.#handOver(decoded);
      if (!confirmed) return;
      // TS 27.005 §3.4.4: acknowledge only now that the archive has it. Without it the
      // network keeps the message and delivers it again.
      if (this.#setup.cnma) await this.#channel.send('AT+CNMA', { timeoutMs: this.#readMs, priority: true });
      if (decoded.kind === 'message') this.#handlers.removed(decoded.item);
    }).catch((e: unknown) => this.#noteFailure('acknowledge', e));
  }

  /**
   * One storage transaction at a time (the lock), each holding the channel for its own commands
   * (AtChannel.hold): a read waits for the submit in flight, not for every submit queued.
   */
  #transaction<T>(job: () => Promise<T>): Promise<T> {
    return this.#lock.run(() => this.#channel.hold(job));
  }

  async #select(store: string): Promise<void> {
    if (this.#selected === store) return;
    this.#selected = undefined; // unknown until the modem confirms
    await this.#channel.send(`AT+CPMS="${store}"`, { expect: '+CPMS:', timeoutMs: this.#readMs, priority: true });
    this.#selected = store;
  }

  /** Reads one slot; true when something was found there and handed over. */
  async #readOne(store: string, index: number, expectReport: boolean): Promise<boolean> {
    if (this.#disposed) return false;
    await this.#select(store);
    let lines: readonly string[];
    try {
      lines = (await this.#channel.send(`AT+CMGR=${index}`, { expect: '+CMGR:', timeoutMs: this.#readMs, priority: true })).lines;
    } catch (error) {
      // 321 "invalid memory index": already read and deleted (a sweep got there first).
      if (error instanceof CmsError && error.cms === 321) return false;
      throw error;
    }
    if (lines.length === 0) return false; // an empty slot
    const parsed = parseCmgr(lines);
    if (!parsed.ok) {
      this.#handlers.problem(`Unreadable message at ${store} ${index}`, parsed.error);
      return false;
    }
    const decoded = decode(parsed.value.pdu, { via: 'stored', storage: store, index }, parsed.value.length, expectReport);
    if (decoded.kind === 'skip') return false;
    if ((await this.#handOver(decoded)) && (await this.#delete(store, index)) && decoded.kind === 'message') {
      this.#handlers.removed(decoded.item);
    }
    return decoded.kind === 'report' || !expectReport;
  }

  async #sweepStore(store: string): Promise<number> {
    if (this.#disposed) return 0;
    try {
      await this.#select(store);
    } catch (error) {
      // No answer at all is not a missing store: stop the sweep and let the heartbeat judge.
      if (isFatal(error) || error instanceof AtTimeoutError) throw error;
      this.#noteFailure(`select ${store}`, error);
      return 0;
    }
    const r = await this.#channel.send('AT+CMGL=4', { expect: '+CMGL:', timeoutMs: this.#listMs, priority: true });
    const list = parseCmgl(r.lines);
    if (!list.ok) {
      this.#handlers.problem(`Unreadable message list from ${store}`, list.error);
      return 0;
    }
    for (const line of list.value.skipped) this.#handlers.problem(`Skipped an unreadable line in ${store}: ${line}`);
    let confirmed = 0;
    for (const m of list.value.messages) {
      if (this.#disposed) break;
      // Stored unsent/sent (stat 2, 3) are outgoing copies, not received messages.
      if (m.stat === 2 || m.stat === 3 || m.index === undefined) continue;
      const decoded = decode(m.pdu, { via: 'stored', storage: store, index: m.index }, m.length, store === 'SR');
      if (decoded.kind === 'skip') continue;
      if (await this.#handOver(decoded)) {
        if ((await this.#delete(store, m.index)) && decoded.kind === 'message') this.#handlers.removed(decoded.item);
        confirmed++;
      }
    }
    return confirmed;
  }

  /** Calls every handler; true when all confirmed. With no handler nothing is confirmed, so nothing is deleted. */
  async #handOver(decoded: Decoded): Promise<boolean> {
    switch (decoded.kind) {
      case 'skip':
        return false;
      case 'message': {
        const handlers = this.#handlers.messages();
        if (handlers.length === 0) return false;
        return Promise.all(handlers.map((h) => h(decoded.item))).then(
          () => true,
          (error: unknown) => {
            this.#handlers.problem('A message handler failed; the message stays on the modem and is offered again.', error);
            return false;
          },
        );
      }
      case 'report': {
        const handlers = this.#handlers.reports();
        if (handlers.length === 0) return false;
        return Promise.all(handlers.map((h) => h(decoded.item))).then(
          () => true,
          (error: unknown) => {
            this.#handlers.problem('A status report handler failed; the report stays on the modem.', error);
            return false;
          },
        );
      }
      default:
        return assertNever(decoded, 'decoded item');
    }
  }

  /** Deletes a slot; true once the modem confirmed it. */
  async #delete(store: string, index: number): Promise<boolean> {
    try {
      await this.#channel.send(`AT+CMGD=${index}`, { timeoutMs: this.#readMs, priority: true });
      return true;
    } catch (error) {
      if (isFatal(error) || error instanceof AtTimeoutError) throw error;
      // Kept on the modem: the next sweep offers it again and the archive recognises it.
      this.#noteFailure(`delete ${store} ${index}`, error);
      return false;
    }
  }

  #noteFailure(what: string, error: unknown): void {
    if (this.#disposed) return;
    if (error instanceof Error) this.#handlers.problem(`Could not ${what}: ${error.message}`, error);
    else this.#handlers.problem(`Could not ${what}`, error);
  }

  dispose(): void {
    this.#disposed = true;
    for (const s of this.#subs.splice(0)) s.dispose();
  }
}
