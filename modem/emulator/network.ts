/**
 * The virtual GSM network: a service centre that routes SMS between
 * subscribers (virtual modems and scripted handsets), stamps them, retries
 * what cannot be delivered yet, and returns status reports; plus USSD services,
 * calls, and the knobs tests turn (latency, throughput, faults).
 */
import { toDisposable, type Disposable } from '../at/lifecycle';
import { PduDecodeError } from '../pdu/errors';
import type { SubmitOptions } from '../pdu';
import { toHex } from './hex';
import type { DeliveryOutcome, NetworkLink, Registration, SubmitResult } from './link';
import type { Scheduler } from './scheduler';
import { deliversFor, messageClass, readSubmit, TP_ST, writeDeliver, writeStatusReport, type SubmitHeader } from './tpdu';

/** Anything with a number on the network: a virtual modem or a scripted handset. */
export interface Endpoint {
  readonly msisdn: string;
  deliverSms(tpdu: Uint8Array, messageClass: 0 | 1 | 2 | 3 | null, ack: (delivered: boolean) => void): DeliveryOutcome;
  deliverStatusReport(tpdu: Uint8Array, ack: (delivered: boolean) => void): DeliveryOutcome;
  ussd?(m: 0 | 1 | 2 | 3 | 4 | 5, text?: string, dcs?: number): void;
  incomingCall?(from: string): void;
  callEnded?(): void;
  setRegistration?(reg: Registration): void;
  setSignal?(rssi: number): void;
}

export interface NetworkOptions {
  scheduler: Scheduler;
  operatorName?: string;
  operatorNumeric?: string;
  smsc?: string;
  /** Time from submit to the network's answer, ms. */
  submitLatencyMs?: number;
  /** Time from acceptance to delivery attempt, ms. */
  deliveryDelayMs?: number;
  /** Time from delivery to the status report, ms. */
  reportDelayMs?: number;
  /** Messages one subscriber may submit per minute (real networks: about 6 to 10); 0 = unlimited. */
  submitsPerMinute?: number;
  /** Retry interval for messages that could not be delivered yet, ms. */
  retryMs?: number;
  /** How long the service centre keeps trying (default validity), ms. */
  validityMs?: number;
  /** Send an interim "still trying" report when a first attempt fails. */
  interimReports?: boolean;
  /** UTC offset of the service centre's time stamps, minutes. */
  zoneMinutes?: number;
}

export type NetworkEvent =
  | { t: number; kind: 'submit'; from: string; to: string; mr: number; tpdu: string }
  | { t: number; kind: 'deliver'; from: string; to: string; outcome: DeliveryOutcome | 'unknown-number'; tpdu: string }
  | { t: number; kind: 'status-report'; to: string; mr: number; status: number }
  | { t: number; kind: 'ussd'; from: string; text: string }
  | { t: number; kind: 'call'; from: string; to: string };

interface PendingDelivery {
  from: string;
  to: string;
  header: SubmitHeader;
  firstAttempt: number;
  interimSent: boolean;
  submittedAt: number;
  retry: Disposable | null;
}

interface HeldInjection {
  to: string;
  tpdu: Uint8Array;
  firstAttempt: number;
  retry: Disposable | null;
}

export type UssdHandler = (session: UssdSession, text: string) => void;

export interface UssdSession {
  readonly msisdn: string;
  /** Final answer: the session ends (+CUSD: 0). */
  answer(text: string): void;
  /** Menu: the network waits for the subscriber's reply (+CUSD: 1); `next` handles it. */
  ask(text: string, next: UssdHandler): void;
}

/** Faults the next submits meet, in order. */
export type SubmitFault =
  /** Refused with this +CMS error (e.g. 331 no network service, 500 unknown). */
  | { kind: 'refuse'; cms: number }
  /** Accepted and delivered, but the answer never reaches the modem (the ambiguous case). */
  | { kind: 'swallow-answer' }
  /** Lost entirely: no answer, no delivery. */
  | { kind: 'lose' };

export class VirtualNetwork implements NetworkLink {
  readonly operatorName: string;
  readonly operatorNumeric: string;
  readonly smsc: string;
  readonly scheduler: Scheduler;
  readonly events: NetworkEvent[] = [];
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #pending = new Map<string, PendingDelivery[]>();
  readonly #nextSubmitAt = new Map<string, number>();
  readonly #ussdServices = new Map<string, UssdHandler>();
  readonly #ussdWaiting = new Map<string, { next: UssdHandler; timeout: Disposable }>();
  readonly #timers = new Set<Disposable>();
  readonly #faults: SubmitFault[] = [];
  readonly #heldInjections = new Map<string, HeldInjection[]>();
  #injectRef = 0;
  readonly options: Required<Omit<NetworkOptions, 'scheduler' | 'operatorName' | 'operatorNumeric' | 'smsc'>>;
  /** How long a USSD menu waits for the subscriber's reply before the network ends it. */
  ussdTimeoutMs = 30_000;

