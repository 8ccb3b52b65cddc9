/**
 * The AT command channel: one command in flight over an AtPort, a queue behind it,
 * a timeout per command, the two-stage +CMGS/+CMGW exchange, cancellation, URC
 * dispatch and the trace. All parsing is delegated: bytes to LineFramer, lines to
 * classifyLine / classifyFinal, URC bodies to UrcAssembler.
 */
import { DEFAULT_MAX_LINE_LENGTH, LineFramer, type FrameEvent } from './framing';
import { AtTimeoutError, CancelledError, PortClosedError, type AtError } from './errors';
import { UrcDispatcher, type UrcHandler, type UrcMatcher } from './dispatch';
import { assertNever, type Disposable } from './lifecycle';
import { systemClock, type AtPort, type Clock } from './port';
import { classifyFinal, finalResultError, type FinalResult } from './results';
import { AtTrace, redactAt } from './trace';
import { UrcAssembler, classifyLine, linePrefix, makeUrc, normalisePrefix, type Urc } from './urc';

export interface AtCommandOptions {
  /** Time for the final result (after the payload, for two-stage commands). Sending an SMS on a slow network can take minutes. */
  readonly timeoutMs?: number;
  /**
   * Reply prefixes of this command ("+CREG:", "+CPIN"). Needed where a prefix doubles as
   * a URC: while this command is in flight such lines are its reply, not URCs.
   */
  readonly expect?: string | readonly string[];
  /**
   * Two-stage commands (AT+CMGS, AT+CMGW in PDU mode, TS 27.005 §3.5.1): after the "> "
   * prompt the channel writes this text followed by Ctrl-Z (0x1A).
   */
  readonly payload?: string;
  /** Time for the "> " prompt of a two-stage command. */
  readonly promptTimeoutMs?: number;
  /** Aborting rejects with CancelledError; an open prompt is closed with ESC (0x1B). */
  readonly signal?: AbortSignal;
  /**
   * Goes ahead of every queued command without it (never ahead of the command in flight or of
   * earlier priority commands). For the short storage commands that read, delete and acknowledge
   * received messages and reports: behind a queue of submits that each wait on the network,
   * a three-command read would otherwise get one command in per submit, and a burst of
   * delivery reports would fill the modem's report store faster than it is read.
   */
  readonly priority?: boolean;
}

export interface AtResponse {
  /** The command as sent (PIN and PUK masked). */
  readonly command: string;
  /** Reply lines in order, without echo, URCs and the final result. */
  readonly lines: readonly string[];
}

export interface AtChannelOptions {
  readonly clock?: Clock;
  readonly trace?: AtTrace;
  readonly defaultTimeoutMs?: number;
  readonly defaultPromptTimeoutMs?: number;
  /**
   * After a command times out or is cancelled its answer may still come. The channel
   * waits up to this long (or until that final result) before the next command, so a
   * late OK is never taken as the next command's answer.
   */
  readonly settleMs?: number;
  readonly maxLineLength?: number;
  /** A URC handler threw. Defaults to ignoring (the trace still holds the URC). */
  readonly onHandlerError?: (error: unknown, urc: Urc) => void;
}

const CR_CHAR = '\r';
const CTRL_Z = '\x1a';
const ESC = '\x1b';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PROMPT_TIMEOUT_MS = 10_000;
const DEFAULT_SETTLE_MS = 2_000;

type Stage = 'queued' | 'command' | 'payload';

interface Pending {
  readonly command: string;
  readonly priority: boolean;
  readonly shown: string;
  readonly payload: string | undefined;
  readonly expect: readonly string[];
  readonly timeoutMs: number;
  readonly promptTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly lines: string[];
  stage: Stage;
  timer: unknown;
  onAbort: (() => void) | undefined;
  readonly resolve: (response: AtResponse) => void;
  readonly reject: (error: AtError) => void;
}

const encoder = new TextEncoder();

/** CR, LF, Ctrl-Z or ESC inside a command would end it early or abort it. */
function hasLineControl(text: string): boolean {
  return [CR_CHAR, '\n', CTRL_Z, ESC].some((c) => text.includes(c));
}

