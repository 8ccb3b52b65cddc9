/**
 * The AT console's guard: which raw commands could break what the driver set up, and why.
 *
 * The driver keeps the modem in one known state (ATE0, verbose result codes, +CMEE=1, PDU
 * mode, its +CNMI routing and +CPMS stores, the character set it parses). A command typed in
 * the console goes through the same channel, one at a time, so it never interleaves with the
 * driver's own; but some change that state under the driver's feet, or cost money, or spend
 * SIM tries. Those are sent only when the user confirms. Read (`AT+X?`) and test (`AT+X=?`)
 * forms never change anything and always go through.
 *
 * | risk          | commands                                   | why                                                        |
 * | ------------- | ------------------------------------------ | ---------------------------------------------------------- |
 * | echo          | ATE1                                       | the driver expects no echo (ATE0)                          |
 * | result-codes  | ATV0, ATQ1                                 | numeric or no result codes: every reply stops parsing      |
 * | reset         | ATZ, AT&F                                  | back to defaults: echo on, SMS notices off, PDU mode lost  |
 * | save-profile  | AT&W                                       | writes the current settings into the modem for good        |
 * | call          | ATD…                                       | dials a call (costs money)                                 |
 * | text-mode     | AT+CMGF=1                                  | the driver reads and sends in PDU mode only                |
 * | radio         | AT+CFUN=…                                  | radio off, flight mode or a restart                        |
 * | notices       | AT+CNMI=…, AT^PORTSEL=…                     | new SMS and reports stop arriving, or go to another port   |
 * | storage       | AT+CPMS=…                                  | messages go to a store the driver does not read            |
 * | charset       | AT+CSCS=…                                  | names and USSD replies are parsed in the wrong alphabet    |
 * | errors        | AT+CMEE=0                                  | errors lose their codes: "wrong PIN" looks like any ERROR  |
 * | baud          | AT+IPR=…, AT+IFC=…, AT+ICF=…               | the port speaks at a speed or framing SMSDesk does not use |
 * | delete        | AT+CMGD…                                   | deletes messages that may not be in the archive yet        |
 * | acknowledge   | AT+CNMA…                                   | acknowledges a message the archive has not stored          |
 * | send          | AT+CMGS, AT+CMSS, AT+CMGW                  | sends or writes an SMS outside the outbox                  |
 * | sim-code      | AT+CPIN=…, AT+CLCK=…, AT+CPWD=…            | a wrong code spends one of the SIM's three tries           |
 * | operator      | AT+COPS=…                                  | manual operator choice or leaving the network              |
 */
import type { AtRisk } from '../contract';

interface BasicRule {
  readonly kind: 'basic';
  /** The basic command letter, or `&` and a letter. */
  readonly name: string;
  /** Risky for these arguments only; every argument when absent. */
  readonly args?: readonly string[];
  readonly risk: AtRisk;
}

interface ExtendedRule {
  readonly kind: 'extended';
  /** With its prefix (`+`, `^`), upper case. */
  readonly name: string;
  /** Risky unless the set value is one of these (trimmed, upper case); every set when absent. */
  readonly safeValues?: readonly string[];
  /** The plain form (`AT+CMGD` with nothing after) is risky too. */
  readonly exec?: boolean;
  readonly risk: AtRisk;
}

export type AtRule = BasicRule | ExtendedRule;