  constructor(options: NetworkOptions) {
    this.scheduler = options.scheduler;
    this.operatorName = options.operatorName ?? 'SMSDesk Net';
    this.operatorNumeric = options.operatorNumeric ?? '00101';
    this.smsc = options.smsc ?? '+99900000000';
    this.options = {
      submitLatencyMs: options.submitLatencyMs ?? 0,
      deliveryDelayMs: options.deliveryDelayMs ?? 0,
      reportDelayMs: options.reportDelayMs ?? 0,
      submitsPerMinute: options.submitsPerMinute ?? 0,
      retryMs: options.retryMs ?? 60_000,
      validityMs: options.validityMs ?? 24 * 3_600_000,
      interimReports: options.interimReports ?? false,
      zoneMinutes: options.zoneMinutes ?? 60,
    };
  }

  /** Realistic timing: answers in about two seconds, 8 SMS a minute per subscriber. */
  static realistic(scheduler: Scheduler): VirtualNetwork {
    return new VirtualNetwork({ scheduler, submitLatencyMs: 2_000, deliveryDelayMs: 3_000, reportDelayMs: 2_000, submitsPerMinute: 8 });
  }

  attach(endpoint: Endpoint): Disposable {
    this.#endpoints.set(endpoint.msisdn, endpoint);
    return toDisposable(() => this.#endpoints.delete(endpoint.msisdn));
  }

  endpoint(msisdn: string): Endpoint | undefined {
    return this.#endpoints.get(msisdn);
  }

  /** The next submits meet these faults, in order. */
  injectSubmitFault(...faults: SubmitFault[]): void {
    this.#faults.push(...faults);
  }

  #later(ms: number, fn: () => void): void {
    const timer = this.scheduler.schedule(ms, () => {
      this.#timers.delete(timer);
      fn();
    });
    this.#timers.add(timer);
  }

  // ---- Sending -------------------------------------------------------------------

