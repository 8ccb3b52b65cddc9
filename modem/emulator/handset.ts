/**
 * A scripted phone on the virtual network: it receives SMS (reassembling
 * multipart), can answer automatically, sends texts and status-report
 * requests of its own, and can be made unreachable or full. Tests and demo
 * mode use it as the other end of a conversation.
 */
import { toDisposable, type Disposable } from '../at/lifecycle';
import {
  assemble,
  concatKey,
  decodePdu,
  encodeSubmit,
  hexToBytes,
  type SmsDeliver,
  type SmsStatusReport,
  type SubmitOptions,
} from '../pdu';
import type { DeliveryOutcome } from './link';
import type { Endpoint, VirtualNetwork } from './network';

export interface ReceivedText {
  from: string;
  text: string;
  /** Parts the message came in. */
  parts: number;
  /** Message class (0 = flash), or null. */
  messageClass: number | null;
  receivedAt: number;
}

/** Decides the handset's answer to a message, or null for none. */
export type AutoReply = (message: ReceivedText) => string | null;

export class Handset implements Endpoint {
  readonly msisdn: string;
  readonly #network: VirtualNetwork;
  readonly inbox: ReceivedText[] = [];
  readonly reports: SmsStatusReport[] = [];
  readonly #partial = new Map<string, SmsDeliver[]>();
  readonly #listeners = new Set<(m: ReceivedText) => void>();
  #reference = 0;
  #mr = 0;
  /** Switched off or out of coverage: messages wait at the service centre. */
  reachable = true;
  /** Phone memory full: messages wait at the service centre. */
  full = false;
  autoReply: AutoReply | null = null;
  /** Delay before an automatic answer goes out, ms. */
  replyDelayMs = 1_000;

  constructor(network: VirtualNetwork, msisdn: string) {
    this.#network = network;
    this.msisdn = msisdn;
  }

  onMessage(listener: (m: ReceivedText) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  /** Sends a text as the handset's user would; the network paces and routes it like any SMS. */
  send(to: string, text: string, options: Omit<SubmitOptions, 'to' | 'text' | 'data'> = {}): Promise<number> {
    this.#reference = (this.#reference + 1) % 256;
    const encoded = encodeSubmit({ reference: this.#reference, ...options, to, text });
    const results = encoded.parts.map(
      (part) =>
        new Promise<void>((resolve, reject) => {
          const bytes = hexToBytes(part.hex);
          const tpdu = bytes.slice(1 + bytes[0]!); // drop the SMSC field
          tpdu[1] = this.#mr;
          this.#mr = (this.#mr + 1) % 256; // TS 23.040 §9.2.3.6: the MS numbers its submits
          this.#network.submit(this.msisdn, tpdu, (r) =>
            r.ok ? resolve() : reject(new Error(`The network refused the SMS (+CMS ERROR: ${r.cms})`)),
          );
        }),
    );
    return Promise.all(results).then(() => encoded.parts.length);
  }

  deliverSms(tpdu: Uint8Array, messageClass: 0 | 1 | 2 | 3 | null, ack: (delivered: boolean) => void): DeliveryOutcome {
    if (!this.reachable) return 'absent';
    if (this.full) return 'memory-full';
    const decoded = decodePdu(tpdu, { smsc: 'absent' });
    if (decoded.type !== 'deliver') return 'stored';
    ack(true);
    const key = concatKey(decoded) ?? `single:${this.inbox.length}:${Math.random()}`;
    const parts = [...(this.#partial.get(key) ?? []), decoded];
    const result = assemble(parts);
    if (result.status === 'incomplete') {
      this.#partial.set(key, parts);
      return 'stored';
    }
    this.#partial.delete(key);
    const message: ReceivedText = {
      from: decoded.address.text,
      text: result.text ?? '',
      parts: result.total,
      messageClass,
      receivedAt: this.#network.scheduler.now(),
    };
    this.inbox.push(message);
    for (const l of [...this.#listeners]) l(message);
    const answer = this.autoReply?.(message);
    if (answer) this.#network.scheduler.schedule(this.replyDelayMs, () => void this.send(message.from, answer).catch(() => undefined));
    return 'stored';
  }

  deliverStatusReport(tpdu: Uint8Array, ack: (delivered: boolean) => void): DeliveryOutcome {
    if (!this.reachable) return 'absent';
    const decoded = decodePdu(tpdu, { smsc: 'absent' });
    if (decoded.type === 'status-report') this.reports.push(decoded);
    ack(true);
    return 'stored';
  }
}
