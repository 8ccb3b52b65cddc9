/**
 * Line framing for AT replies: a pure, incremental state machine. Bytes go in, events
 * come out; nothing here reads a port or keeps time.
 *
 * What real modems send, and how it is handled:
 * - Lines end with \r\n (V.250), but also \r\r\n (Huawei E1752 echo and +CLAC lines),
 *   \n\r, a lone \r (echo with ATE1) or a lone \n. Every \r and \n ends a line and empty
 *   lines are dropped, which covers all of these without lookahead.
 * - The "> " prompt of AT+CMGS/AT+CMGW (TS 27.005 §3.5.1) has no line ending: it is
 *   reported as soon as a line starts with exactly "> ".
 * - With echo on (ATE1) the modem repeats the command; a line equal to the text the
 *   channel announced with `expectEcho` is reported as `echo`, not as a reply line.
 * - NUL, XON/XOFF, Ctrl-Z, ESC and other control bytes are noise and dropped.
 * - A line longer than `maxLineLength` bytes is dropped whole and reported as
 *   `overflow`, so garbage on the wire cannot grow memory.
 * - Bytes are decoded per line as UTF-8 when valid, else as Latin-1, so a reply in an
 *   8-bit character set never fails to decode and a UTF-8 sequence split across chunks
 *   is still decoded whole.
 */
export type FrameEvent =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'echo'; readonly text: string }
  | { readonly kind: 'prompt' }
  | { readonly kind: 'overflow'; readonly length: number };

export interface FramerOptions {
  /** Longest line kept, in bytes. A long +CLAC line (Huawei K3715) is about 1.5 kB. */
  readonly maxLineLength?: number;
}

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const DEL = 0x7f;
const GT = 0x3e;
const SPACE = 0x20;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

export const DEFAULT_MAX_LINE_LENGTH = 8192;

export class LineFramer {
  readonly #max: number;
  readonly #buf: Uint8Array;
  #len = 0;
  #overflow = 0;
  #echo = new Set<string>();

  constructor(options: FramerOptions = {}) {
    this.#max = Math.max(16, options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
    this.#buf = new Uint8Array(this.#max);
  }

  /**
   * The texts just written to the modem (the command, then also its payload), so their
   * echo can be told apart from replies. They stay armed until replaced or cleared: a URC
   * may come first, and a slow modem may echo the command after its prompt.
   */
  expectEcho(...texts: readonly (string | undefined)[]): void {
    this.#echo = new Set(texts.flatMap((t) => (t === undefined ? [] : [normaliseEcho(t)])).filter((t) => t.length > 0));
  }

  /** Feeds bytes (or a string, read as Latin-1) and returns the events they complete. */
  push(chunk: Uint8Array | string): FrameEvent[] {
    const bytes = typeof chunk === 'string' ? latin1Bytes(chunk) : chunk;
    const events: FrameEvent[] = [];
    for (const b of bytes) {
      if (b === CR || b === LF) {
        this.#endLine(events);
        continue;
      }
      if ((b < SPACE && b !== TAB) || b === DEL) continue; // noise
      if (this.#overflow > 0 || this.#len === this.#max) {
        this.#overflow = this.#overflow === 0 ? this.#len + 1 : this.#overflow + 1;
        this.#len = 0;
        continue;
      }
      this.#buf[this.#len++] = b;
      if (this.#len === 2 && this.#buf[0] === GT && this.#buf[1] === SPACE) {
        this.#len = 0;
        events.push({ kind: 'prompt' });
      }
    }
    return events;
  }

  /** Drops any partial line (e.g. after the port reopens). */
  reset(): void {
    this.#len = 0;
    this.#overflow = 0;
    this.#echo.clear();
  }

  /** Bytes held for the current, unfinished line. */
  get pending(): number {
    return this.#len;
  }

  #endLine(events: FrameEvent[]): void {
    if (this.#overflow > 0) {
      events.push({ kind: 'overflow', length: this.#overflow });
      this.#overflow = 0;
      this.#len = 0;
      return;
    }
    if (this.#len === 0) return;
    const text = decode(this.#buf.subarray(0, this.#len));
    this.#len = 0;
    if (text.trim().length === 0) return;
    if (this.#echo.size > 0 && this.#echo.has(normaliseEcho(text))) {
      events.push({ kind: 'echo', text });
      return;
    }
    events.push({ kind: 'line', text });
  }
}

function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function normaliseEcho(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c !== 0x7f) out += ch; // control bytes never reach a line; a written command ends in CR
  }
  return out.trim().toUpperCase();
}