  submit(msisdn: string, tpdu: Uint8Array, done: (result: SubmitResult) => void): void {
    let header: SubmitHeader;
    try {
      header = readSubmit(tpdu);
    } catch (err) {
      if (!(err instanceof PduDecodeError)) throw err;
      // RP-ERROR "invalid mandatory information" (TS 24.011 §8.2.5.4) surfaces as +CMS ERROR: 96.
      return this.#later(this.options.submitLatencyMs, () => done({ ok: false, cms: 96 }));
    }
    const to = header.destination.text;
    const now = this.scheduler.now();
    // Throughput: a subscriber's submits are spaced out as a real network paces them.
    const spacing = this.options.submitsPerMinute > 0 ? 60_000 / this.options.submitsPerMinute : 0;
    const slot = Math.max(now, this.#nextSubmitAt.get(msisdn) ?? now);
    this.#nextSubmitAt.set(msisdn, slot + spacing);
    const wait = slot - now + this.options.submitLatencyMs;
    const fault = this.#faults.shift();
    this.events.push({ t: now, kind: 'submit', from: msisdn, to, mr: header.mr, tpdu: toHex(tpdu) });
    this.#later(wait, () => {
      if (fault?.kind === 'refuse') return done({ ok: false, cms: fault.cms });
      if (fault?.kind === 'lose') return;
      if (fault?.kind !== 'swallow-answer') done({ ok: true });
      const pending: PendingDelivery = {
        from: msisdn,
        to,
        header,
        firstAttempt: this.scheduler.now(),
        interimSent: false,
        submittedAt: this.scheduler.now(),
        retry: null,
      };
      this.#later(this.options.deliveryDelayMs, () => this.#attempt(pending));
    });
  }

  #attempt(p: PendingDelivery): void {
    const endpoint = this.#endpoints.get(p.to);
    const now = this.scheduler.now();
    const deliver = writeDeliver({
      originator: p.from,
      scts: new Date(p.submittedAt),
      zoneMinutes: this.options.zoneMinutes,
      statusReportIndication: p.header.statusReport,
      moreToSend: false,
      pid: p.header.pid,
      dcs: p.header.dcs,
      hasUdh: p.header.hasUdh,
      replyPath: p.header.replyPath,
      udl: p.header.udl,
      ud: p.header.ud,
    });
    if (!endpoint) {
      this.events.push({ t: now, kind: 'deliver', from: p.from, to: p.to, outcome: 'unknown-number', tpdu: toHex(deliver) });
      if (p.header.statusReport) this.#report(p, TP_ST.notObtainable);
      return;
    }
    const outcome = endpoint.deliverSms(deliver, messageClass(p.header.dcs), (delivered) => {
      if (delivered) {
        if (p.header.statusReport) this.#report(p, TP_ST.delivered);
      } else this.#keep(p);
    });
    this.events.push({ t: now, kind: 'deliver', from: p.from, to: p.to, outcome, tpdu: toHex(deliver) });
    if (outcome === 'memory-full' || outcome === 'absent') this.#keep(p);
  }

  /** Not delivered yet: keep it, retry later, give up when validity runs out. */
  #keep(p: PendingDelivery): void {
    const now = this.scheduler.now();
    if (now - p.firstAttempt >= this.options.validityMs) {
      if (p.header.statusReport) this.#report(p, TP_ST.expired);
      return;
    }
    if (this.options.interimReports && !p.interimSent && p.header.statusReport) {
      p.interimSent = true;
      this.#report(p, TP_ST.tryingNoResponse);
    }
    const list = this.#pending.get(p.to) ?? [];
    if (!list.includes(p)) list.push(p);
    this.#pending.set(p.to, list);
    p.retry?.dispose();
    p.retry = this.scheduler.schedule(this.options.retryMs, () => {
      p.retry = null;
      this.#retry(p);
    });
  }

  #retry(p: PendingDelivery): void {
    const list = this.#pending.get(p.to);
    if (list) {
      const i = list.indexOf(p);
      if (i >= 0) list.splice(i, 1);
    }
    this.#attempt(p);
  }

  memoryAvailable(msisdn: string): void {
    for (const h of [...(this.#heldInjections.get(msisdn) ?? [])]) {
      h.retry?.dispose();
      h.retry = null;
      this.#releaseInjected(h);
      this.#later(this.options.deliveryDelayMs, () => this.#attemptInjected(h));
    }
    const list = this.#pending.get(msisdn);
    if (!list?.length) return;
    this.#pending.set(msisdn, []);
    for (const p of list) {
      p.retry?.dispose();
      p.retry = null;
      this.#later(this.options.deliveryDelayMs, () => this.#attempt(p));
    }
  }

  /** Messages the service centre still holds for `msisdn`. */
  waitingFor(msisdn: string): number {
    return (this.#pending.get(msisdn)?.length ?? 0) + (this.#heldInjections.get(msisdn)?.length ?? 0);
  }

  #report(p: PendingDelivery, status: number): void {
    this.#later(this.options.reportDelayMs, () => {
      const sender = this.#endpoints.get(p.from);
      const tpdu = writeStatusReport({
        mr: p.header.mr,
        recipient: p.to,
        scts: new Date(p.submittedAt),
        discharge: new Date(this.scheduler.now()),
        zoneMinutes: this.options.zoneMinutes,
        status,
      });
      this.events.push({ t: this.scheduler.now(), kind: 'status-report', to: p.from, mr: p.header.mr, status });
      if (!sender) return;
      const outcome = sender.deliverStatusReport(tpdu, (delivered) => {
        if (!delivered) this.#holdInjectedReport(p.from, tpdu);
      });
      if (outcome === 'memory-full' || outcome === 'absent') this.#holdInjectedReport(p.from, tpdu);
    });
  }

  /** A status report the sender could not take now is kept and offered again later. */
  #holdInjectedReport(to: string, tpdu: Uint8Array): void {
    const first = this.scheduler.now();
    const retry = (): void => {
      const endpoint = this.#endpoints.get(to);
      if (!endpoint || this.scheduler.now() - first >= this.options.validityMs) return;
      const outcome = endpoint.deliverStatusReport(tpdu, () => undefined);
      if (outcome === 'memory-full' || outcome === 'absent') this.#later(this.options.retryMs, retry);
    };
    this.#later(this.options.retryMs, retry);
  }

  // ---- Injection ---------------------------------------------------------------------

  /**
   * Delivers a ready SMS-DELIVER TPDU (e.g. a captured one) to a subscriber. Like a
   * submitted message, one that cannot be delivered now (absent, memory full, not
   * acknowledged) is held and retried until validity runs out.
   */
  injectDeliver(to: string, tpdu: Uint8Array): DeliveryOutcome | 'unknown-number' {
    const endpoint = this.#endpoints.get(to);
    if (!endpoint) return 'unknown-number';
    const held: HeldInjection = { to, tpdu, firstAttempt: this.scheduler.now(), retry: null };
    return this.#attemptInjected(held);
  }

  #attemptInjected(h: HeldInjection): DeliveryOutcome | 'unknown-number' {
    const endpoint = this.#endpoints.get(h.to);
    if (!endpoint) return 'unknown-number';
    const dcsIndex = dcsOffset(h.tpdu);
    const dcs = dcsIndex === null ? 0 : (h.tpdu[dcsIndex] ?? 0);
    const outcome = endpoint.deliverSms(h.tpdu, messageClass(dcs), (delivered) => {
      if (!delivered) this.#holdInjected(h);
    });
    this.events.push({ t: this.scheduler.now(), kind: 'deliver', from: '(injected)', to: h.to, outcome, tpdu: toHex(h.tpdu) });
    if (outcome === 'memory-full' || outcome === 'absent') this.#holdInjected(h);
    return outcome;
  }

  #holdInjected(h: HeldInjection): void {
    if (this.scheduler.now() - h.firstAttempt >= this.options.validityMs) return;
    const list = this.#heldInjections.get(h.to) ?? [];
    if (!list.includes(h)) list.push(h);
    this.#heldInjections.set(h.to, list);
    h.retry?.dispose();
    h.retry = this.scheduler.schedule(this.options.retryMs, () => {
      h.retry = null;
      this.#releaseInjected(h);
      this.#attemptInjected(h);
    });
  }

  #releaseInjected(h: HeldInjection): void {
    const list = this.#heldInjections.get(h.to);
    const i = list?.indexOf(h) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  /**
   * An SMS from any sender, including alphanumeric ones ("MyBank") that cannot
   * submit themselves: encoded as a real sender would, split into real parts,
   * and delivered as SMS-DELIVERs. Returns each part's outcome.
   */
  injectText(
    message: { from: string; to: string; text: string } & Omit<SubmitOptions, 'to' | 'text' | 'data'>,
  ): Array<DeliveryOutcome | 'unknown-number'> {
    this.#injectRef = (this.#injectRef + 1) % 256;
    const stamp = { scts: new Date(this.scheduler.now()), zoneMinutes: this.options.zoneMinutes };
    return deliversFor({ reference: this.#injectRef, ...message }, stamp).map((tpdu) => this.injectDeliver(message.to, tpdu));
  }

  // ---- USSD ------------------------------------------------------------------------

  /** Registers a USSD service under its code, e.g. "*100#". */
  ussdService(code: string, handler: UssdHandler): void {
    this.#ussdServices.set(code, handler);
  }

  ussd(msisdn: string, text: string): void {
    this.events.push({ t: this.scheduler.now(), kind: 'ussd', from: msisdn, text });
    const endpoint = this.#endpoints.get(msisdn);
    const waiting = this.#ussdWaiting.get(msisdn);
    const handler = waiting?.next ?? this.#ussdServices.get(text);
    waiting?.timeout.dispose();
    this.#ussdWaiting.delete(msisdn);
    this.#later(this.options.submitLatencyMs, () => {
      if (!handler) return endpoint?.ussd?.(4); // "operation not supported"
      const session: UssdSession = {
        msisdn,
        answer: (t) => endpoint?.ussd?.(0, t, 15),
        ask: (t, next) => {
          endpoint?.ussd?.(1, t, 15);
          const timeout = this.scheduler.schedule(this.ussdTimeoutMs, () => {
            this.#ussdWaiting.delete(msisdn);
            endpoint?.ussd?.(2); // the network ends the session
          });
          this.#ussdWaiting.set(msisdn, { next, timeout });
        },
      };
      handler(session, text);
    });
  }

  ussdCancel(msisdn: string): void {
    const waiting = this.#ussdWaiting.get(msisdn);
    waiting?.timeout.dispose();
    this.#ussdWaiting.delete(msisdn);
  }

  // ---- Calls, coverage -----------------------------------------------------------------

  call(from: string, to: string): void {
    this.events.push({ t: this.scheduler.now(), kind: 'call', from, to });
    this.#endpoints.get(to)?.incomingCall?.(from);
  }

  hangUp(to: string): void {
    this.#endpoints.get(to)?.callEnded?.();
  }

  dispose(): void {
    for (const t of this.#timers) t.dispose();
    this.#timers.clear();
    for (const list of this.#pending.values()) for (const p of list) p.retry?.dispose();
    for (const list of this.#heldInjections.values()) for (const h of list) h.retry?.dispose();
    for (const w of this.#ussdWaiting.values()) w.timeout.dispose();
  }
}

/** Offset of TP-DCS in an SMS-DELIVER TPDU, or null when it is cut short. */
function dcsOffset(tpdu: Uint8Array): number | null {
  const oaDigits = tpdu[1];
  if (oaDigits === undefined) return null;
  const oaOctets = 2 + Math.ceil(oaDigits / 2);
  const i = 1 + oaOctets + 1;
  return i < tpdu.length ? i : null;
}
