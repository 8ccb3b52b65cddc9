/**
 * USSD (TS 27.007 §7.15): AT+CUSD=1,<str>,15 sends a code or a menu answer; answers come
 * as +CUSD notices, one or several, until one says no further action (m=0) or the
 * network ends it. Strings travel as text, UCS-2 hex or packed GSM 7-bit hex depending
 * on the modem (quirk `ussdEncoding`).
 */
import {
  CmeError,
  decodeUssd,
  parseCusd,
  toDisposable,
  type AtChannel,
  type Disposable,
  type UssdEncoding,
  type UssdStatus,
  type Urc,
} from '../at/index';

import { packUssdHex as packGsm7Hex } from '../pdu/index';
export interface UssdReply {
  readonly status: UssdStatus;
  /** Decoded text; null when the notice carried none (e.g. "+CUSD: 2"). */
  readonly text: string | null;
  readonly dcs?: number;
  /** The string exactly as the modem sent it. */
  readonly raw?: string;
}

export class UssdError extends Error {
  override readonly name = 'UssdError';
  constructor(
    readonly code: 'USSD_TIMEOUT' | 'USSD_CLOSED' | 'USSD_BAD_TEXT',
    message: string,
  ) {
    super(message);
  }
}

/** Packs a code or menu answer as hex of GSM 7-bit octets (the codec's alphabet and packing). */
export function packUssdHex(text: string): string {
  const hex = packGsm7Hex(text);
  if (hex === null)
    throw new UssdError('USSD_BAD_TEXT', 'A USSD code may hold only characters of the GSM alphabet (digits, letters, *, # …).');
  return hex;
}

export function ussdArgument(text: string, encoding: UssdEncoding | undefined): string {
  switch (encoding) {
    case 'gsm7-packed-hex':
      return packUssdHex(text);
    case 'ucs2-hex':
      return [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()).join('');
    case 'text':
    case undefined:
      if (/["\r\n]/.test(text)) throw new UssdError('USSD_BAD_TEXT', 'A USSD code may not hold quotes or line breaks.');
      return text;
  }
}

export function readUssd(urc: Urc, encoding: UssdEncoding | undefined): UssdReply | undefined {
  const parsed = parseCusd(urc.text);
  if (!parsed.ok) return undefined;
  const { status, raw, dcs } = parsed.value;
  return {
    status,
    text: raw !== undefined ? decodeUssd(raw, dcs, encoding) : null,
    ...(dcs !== undefined ? { dcs } : {}),
    ...(raw !== undefined ? { raw } : {}),
  };
}

const DEFAULT_REPLY_TIMEOUT_MS = 30_000;

/**
 * One USSD conversation. Replies queue up in order; `next()` takes the next one.
 * The session is open while the network waits for an answer (status action-required).
 */
export class UssdSession implements Disposable {
  readonly #channel: AtChannel;
  readonly #encoding: UssdEncoding | undefined;
  readonly #replies: UssdReply[] = [];
  readonly #waiters: Array<(reply: UssdReply | undefined) => void> = [];
  readonly #sub: Disposable;
  readonly #onEnd: () => void;
  #ended = false;
  /** Every reply so far, in order. */
  readonly history: UssdReply[] = [];

  constructor(channel: AtChannel, encoding: UssdEncoding | undefined, onEnd: () => void) {
    this.#channel = channel;
    this.#encoding = encoding;
    this.#onEnd = onEnd;
    this.#sub = channel.onUrc('+CUSD:', (urc) => {
      const reply = readUssd(urc, encoding);
      if (reply) this.#push(reply);
    });
  }

  /** True until the network says it waits for nothing more, or the session is cancelled. */
  get open(): boolean {
    return !this.#ended;
  }

  async start(code: string, timeoutMs: number): Promise<void> {
    await this.#send(code, timeoutMs);
  }

  /** Waits for the next reply. Rejects with UssdError when none comes in time or the session ended. */
  next(timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<UssdReply> {
    const queued = this.#replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#ended) return Promise.reject(new UssdError('USSD_CLOSED', 'The USSD session has ended.'));
    return new Promise<UssdReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(new UssdError('USSD_TIMEOUT', 'The network did not answer the USSD request in time.'));
      }, timeoutMs);
      const waiter = (reply: UssdReply | undefined): void => {
        clearTimeout(timer);
        if (reply) resolve(reply);
        else reject(new UssdError('USSD_CLOSED', 'The USSD session has ended.'));
      };
      this.#waiters.push(waiter);
    });
  }

  /** Answers a menu and waits for the network's next reply. */
  async answer(text: string, timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<UssdReply> {
    if (this.#ended) throw new UssdError('USSD_CLOSED', 'The USSD session has ended.');
    await this.#send(text, timeoutMs);
    return this.next(timeoutMs);
  }

  /** Ends the session (AT+CUSD=2). */
  async cancel(): Promise<void> {
    if (this.#ended) return;
    this.#end();
    try {
      await this.#channel.send('AT+CUSD=2', { timeoutMs: 5_000 });
    } catch (error) {
      // Some modems answer ERROR when the network already closed the session: nothing left to cancel.
      if (!(error instanceof CmeError)) throw error;
    }
  }

  async #send(text: string, timeoutMs: number): Promise<void> {
    // Not `expect: '+CUSD:'`: the answer is a notice that may come before or after OK (TS 27.007 §7.15).
    await this.#channel.send(`AT+CUSD=1,"${ussdArgument(text, this.#encoding)}",15`, { timeoutMs });
  }

  #push(reply: UssdReply): void {
    if (this.#ended) return;
    this.history.push(reply);
    const waiter = this.#waiters.shift();
    if (waiter) waiter(reply);
    else this.#replies.push(reply);
    if (reply.status !== 'action-required') this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#sub.dispose();
    for (const w of this.#waiters.splice(0)) w(undefined);
    this.#onEnd();
  }

  dispose(): void {
    this.#end();
  }
}

/** Network-initiated USSD with no session open (a push from the operator). */
export function onUnsolicitedUssd(
  channel: AtChannel,
  encoding: UssdEncoding | undefined,
  isSessionOpen: () => boolean,
  listener: (reply: UssdReply) => void,
): Disposable {
  const sub = channel.onUrc('+CUSD:', (urc) => {
    if (isSessionOpen()) return;
    const reply = readUssd(urc, encoding);
    if (reply) listener(reply);
  });
  return toDisposable(() => sub.dispose());
}
