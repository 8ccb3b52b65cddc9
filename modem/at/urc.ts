/**
 * Unsolicited result codes: which lines are URCs, how many lines each spans, and a pure
 * assembler that joins multi-line ones. The table is data; the channel decides per line
 * with the prefixes the command in flight expects (see `classifyLine`).
 */
import { assertNever } from './lifecycle';
import { classifyFinal } from './results';

/** How much text belongs to a URC after its first line. */
export type UrcBody =
  /** The line alone. */
  | 'none'
  /** One more line: the PDU of +CMT / +CDS / +CBM in PDU mode (TS 27.005 §3.4.1). */
  | 'next-line'
  /** Until the quoted string closes: +CUSD text may hold line breaks (Sony Ericsson Z710i). */
  | 'quoted';

export interface UrcSpec {
  /** "+CMTI:" for prefixed codes; the whole line ("RING", "SMS DONE") for bare ones. */
  readonly prefix: string;
  readonly body: UrcBody;
  /** Bare codes match the whole line; prefixed ones the start. */
  readonly bare?: boolean;
}

const urc = (prefix: string, body: UrcBody = 'none'): UrcSpec => ({ prefix, body });
const bare = (prefix: string): UrcSpec => ({ prefix, body: 'none', bare: true });

/**
 * Known URCs. Some prefixes are also replies to a read command (+CREG: to AT+CREG?,
 * +CPIN: to AT+CPIN?, +CFUN: to AT+CFUN?): those lines are replies only while a command
 * that expects the prefix is in flight.
 */
export const URC_TABLE: readonly UrcSpec[] = [
  // SMS, TS 27.005 §3.4.1
  urc('+CMTI:'),
  urc('+CMT:', 'next-line'),
  urc('+CDSI:'),
  urc('+CDS:', 'next-line'),
  urc('+CBMI:'),
  urc('+CBM:', 'next-line'),
  // USSD, calls, network, TS 27.007
  urc('+CUSD:', 'quoted'),
  urc('+CLIP:'),
  urc('+CRING:'),
  urc('+CCWA:'),
  urc('+CSSI:'),
  urc('+CSSU:'),
  urc('+CREG:'),
  urc('+CGREG:'),
  urc('+CEREG:'),
  urc('+C5GREG:'),
  urc('+CIEV:'),
  urc('+CGEV:'),
  urc('+CTZV:'),
  urc('+CTZE:'),
  urc('+CTZU:'),
  urc('+CPIN:'), // SIMCom and Quectel announce "+CPIN: READY" after boot
  urc('+CFUN:'), // SIMCom announces "+CFUN: 1" after boot
  urc('+CUSATP:'),
  urc('+CUSATEND'),
  // Huawei (^RSSI, ^MODE, ^BOOT, ^DSFLOWRPT arrive even inside replies: Huawei E1752 logs)
  urc('^RSSI:'),
  urc('^HCSQ:'),
  urc('^MODE:'),
  urc('^BOOT:'),
  urc('^DSFLOWRPT:'),
  urc('^SRVST:'),
  urc('^SIMST:'),
  urc('^SYSSTART'),
  urc('^NWTIME:'),
  urc('^STIN:'),
  urc('^ORIG:'),
  urc('^CONF:'),
  urc('^CONN:'),
  urc('^CEND:'),
  urc('^NDISSTAT:'),
  urc('^RFSWITCH:'),
  // Quectel, SIMCom, Wavecom, Sierra
  urc('+QIND:'),
  urc('+QUSIM:'),
  urc('+CPSI:'),
  urc('*PSUTTZ:'),
  urc('DST:'),
  urc('+WIND:'),
  urc('+PACSP'),
  urc('+STIN:'),
  // Bare words
  bare('RING'),
  bare('RDY'),
  bare('Call Ready'),
  bare('SMS Ready'),
  bare('SMS DONE'),
  bare('PB DONE'),
  bare('NORMAL POWER DOWN'),
  bare('POWERED DOWN'),
];

const prefixed = URC_TABLE.filter((s) => !s.bare);
const bareWords = new Map(URC_TABLE.filter((s) => s.bare).map((s) => [s.prefix.toUpperCase(), s]));