export class AtChannel implements Disposable {
  readonly #port: AtPort;
  readonly #clock: Clock;
  readonly #trace: AtTrace;
  readonly #framer: LineFramer;
  readonly #assembler = new UrcAssembler();
  readonly #dispatcher: UrcDispatcher;
  readonly #defaultTimeoutMs: number;
  readonly #defaultPromptTimeoutMs: number;
  readonly #settleMs: number;
  readonly #queue: Pending[] = [];
  readonly #subscriptions: Disposable[] = [];
  #current: Pending | undefined;
  /** A cancelled or timed-out command whose answer may still arrive. */
  #settleTimer: unknown;
  #settling = false;
  /** Open holds (see hold()): while any is open only priority commands start. */
  readonly #holds = new Set<object>();
  #closed: PortClosedError | undefined;
  #disposed = false;
  #inData = false;

  constructor(port: AtPort, options: AtChannelOptions = {}) {
    this.#port = port;
    this.#clock = options.clock ?? systemClock;
    this.#trace = options.trace ?? new AtTrace({ now: () => this.#clock.now() });
    this.#framer = new LineFramer({ maxLineLength: options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH });
    this.#dispatcher = new UrcDispatcher(options.onHandlerError ?? (() => {}));
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#defaultPromptTimeoutMs = options.defaultPromptTimeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS;
    this.#settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.#subscriptions.push(
      port.onData((chunk) => this.#onData(chunk)),
      port.onClose((error) => this.#onClose(error)),
    );
    if (!port.isOpen) this.#onClose();
  }

  get trace(): AtTrace {
    return this.#trace;
  }

  /**
   * Runs `job` with the channel kept for priority commands: an ordinary command queued meanwhile
   * (a submit) starts only when the job ends. A storage transaction (select the store, read the
   * slot, store it, delete it) then finishes between two submits instead of getting one command
   * in per submit. The hold lapses after `maxMs`, so a job that waits on something else (a
   * handler that itself sends through this modem) delays the queue, never deadlocks it.
   */
  async hold<T>(job: () => Promise<T>, maxMs = 5_000): Promise<T> {
    const token = {};
    this.#holds.add(token);
    const lapse = this.#clock.setTimeout(() => this.#release(token), maxMs);
    try {
      return await job();
    } finally {
      this.#clock.clearTimeout(lapse);
      this.#release(token);
    }
  }

  #release(token: object): void {
    if (this.#holds.delete(token)) this.#pump();
  }

  /** Commands waiting or in flight. */
  get pending(): number {
    return this.#queue.length + (this.#current ? 1 : 0);
  }

  get isClosed(): boolean {
    return this.#closed !== undefined || this.#disposed;
  }

  /**
   * Queues a command ("AT+CSQ", without the trailing CR) and resolves with its reply
   * lines on OK. Rejects with CmsError, CmeError, AtCommandError, AtTimeoutError,
   * PortClosedError or CancelledError.
   */
  send(command: string, options: AtCommandOptions = {}): Promise<AtResponse> {
    if (hasLineControl(command)) throw new TypeError('An AT command must be one line without control characters');
    if (options.payload !== undefined && hasLineControl(options.payload)) {
      throw new TypeError('A payload must be one line without control characters');
    }
    const shown = redactAt(command);
    if (this.#disposed) return Promise.reject(new CancelledError('channel disposed', shown));
    if (this.#closed) return Promise.reject(new PortClosedError(this.#closed.detail, shown));
    if (options.signal?.aborted) return Promise.reject(new CancelledError('cancelled before sending', shown));
    const expect = typeof options.expect === 'string' ? [options.expect] : (options.expect ?? []);

    return new Promise<AtResponse>((resolve, reject) => {
      const pending: Pending = {
        command,
        priority: options.priority === true,
        shown,
        payload: options.payload,
        expect: expect.map(normalisePrefix),
        timeoutMs: options.timeoutMs ?? this.#defaultTimeoutMs,
        promptTimeoutMs: options.promptTimeoutMs ?? this.#defaultPromptTimeoutMs,
        signal: options.signal,
        lines: [],
        stage: 'queued',
        timer: undefined,
        onAbort: undefined,
        resolve,
        reject,
      };
      if (pending.signal) {
        const onAbort = () => this.#cancel(pending);
        pending.onAbort = onAbort;
        pending.signal.addEventListener('abort', onAbort, { once: true });
      }
      if (pending.priority) {
        const firstOrdinary = this.#queue.findIndex((p) => !p.priority);
        this.#queue.splice(firstOrdinary < 0 ? this.#queue.length : firstOrdinary, 0, pending);
      } else this.#queue.push(pending);
      this.#pump();
    });
  }

  /** Registers a URC handler; dispose to unregister. */
  onUrc(matcher: UrcMatcher, handler: UrcHandler): Disposable {
    return this.#dispatcher.on(matcher, handler);
  }

  /**
   * Writes a lone ESC: leaves a "> " prompt the modem may be stuck in (e.g. after a
   * crash mid-send). Used by synchronisation before the first AT.
   */
  async escape(): Promise<void> {
    if (this.isClosed) throw this.#closed ?? new CancelledError('channel disposed');
    await this.#write(ESC);
  }

  /** Rejects everything pending with CancelledError and lets go of the port (it does not close it). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#failAll(() => new CancelledError('channel disposed'));
    this.#endSettle(false);
    for (const s of this.#subscriptions.splice(0)) s.dispose();
    this.#dispatcher.clear();
  }

  // -- data path ------------------------------------------------------------

  #onData(chunk: Uint8Array): void {
    if (this.#disposed) return;
    this.#inData = true;
    try {
      for (const event of this.#framer.push(chunk)) this.#onEvent(event);
    } finally {
      this.#inData = false;
    }
    this.#pump();
  }

  #onEvent(event: FrameEvent): void {
    switch (event.kind) {
      case 'line':
        this.#trace.record('rx', event.text);
        this.#onLine(event.text);
        return;
      case 'echo':
        this.#trace.record('rx', event.text);
        return;
      case 'prompt':
        this.#trace.record('rx', '> ');
        this.#onPrompt();
        return;
      case 'overflow':
        this.#trace.record('rx', `<line of ${event.length} bytes dropped: too long>`);
        return;
      default:
        assertNever(event, 'frame event');
    }
  }

  #onLine(text: string): void {
    if (this.#assembler.active) {
      if (this.#assembler.accepts(text)) {
        const done = this.#assembler.feed(text);
        if (done) this.#dispatch(done);
        return;
      }
      const cut = this.#assembler.flush();
      if (cut) this.#dispatch(cut);
    }
    const current = this.#current;
    const cls = classifyLine(text, current?.expect);
    switch (cls.kind) {
      case 'urc': {
        const done = this.#assembler.start(cls.spec, text, cls.known);
        if (done) this.#dispatch(done);
        return;
      }
      case 'response': {
        if (!current) return; // classifyLine answers 'response' only with a command in flight
        const final = classifyFinal(text);
        if (final) this.#complete(current, final);
        else current.lines.push(text);
        return;
      }
      case 'other':
        this.#onIdleLine(text);
        return;
      default:
        assertNever(cls, 'line class');
    }
  }

  /** A line with no command in flight: the late answer of an abandoned command, or an unknown URC. */
  #onIdleLine(text: string): void {
    const final = classifyFinal(text);
    if (final) {
      if (this.#settling) this.#endSettle(true);
      // NO CARRIER / BUSY / NO ANSWER while idle report a call ending: a URC.
      else if (final.kind === 'failure' && final.result !== 'ERROR') this.#dispatch(makeUrc(final.result, [text], true));
      return; // a stray OK or ERROR is only traced
    }
    if (this.#settling) return; // the rest of an abandoned reply
    this.#dispatch(makeUrc(linePrefix(text) ?? text.trim(), [text], false));
  }

  #onPrompt(): void {
    const current = this.#current;
    if (current && current.stage === 'command' && current.payload !== undefined) {
      this.#clearTimer(current);
      current.stage = 'payload';
      this.#framer.expectEcho(current.command, current.payload);
      current.timer = this.#clock.setTimeout(() => this.#onTimeout(current), current.timeoutMs);
      void this.#write(current.payload + CTRL_Z).catch((error: unknown) => this.#onWriteError(current, error));
      return;
    }
    // Nobody wants this prompt (cancelled send, or a command not declared two-stage):
    // leave it with ESC so the modem does not swallow the next command as PDU text.
    void this.#write(ESC).catch(() => {});
  }

  #dispatch(urc: Urc): void {
    this.#dispatcher.dispatch(urc);
  }

  // -- command life ---------------------------------------------------------

  #pump(): void {
    if (this.#inData || this.#current || this.#settling || this.isClosed) return;
    // Priority commands sit at the front of the queue, so a hold only has to look there.
    if (this.#holds.size > 0 && this.#queue[0]?.priority !== true) return;
    const next = this.#queue.shift();
    if (!next) return;
    this.#current = next;
    next.stage = 'command';
    this.#framer.expectEcho(next.command);
    const wait = next.payload !== undefined ? next.promptTimeoutMs : next.timeoutMs;
    next.timer = this.#clock.setTimeout(() => this.#onTimeout(next), wait);
    void this.#write(next.command + '\r').catch((error: unknown) => this.#onWriteError(next, error));
  }

  #complete(pending: Pending, final: FinalResult): void {
    this.#finish(pending);
    const error = finalResultError(final, pending.shown);
    if (error) pending.reject(error);
    else pending.resolve({ command: pending.shown, lines: pending.lines });
  }

  #onTimeout(pending: Pending): void {
    if (this.#current !== pending) return;
    pending.timer = undefined;
    const stage = pending.stage === 'payload' ? 'payload' : pending.payload !== undefined ? 'prompt' : 'response';
    // The prompt may have come in a shape the framer did not see: leave it with ESC.
    if (stage === 'prompt') void this.#write(ESC).catch(() => {});
    this.#abandon(pending, new AtTimeoutError(stage, stage === 'prompt' ? pending.promptTimeoutMs : pending.timeoutMs, pending.shown));
  }

  #cancel(pending: Pending): void {
    switch (pending.stage) {
      case 'queued': {
        const i = this.#queue.indexOf(pending);
        if (i >= 0) this.#queue.splice(i, 1);
        this.#finish(pending);
        pending.reject(new CancelledError('cancelled before sending', pending.shown));
        return;
      }
      case 'command':
        // A prompt that arrives from now on finds no taker and is closed with ESC.
        this.#abandon(pending, new CancelledError('cancelled while waiting for the modem', pending.shown));
        return;
      case 'payload':
        this.#abandon(pending, new CancelledError('cancelled after the payload was sent', pending.shown, true));
        return;
      default:
        assertNever(pending.stage, 'stage');
    }
  }

  /** Rejects the command in flight but keeps the line quiet until its answer or settleMs. */
  #abandon(pending: Pending, error: AtError): void {
    if (this.#current !== pending) return;
    this.#finish(pending);
    pending.reject(error);
    if (this.isClosed) return;
    this.#settling = true;
    this.#settleTimer = this.#clock.setTimeout(() => this.#endSettle(true), this.#settleMs);
  }

  #endSettle(pump: boolean): void {
    if (this.#settleTimer !== undefined) this.#clock.clearTimeout(this.#settleTimer);
    this.#settleTimer = undefined;
    this.#settling = false;
    if (pump) this.#pump();
  }

  /** Detaches a command from timers, signal and the slot. */
  #finish(pending: Pending): void {
    this.#clearTimer(pending);
    if (pending.onAbort && pending.signal) pending.signal.removeEventListener('abort', pending.onAbort);
    pending.onAbort = undefined;
    if (this.#current === pending) {
      this.#current = undefined;
      this.#framer.expectEcho();
    }
  }