export const AT_CONSOLE_RULES: readonly AtRule[] = [
  { kind: 'basic', name: 'E', args: ['1'], risk: 'echo' },
  { kind: 'basic', name: 'V', args: ['0', ''], risk: 'result-codes' },
  { kind: 'basic', name: 'Q', args: ['1'], risk: 'result-codes' },
  { kind: 'basic', name: 'Z', risk: 'reset' },
  { kind: 'basic', name: '&F', risk: 'reset' },
  { kind: 'basic', name: '&W', risk: 'save-profile' },
  { kind: 'basic', name: 'D', risk: 'call' },
  { kind: 'extended', name: '+CMGF', safeValues: ['0'], risk: 'text-mode' },
  { kind: 'extended', name: '+CFUN', risk: 'radio' },
  { kind: 'extended', name: '+CNMI', risk: 'notices' },
  { kind: 'extended', name: '^PORTSEL', risk: 'notices' },
  { kind: 'extended', name: '+CPMS', risk: 'storage' },
  { kind: 'extended', name: '+CSCS', risk: 'charset' },
  { kind: 'extended', name: '+CMEE', safeValues: ['1', '2'], risk: 'errors' },
  { kind: 'extended', name: '+IPR', risk: 'baud' },
  { kind: 'extended', name: '+IFC', risk: 'baud' },
  { kind: 'extended', name: '+ICF', risk: 'baud' },
  { kind: 'extended', name: '+CMGD', exec: true, risk: 'delete' },
  { kind: 'extended', name: '+CNMA', exec: true, risk: 'acknowledge' },
  { kind: 'extended', name: '+CMGS', exec: true, risk: 'send' },
  { kind: 'extended', name: '+CMSS', exec: true, risk: 'send' },
  { kind: 'extended', name: '+CMGW', exec: true, risk: 'send' },
  { kind: 'extended', name: '+CPIN', risk: 'sim-code' },
  { kind: 'extended', name: '+CLCK', risk: 'sim-code' },
  { kind: 'extended', name: '+CPWD', risk: 'sim-code' },
  { kind: 'extended', name: '+COPS', risk: 'operator' },
];

/** One command of a command line, as V.250 §5.3 splits it. */
export type ParsedCommand =
  | { readonly kind: 'basic'; readonly name: string; readonly arg: string }
  | { readonly kind: 'extended'; readonly name: string; readonly form: 'exec' | 'set' | 'read' | 'test'; readonly value: string };

/** Splits "AT…" into its commands: basic ones (E0, &F, D…) and extended ones (+CMGF=1) between `;`. */
export function parseCommandLine(line: string): ParsedCommand[] {
  const body = line.trim().replace(/^AT/i, '');
  const out: ParsedCommand[] = [];
  for (const segment of splitOutsideQuotes(body, ';')) {
    let rest = segment.trim();
    while (rest.length > 0) {
      const first = rest[0]!;
      if ('+^$%*#'.includes(first)) {
        // An extended command runs to the end of its segment.
        const m = /^([+^$%*#][A-Za-z0-9_.!%-]*)(=\?|\?|=)?(.*)$/s.exec(rest);
        const name = (m?.[1] ?? rest).toUpperCase();
        const sep = m?.[2];
        const form = sep === '=?' ? 'test' : sep === '?' ? 'read' : sep === '=' ? 'set' : 'exec';
        out.push({ kind: 'extended', name, form, value: (m?.[3] ?? '').trim() });
        break;
      }
      if (/^D/i.test(rest)) {
        // Dial takes the rest of the line as its number.
        out.push({ kind: 'basic', name: 'D', arg: rest.slice(1) });
        break;
      }
      const m = /^(&?[A-Za-z])(\d*)(?:=\d*|\?)?/.exec(rest);
      if (!m) {
        out.push({ kind: 'basic', name: rest.toUpperCase(), arg: '' });
        break;
      }
      out.push({ kind: 'basic', name: m[1]!.toUpperCase(), arg: m[2] ?? '' });
      rest = rest.slice(m[0].length);
    }
  }
  return out;
}

/** The risks of a console command line; empty when it may be sent without asking. */
export function assessAtCommand(line: string): AtRisk[] {
  const risks = new Set<AtRisk>();
  for (const cmd of parseCommandLine(line)) {
    for (const rule of AT_CONSOLE_RULES) {
      if (rule.kind === 'basic' && cmd.kind === 'basic' && rule.name === cmd.name) {
        if (!rule.args || rule.args.includes(cmd.arg)) risks.add(rule.risk);
      } else if (rule.kind === 'extended' && cmd.kind === 'extended' && rule.name === cmd.name) {
        if (cmd.form === 'set' && !(rule.safeValues ?? []).includes(cmd.value.toUpperCase())) risks.add(rule.risk);
        if (cmd.form === 'exec' && rule.exec) risks.add(rule.risk);
      }
    }
  }
  return [...risks];
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
