/**
 * Links in message text. Bodies are untrusted: they are shown as text, and only http(s)
 * addresses can be opened, each after the user confirmed the full address.
 */

export interface LinkPiece {
  readonly text: string;
  /** The address to open when this piece is an http(s) link. */
  readonly url?: string;
}

// Scheme, then anything up to whitespace or a character that cannot sit in a bare URL.
const LINK = /\bhttps?:\/\/[^\s<>"'`\p{Cc}]+/giu;
// Punctuation that usually ends the sentence rather than the address.
const TRAILING = /[.,;:!?…]+$/u;

/** Trims sentence punctuation and an unbalanced closing bracket off the end of a match. */
function trimMatch(raw: string): string {
  let s = raw.replace(TRAILING, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (s.endsWith(close) && count(s, close) > count(s, open)) s = s.slice(0, -1).replace(TRAILING, '');
  }
  return s;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Returns `url` (normalised) when it is an absolute http: or https: address with a host and no credentials, else null. */
export function safeHttpUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  // "https://bank.example@evil.example/" shows one host and opens another; real links carry no credentials.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** Splits text into plain pieces and http(s) link pieces. */
export function splitLinks(text: string): LinkPiece[] {
  const pieces: LinkPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = trimMatch(match[0]);
    const url = safeHttpUrl(raw);
    if (!url || match.index === undefined) continue;
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ text: raw, url });
    at = match.index + raw.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}
