/**
 * Automatic answers: a keyword auto-reply, forwarding to a number, and an SMS (flash if the
 * rule says so) to someone whose call was missed. Rules live in the archive
 * (main/archive/rules.ts); every automatic message goes through `RuleStore.fire`, which caps
 * them per number per hour, so two stations that answer each other stop after a few rounds.
 */
import type { Archive, Message, Rule } from '../archive/index';
import { toDisposable, type Disposable } from '../core/lifecycle';
import { assertNever } from '../../modem/at/index';
import type { CallEvent } from '../../modem/driver/index';
import { encodeSubmit } from '../../modem/pdu/index';

export interface RuleOptions {
  /**
   * A call counts as missed once its rings stop for this long (default 8 s). Modems repeat RING
   * every 3 to 6 seconds while a call waits, and most say nothing when the caller gives up.
   */
  readonly callEndMs?: number;
}

export interface RuleHooks {
  /** An automatic message went into the outbox: tell the UI, wake the workers. */
  queued(message: Message): void;
  log(level: 'info' | 'warn' | 'error', text: string): void;
}

/** What the runner needs of a modem: its call events and a way to refuse a call. */
export interface CallSource {
  readonly path: string;
  onCall(listener: (event: CallEvent) => void): Disposable;
  rejectCall(): Promise<void>;
}

const DEFAULT_CALL_END_MS = 8_000;

/**
 * Numbers an automatic message may go to: a phone number, not an alphanumeric sender ("DHL")
 * and not a short code ("22333"), which are services that may charge for every message.
 */
export function isReplyable(peer: string): boolean {
  return /^\+?[0-9]{7,20}$/.test(peer);
}

