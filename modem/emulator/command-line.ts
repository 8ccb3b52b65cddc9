/**
 * Splits one AT command line into its commands, as V.250 §5.2 describes: after
 * the "AT" prefix come basic commands (E0, Z, &F, I, A, H …) and extended ones
 * (+CMGF=0) separated by ';'. Quoted strings may hold ';'.
 */

export type AtForm = 'exec' | 'set' | 'read' | 'test';

export interface AtCommand {
  /** Upper-cased name: "E", "Z", "&F", "I", "+CMGF", "^CURC", "D" … */
  name: string;
  form: AtForm;
  /** Raw text after '=' for set forms, or the digits/text after a basic command. */
  args: string;
}

export type ParsedLine = { ok: true; commands: AtCommand[] } | { ok: false; reason: string };

const BASIC_WITH_NUMBER = /^(E|V|Q|X|Z|H|A|O|L|M|I|S\d+)/;

export function parseCommandLine(line: string): ParsedLine {
  const trimmed = line.replace(/^\s+/, '');
  if (!/^AT/i.test(trimmed)) return { ok: false, reason: 'no AT prefix' };
  let rest = trimmed.slice(2);
  const commands: AtCommand[] = [];
  while (rest.length > 0) {
    rest = rest.replace(/^[\s;]+/, '');
    if (rest.length === 0) break;
    const first = rest[0]!;
    if (first === '+' || first === '^' || first === '$' || first === '%' || first === '*' || first === '#') {
      // Extended command: name runs to '=', '?', ';' or end.
      const m = /^[+^$%*#][A-Za-z0-9_!%\-.:/]+/.exec(rest);
      if (!m) return { ok: false, reason: `bad extended command at "${rest.slice(0, 10)}"` };
      const name = m[0].toUpperCase();
      rest = rest.slice(m[0].length);
      if (rest.startsWith('=?')) {
        commands.push({ name, form: 'test', args: '' });
        rest = rest.slice(2);
      } else if (rest.startsWith('?')) {
        commands.push({ name, form: 'read', args: '' });
        rest = rest.slice(1);
      } else if (rest.startsWith('=')) {
        const end = endOfArgs(rest, 1);
        commands.push({ name, form: 'set', args: rest.slice(1, end) });
        rest = rest.slice(end);
      } else {
        commands.push({ name, form: 'exec', args: '' });
      }
      continue;
    }
    if (first.toUpperCase() === 'D') {
      // Dial takes the rest of the line (V.250 §6.3.1).
      commands.push({ name: 'D', form: 'exec', args: rest.slice(1) });
      break;
    }
    if (first === '&') {
      const m = /^&[A-Za-z]\d*/.exec(rest);
      if (!m) return { ok: false, reason: 'bad & command' };
      commands.push({ name: m[0].slice(0, 2).toUpperCase(), form: 'exec', args: m[0].slice(2) });
      rest = rest.slice(m[0].length);
      continue;
    }
    const upper = rest.toUpperCase();
    const bm = BASIC_WITH_NUMBER.exec(upper);
    if (!bm) return { ok: false, reason: `unknown basic command at "${rest.slice(0, 10)}"` };
    const name = bm[0];
    rest = rest.slice(name.length);
    if (name.startsWith('S')) {
      if (rest.startsWith('?')) {
        commands.push({ name, form: 'read', args: '' });
        rest = rest.slice(1);
      } else if (rest.startsWith('=')) {
        const m = /^=(\d*)/.exec(rest)!;
        commands.push({ name, form: 'set', args: m[1] ?? '' });
        rest = rest.slice(m[0].length);
      } else return { ok: false, reason: 'bad S-register command' };
      continue;
    }
    const digits = /^\d*/.exec(rest)![0];
    commands.push({ name, form: 'exec', args: digits });
    rest = rest.slice(digits.length);
  }
  return { ok: true, commands };
}

/** Index just past the arguments that start at `from`: the next ';' outside quotes, or the end. */
function endOfArgs(s: string, from: number): number {
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) return i;
  }
  return s.length;
}

/**
 * Splits a set command's arguments at commas outside quotes, keeping empty ones
 * (AT+CNMI=2,1,,2 has an empty third). Quotes are removed from quoted values.
 */
export function splitArgs(args: string): Array<{ value: string; quoted: boolean }> {
  const out: Array<{ value: string; quoted: boolean }> = [];
  let cur = '';
  let quoted = false;
  let wasQuoted = false;
  for (const c of args) {
    if (c === '"') {
      quoted = !quoted;
      wasQuoted = true;
    } else if (c === ',' && !quoted) {
      out.push({ value: wasQuoted ? cur : cur.trim(), quoted: wasQuoted });
      cur = '';
      wasQuoted = false;
    } else cur += c;
  }
  out.push({ value: wasQuoted ? cur : cur.trim(), quoted: wasQuoted });
  return out;
}
