/**
 * Field reading shared by the reply parsers: V.250 §5.7.2 information text is
 * "<prefix>: <value>,<value>,..." with strings in double quotes and lists in parentheses.
 */

/** The text after `prefix` (case-insensitive, blanks around the colon allowed), or undefined. */
export function after(line: string, prefix: string): string | undefined {
  const text = line.trimStart();
  const name = prefix.replace(/:$/, '');
  if (text.slice(0, name.length).toUpperCase() !== name.toUpperCase()) return undefined;
  const rest = text.slice(name.length).trimStart();
  if (!rest.startsWith(':')) return undefined;
  return rest.slice(1).trim();
}

/** Splits on top-level commas, outside quotes and parentheses. Tokens are trimmed. */
export function splitFields(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ',') {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(body.slice(start).trim());
  return out;
}

export function isQuoted(token: string): boolean {
  const t = token.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"');
}

/** "abc" → abc; unquoted tokens are returned trimmed. */
export function unquote(token: string | undefined): string {
  if (token === undefined) return '';
  const t = token.trim();
  return isQuoted(t) ? t.slice(1, -1) : t;
}

/** A decimal integer (quotes and leading zeros allowed), or undefined. */
export function int(token: string | undefined): number | undefined {
  const t = unquote(token);
  if (!/^-?\d{1,9}$/.test(t)) return undefined;
  return Number(t);
}

/** A hexadecimal number such as a LAC or cell id ("8BE3", "00D30173"), or undefined. */
export function hex(token: string | undefined): number | undefined {
  const t = unquote(token).trim();
  if (!/^[0-9A-Fa-f]{1,8}$/.test(t)) return undefined;
  return parseInt(t, 16);
}

/** Strips one pair of enclosing parentheses: "(0-3)" → "0-3". */
export function unparen(token: string): string | undefined {
  const t = token.trim();
  return t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1) : undefined;
}

const MAX_RANGE_VALUES = 256;

/**
 * Reads a supported-values list of a test command: "(0-3)", "(0,2)", "(0-1,4-7)", "(1)",
 * or a bare "2". An empty "()" is an empty list. Undefined if unreadable.
 */
export function rangeList(token: string): number[] | undefined {
  const inner = unparen(token) ?? token.trim();
  if (inner.trim() === '') return [];
  const values = new Set<number>();
  for (const part of inner.split(',')) {
    const p = part.trim();
    const range = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(p);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > MAX_RANGE_VALUES) return undefined;
      for (let v = from; v <= to; v++) values.add(v);
    } else if (/^\d{1,5}$/.test(p)) {
      values.add(Number(p));
    } else {
      return undefined;
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** Reads a list of strings: ("ME","MT","SM") or a single "SM". */
export function stringList(token: string): string[] {
  const inner = unparen(token);
  const source = inner ?? token;
  return splitFields(source)
    .map(unquote)
    .filter((s) => s.length > 0);
}

/** The first line starting with `prefix`, or undefined. */
export function lineWith(lines: readonly string[], prefix: string): string | undefined {
  return lines.find((l) => after(l, prefix) !== undefined);
}

/** Decodes UCS-2 hex ("002B0033") when the text is exactly that, else undefined. */
export function ucs2Hex(text: string): string | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[0-9A-Fa-f]+$/.test(text)) return undefined;
  let out = '';
  for (let i = 0; i < text.length; i += 4) out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
  return out;
}
