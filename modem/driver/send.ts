/**
 * Sending (TS 27.005 §3.5.1, PDU mode): each part with AT+CMGS=<length>, "> ", the PDU
 * and Ctrl-Z, in order, keeping the TP-MR the network gave each. A failure is sorted
 * into what the outbox must do: retry later (transient), give up with the reason
 * (permanent), or mark unconfirmed (ambiguous: the PDU reached the modem and no answer
 * came, so it may have gone out and is never resent blindly).
 */
import {
  AtCommandError,
  AtTimeoutError,
  CancelledError,
  CmeError,
  CmsError,
  PortClosedError,
  parseCmgs,
  type AtChannel,
} from '../at/index';
import { encodeSubmit, PduEncodeError, type SubmitOptions, type SubmitPart } from '../pdu/index';

/** A message to encode, or parts encoded already (e.g. by the outbox, which stores them). */
export type SendRequest = SubmitOptions | { readonly parts: readonly SubmitPart[] };

export interface SentPart {
  /** 1-based part number. */
  readonly part: number;
  readonly total: number;
  /** TP-MR from "+CMGS: <mr>"; null if the modem said OK without it. Status reports match on it. */
  readonly mr: number | null;
  /** Service centre time stamp, when the modem reports one (+CMGS: <mr>,<scts>). */
  readonly scts?: string;
}

export type SendFailureKind = 'transient' | 'permanent' | 'ambiguous' | 'cancelled';

export interface SendFailure {
  readonly kind: SendFailureKind;
  /** The part that failed (1-based); parts before it went out (see `sent`). */
  readonly part: number;
  /** Stable code: AT_CMS, AT_CME, AT_TIMEOUT, AT_PORT_CLOSED, AT_CANCELLED, AT_COMMAND, PDU_ENCODE, OFFLINE. */
  readonly code: string;
  /** In plain words for people. */
  readonly reason: string;
  readonly cms?: number;
  readonly detail?: string;
}

export type SendResult =
  | { readonly ok: true; readonly parts: readonly SentPart[] }
  | { readonly ok: false; readonly sent: readonly SentPart[]; readonly failure: SendFailure };

export interface SendOptions {
  /** Time for the network's answer after the PDU: minutes on a slow network. */
  readonly timeoutMs?: number;
  readonly promptTimeoutMs?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_SUBMIT_TIMEOUT_MS = 180_000;

/**
 * +CMS codes that, after the PDU went to the network, do not say it failed:
 * 332 "network timeout" means the modem gave up waiting for RP-ACK (TS 24.011 §8.2.5),
 * but the service centre may well have taken the message.
 */
const AMBIGUOUS_AFTER_PAYLOAD = new Set([332]);

export function partsOf(request: SendRequest): readonly SubmitPart[] {
  return 'parts' in request ? request.parts : encodeSubmit(request).parts;
}

/** Sorts an error from AT+CMGS into transient / permanent / ambiguous / cancelled. */
export function classifySendError(error: unknown, payloadSent: boolean, part: number): SendFailure {
  const base = { part, code: error instanceof Error && 'code' in error ? String(error.code) : 'UNKNOWN' };
  const detail = error instanceof Error && 'detail' in error ? String(error.detail) : undefined;
  const words = error instanceof Error ? error.message : String(error);
  const withDetail = detail !== undefined ? { detail } : {};
  if (error instanceof CancelledError) {
    return error.payloadSent || payloadSent
      ? {
          ...base,
          ...withDetail,
          kind: 'ambiguous',
          reason: 'The send was cancelled after the message reached the modem; it may have been sent.',
        }
      : { ...base, ...withDetail, kind: 'cancelled', reason: 'The send was cancelled before the message reached the modem.' };
  }
  if (error instanceof AtTimeoutError) {
    return error.payloadSent || payloadSent
      ? { ...base, ...withDetail, kind: 'ambiguous', reason: error.message }
      : { ...base, ...withDetail, kind: 'transient', reason: 'The modem did not ask for the message in time; nothing was sent.' };
  }
  if (error instanceof PortClosedError) {
    return payloadSent
      ? {
          ...base,
          ...withDetail,
          kind: 'ambiguous',
          reason: 'The modem was disconnected after it took the message; it may have been sent.',
        }
      : {
          ...base,
          ...withDetail,
          kind: 'transient',
          reason: 'The modem was disconnected before the message was handed over; nothing was sent.',
        };
  }
  if (error instanceof CmsError) {
    if (payloadSent && error.cms !== undefined && AMBIGUOUS_AFTER_PAYLOAD.has(error.cms)) {
      return {
        ...base,
        ...withDetail,
        cms: error.cms,
        kind: 'ambiguous',
        reason: `${error.message} The message may still have been delivered.`,
      };
    }
    return { ...base, ...withDetail, ...(error.cms !== undefined ? { cms: error.cms } : {}), kind: error.retry, reason: error.message };
  }
  if (error instanceof CmeError) return { ...base, ...withDetail, kind: error.retry, reason: error.message };
  if (error instanceof AtCommandError) {
    // A bare ERROR (verbose errors off) says nothing about the cause: try again later.
    return { ...base, ...withDetail, kind: 'transient', reason: error.message };
  }
  if (error instanceof PduEncodeError)
    return { ...base, code: 'PDU_ENCODE', kind: 'permanent', reason: `The message cannot be encoded: ${words}` };
  return { ...base, kind: 'transient', reason: words };
}

/** Sends the parts in order; stops at the first failure and says which parts went. */
export async function sendParts(channel: AtChannel, parts: readonly SubmitPart[], options: SendOptions = {}): Promise<SendResult> {
  const sent: SentPart[] = [];
  for (const part of parts) {
    let payloadSent = false;
    // The channel writes the PDU right after "> ": seeing it go out tells a failure
    // before the hand-over from one after it (a closed port says neither by itself).
    const watch = channel.trace.onEntry((e) => {
      if (e.dir === 'tx' && e.text.startsWith(part.hex)) payloadSent = true;
    });
    try {
      const r = await channel.send(`AT+CMGS=${part.tpduLength}`, {
        payload: part.hex,
        expect: '+CMGS:',
        timeoutMs: options.timeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS,
        ...(options.promptTimeoutMs !== undefined ? { promptTimeoutMs: options.promptTimeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const line = r.lines.find((l) => /^\s*\+CMGS:/i.test(l));
      const parsed = line !== undefined ? parseCmgs(line) : undefined;
      sent.push({
        part: part.part,
        total: part.total,
        mr: parsed?.ok ? parsed.value.mr : null,
        ...(parsed?.ok && parsed.value.scts ? { scts: parsed.value.scts } : {}),
      });
    } catch (error) {
      return { ok: false, sent, failure: classifySendError(error, payloadSent, part.part) };
    } finally {
      watch.dispose();
    }
  }
  return { ok: true, parts: sent };
}