  #clearTimer(pending: Pending): void {
    if (pending.timer !== undefined) this.#clock.clearTimeout(pending.timer);
    pending.timer = undefined;
  }

  #onWriteError(pending: Pending, error: unknown): void {
    if (this.#current !== pending) return;
    this.#finish(pending);
    pending.reject(
      new PortClosedError(`write failed: ${error instanceof Error ? error.message : String(error)}`, pending.shown, { cause: error }),
    );
    this.#pump();
  }

  #onClose(error?: Error): void {
    if (this.#closed || this.#disposed) return;
    this.#closed = new PortClosedError(error ? `port failed: ${error.message}` : 'port closed', undefined, { cause: error });
    const detail = this.#closed.detail;
    this.#failAll((p) => new PortClosedError(detail, p.shown, { cause: error }));
    this.#endSettle(false);
    const cut = this.#assembler.flush(); // a +CMT header whose PDU never came
    if (cut) this.#dispatch(cut);
    this.#framer.reset();
  }

  #failAll(makeError: (p: Pending) => AtError): void {
    const all = [...(this.#current ? [this.#current] : []), ...this.#queue.splice(0)];
    for (const p of all) {
      this.#finish(p);
      p.reject(makeError(p));
    }
  }

  async #write(text: string): Promise<void> {
    this.#trace.record('tx', text);
    await this.#port.write(encoder.encode(text));
  }
}