/** The first word of a text without the punctuation around it, for keyword matching. */
export function firstWord(text: string): string {
  const word = text.trim().split(/\s+/u)[0] ?? '';
  return word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

function sameWord(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleLowerCase() === b.normalize('NFC').toLocaleLowerCase();
}

function hears(rule: Rule, peer: string): boolean {
  return rule.senders === null || rule.senders.includes(peer);
}

/** The one auto-reply rule for this message: a keyword match first, else one without a keyword. */
export function autoReplyFor(rules: readonly Rule[], message: Pick<Message, 'peer' | 'body'>): Rule | undefined {
  const word = firstWord(message.body);
  const candidates = rules.filter((r) => r.kind === 'auto-reply' && hears(r, message.peer));
  return candidates.find((r) => r.keyword !== null && sameWord(r.keyword, word)) ?? candidates.find((r) => r.keyword === null);
}

/** Every forward rule this message matches, one per target, never back to its own sender. */
export function forwardsFor(rules: readonly Rule[], message: Pick<Message, 'peer' | 'body'>): Rule[] {
  const word = firstWord(message.body);
  const targets = new Set<string>();
  return rules.filter((r) => {
    if (r.kind !== 'forward' || r.forwardTo === null || !hears(r, message.peer)) return false;
    if (r.keyword !== null && !sameWord(r.keyword, word)) return false;
    // Forwarding a message back to the number it came from answers nothing, and two stations
    // forwarding to each other would otherwise bounce every message until the cap.
    if (r.forwardTo === message.peer || targets.has(r.forwardTo)) return false;
    targets.add(r.forwardTo);
    return true;
  });
}

export function missedCallRuleFor(rules: readonly Rule[], caller: string): Rule | undefined {
  return rules.find((r) => r.kind === 'missed-call' && hears(r, caller));
}

interface Call {
  readonly number: string;
  readonly rule: Rule;
  readonly modemId: number | null;
  replied: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Runs the archive's rules on what a station receives. Owned by the station; disposed with it. */
export class RuleRunner implements Disposable {
  readonly #archive: Archive;
  readonly #hooks: RuleHooks;
  readonly #callEndMs: number;
  readonly #watches = new Set<Disposable>();

  constructor(archive: Archive, hooks: RuleHooks, options: RuleOptions = {}) {
    this.#archive = archive;
    this.#hooks = hooks;
    this.#callEndMs = options.callEndMs ?? DEFAULT_CALL_END_MS;
  }

  /** A message was received (complete, stored for the first time). Never throws. */
  received(message: Message): void {
    if (message.direction !== 'in' || message.status !== 'received') return;
    try {
      const rules = this.#archive.rules.enabled();
      if (rules.length === 0) return;
      const reply = autoReplyFor(rules, message);
      if (reply?.text) {
        if (isReplyable(message.peer)) this.#send(reply, message.peer, reply.text, message, message.modemId);
        else this.#hooks.log('info', `Rule ${reply.id} does not answer ${message.peer}: not a phone number.`);
      }
      for (const rule of forwardsFor(rules, message)) {
        this.#send(rule, rule.forwardTo!, `From ${this.#label(message.peer)}: ${message.body}`, message, null);
      }
    } catch (error) {
      this.#hooks.log('error', `Rules could not run on message ${message.id}: ${(error as Error).message}`);
    }
  }

  /**
   * Follows the modem's calls. A call whose caller a missed-call rule hears is answered once,
   * by SMS: at once after refusing it (`rejectCall` rules), else when its rings stop.
   */
  watchCalls(modem: CallSource, modemId: () => number): Disposable {
    let call: Call | undefined;
    const finish = (c: Call): void => {
      if (c.timer) clearTimeout(c.timer);
      if (call === c) call = undefined;
      if (!c.replied) this.#answerCall(c);
    };
    const rearm = (c: Call): void => {
      if (c.timer) clearTimeout(c.timer);
      c.timer = setTimeout(() => finish(c), this.#callEndMs);
    };
    const sub = modem.onCall((event) => {
      try {
        switch (event.kind) {
          case 'ring':
            if (call) rearm(call);
            return;
          case 'ended':
            if (call) finish(call);
            return;
          case 'caller-id': {
            const raw = event.caller.number;
            if (raw === '') return; // withheld: nobody to answer
            const number = this.#archive.addresses.normalise(raw);
            if (call?.number === number) return rearm(call);
            if (call) finish(call);
            const rule = missedCallRuleFor(this.#archive.rules.enabled(), number);
            if (!rule) return;
            const started: Call = { number, rule, modemId: this.#modemIdOf(modemId), replied: false, timer: undefined };
            call = started;
            rearm(started);
            if (rule.rejectCall) {
              modem.rejectCall().then(
                () => undefined,
                (error: unknown) =>
                  this.#hooks.log('warn', `Could not refuse the call from ${number} on ${modem.path}: ${(error as Error).message}`),
              );
              this.#answerCall(started); // marks it answered: the rings that may follow change nothing
            }
            return;
          }
          default:
            assertNever(event);
        }
      } catch (error) {
        this.#hooks.log('error', `A call on ${modem.path} could not be handled: ${(error as Error).message}`);
      }
    });
    const watch = toDisposable(() => {
      sub.dispose();
      if (call?.timer) clearTimeout(call.timer);
      call = undefined;
      this.#watches.delete(watch);
    });
    this.#watches.add(watch);
    return watch;
  }

  dispose(): void {
    for (const w of [...this.#watches]) w.dispose();
  }

  #answerCall(call: Call): void {
    call.replied = true;
    try {
      if (!isReplyable(call.number)) {
        this.#hooks.log('info', `Rule ${call.rule.id} does not answer the call from ${call.number}: not a phone number.`);
        return;
      }
      this.#send(call.rule, call.number, call.rule.text ?? '', undefined, call.modemId);
    } catch (error) {
      this.#hooks.log('error', `The missed call from ${call.number} could not be answered: ${(error as Error).message}`);
    }
  }

  #modemIdOf(modemId: () => number): number | null {
    try {
      return modemId();
    } catch {
      return null; // not identified yet: any modem may answer
    }
  }

  #send(rule: Rule, to: string, body: string, trigger: Message | undefined, modemId: number | null): void {
    let plan;
    try {
      plan = encodeSubmit({ to, text: body, flash: rule.flash });
    } catch (error) {
      this.#hooks.log('warn', `Rule ${rule.id} cannot send to ${to}: ${(error as Error).message}`);
      return;
    }
    const result = this.#archive.rules.fire({
      ruleId: rule.id,
      ...(trigger ? { triggerMessageId: trigger.id } : {}),
      triggerPeer: trigger?.peer ?? to,
      to,
      body,
      encoding: plan.encoding === '8bit' ? 'binary' : plan.encoding,
      partCount: plan.parts.length,
      flash: rule.flash,
      modemId,
    });
    switch (result.outcome) {
      case 'queued':
        this.#hooks.log('info', `Rule ${rule.id} (${rule.kind}) queued a message to ${to}.`);
        this.#hooks.queued(result.message);
        return;
      case 'capped':
        this.#hooks.log(
          'warn',
          `Rule ${rule.id} (${rule.kind}) did not send to ${to}: ${result.sentLastHour} automatic messages went there in the last hour (limit ${result.limit}).`,
        );
        return;
      case 'duplicate':
        return;
      default:
        assertNever(result);
    }
  }

  /** "Anna Berg (+491701234567)" when the number is a contact's, else the number. */
  #label(peer: string): string {
    const name = this.#archive.contacts.findByAddress(peer)[0]?.displayName;
    return name ? `${name} (${peer})` : peer;
  }
}