/** The leading "+XYZ:" / "^XYZ:" of a line, upper-cased, or undefined. */
export function linePrefix(line: string): string | undefined {
  const m = /^\s*([+^$%*#][A-Za-z0-9_]+)\s*:/.exec(line);
  return m?.[1] ? `${m[1].toUpperCase()}:` : undefined;
}

/** Normalises "+CREG" / "+creg:" / "+CREG:" to "+CREG:" (bare words stay as they are). */
export function normalisePrefix(prefix: string): string {
  const p = prefix.trim().toUpperCase();
  if (/^[+^$%*#]/.test(p) && !p.endsWith(':')) return `${p}:`;
  return p;
}

export function urcSpecFor(line: string): UrcSpec | undefined {
  const text = line.trim();
  const word = bareWords.get(text.toUpperCase());
  if (word) return word;
  const upper = text.toUpperCase();
  for (const spec of prefixed) {
    // The colon is part of the prefix, so "+CMT:" never catches "+CMTI: ...". Codes
    // without one ("^SYSSTART", "+PACSP1") match on their start.
    if (upper.startsWith(spec.prefix.toUpperCase())) return spec;
  }
  return undefined;
}

/** One assembled URC, as handed to handlers. */
export interface Urc {
  /** "+CMTI:", "^RSSI:", "RING"; for unknown lines the prefix or the whole line. */
  readonly prefix: string;
  /** The first line. */
  readonly line: string;
  /** Every line, first included (2 for +CMT/+CDS; several for a multi-line +CUSD). */
  readonly lines: readonly string[];
  /** The lines joined with "\n" (what the +CUSD parser reads). */
  readonly text: string;
  /** Whether the line is in the URC table (false: an unknown line while idle). */
  readonly known: boolean;
  /**
   * False when a multi-line URC was cut short: its PDU line or the end of its quoted string
   * never came (a final result or another URC came instead, or the port closed).
   */
  readonly complete: boolean;
}

/** Why a line goes where it goes; `assertNever` keeps the channel's switch complete. */
export type LineClass =
  { readonly kind: 'urc'; readonly spec: UrcSpec; readonly known: boolean } | { readonly kind: 'response' } | { readonly kind: 'other' };

/**
 * Decides whether a line is a URC or belongs to the command in flight (`expected` is
 * undefined when none is).
 * - A line whose prefix the command expects is its reply (+CREG: during AT+CREG?).
 * - Otherwise a line in the URC table is a URC, even in the middle of a reply.
 * - A prefixed line the command did not ask for, while it asked for some prefix, is an
 *   unknown URC (vendor noise such as ^SYSINFOEX during AT+CSQ).
 * - Otherwise, with a command in flight, it is part of the reply (IMEI digits, PDUs).
 * - Otherwise (idle) it is `other`: the channel reports it as an unknown URC.
 */
export function classifyLine(line: string, expected: readonly string[] | undefined): LineClass {
  const prefix = linePrefix(line);
  if (expected !== undefined && prefix !== undefined && expected.includes(prefix)) return { kind: 'response' };
  const spec = urcSpecFor(line);
  if (spec) return { kind: 'urc', spec, known: true };
  if (expected !== undefined && expected.length > 0 && prefix !== undefined)
    return { kind: 'urc', spec: { prefix, body: 'none' }, known: false };
  return expected !== undefined ? { kind: 'response' } : { kind: 'other' };
}

const MAX_QUOTED_LINES = 32;

/**
 * Joins the lines of multi-line URCs. Pure state: `start` a URC, then `feed` each
 * following line while `active`; each call returns the finished URC or undefined.
 */
export class UrcAssembler {
  #spec: UrcSpec | undefined;
  #known = true;
  #lines: string[] = [];

  get active(): boolean {
    return this.#spec !== undefined;
  }

  start(spec: UrcSpec, line: string, known = true): Urc | undefined {
    this.#spec = spec;
    this.#known = known;
    this.#lines = [line];
    return this.#maybeDone();
  }

  /**
   * Whether `line` continues the URC being assembled. A final result code or another URC
   * does not: the modem interleaved, and the URC is cut short rather than swallowing the
   * command's OK. A PDU (hex) always continues +CMT/+CDS.
   */
  accepts(line: string): boolean {
    if (!this.#spec) return false;
    if (this.#spec.body === 'next-line' && /^[0-9A-Fa-f]+$/.test(line.trim())) return true;
    return classifyFinal(line) === undefined && urcSpecFor(line) === undefined;
  }

  feed(line: string): Urc | undefined {
    if (!this.#spec) return undefined;
    this.#lines.push(line);
    return this.#maybeDone();
  }

  /** Hands back whatever is held, marked incomplete (e.g. the PDU line never came). */
  flush(): Urc | undefined {
    return this.#spec ? this.#finish(false) : undefined;
  }

  #maybeDone(): Urc | undefined {
    const spec = this.#spec;
    if (!spec) return undefined;
    switch (spec.body) {
      case 'none':
        return this.#finish();
      case 'next-line':
        return this.#lines.length >= 2 ? this.#finish() : undefined;
      case 'quoted':
        return quotesBalanced(this.#lines.join('\n')) || this.#lines.length >= MAX_QUOTED_LINES ? this.#finish() : undefined;
      default:
        return assertNever(spec.body, 'URC body');
    }
  }

  #finish(complete = true): Urc {
    const spec = this.#spec as UrcSpec;
    const lines = this.#lines;
    this.#spec = undefined;
    this.#lines = [];
    return makeUrc(spec.prefix, lines, this.#known, complete);
  }
}

export function makeUrc(prefix: string, lines: readonly string[], known: boolean, complete = true): Urc {
  const first = lines[0] ?? '';
  return { prefix, line: first, lines, text: lines.join('\n'), known, complete };
}

function quotesBalanced(text: string): boolean {
  let n = 0;
  for (const ch of text) if (ch === '"') n++;
  return n % 2 === 0;
}
