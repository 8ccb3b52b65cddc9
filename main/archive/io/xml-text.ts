/**
 * Repairs the character references Android backup apps are known to write and an XML 1.0
 * parser must reject: emoji as two references to UTF-16 surrogates ("&#55357;&#56832;") and
 * control characters ("&#1;"). Pairs become one reference to the real code point; anything
 * else XML 1.0 cannot carry becomes U+FFFD. Works on a stream of text chunks.
 */
const REF = /&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;
const TRAILING_REF = /&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));$/;

function codeOf(m: RegExpExecArray | RegExpMatchArray): number {
  return m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] ?? '', 10);
}

const isHigh = (cp: number) => cp >= 0xd800 && cp <= 0xdbff;
const isLow = (cp: number) => cp >= 0xdc00 && cp <= 0xdfff;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function repairCharacterReferences(text: string): string {
  const refs = [...text.matchAll(REF)];
  if (refs.length === 0) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < refs.length; i++) {
    const m = refs[i] as RegExpMatchArray;
    const at = m.index as number;
    const end = at + m[0].length;
    out += text.slice(last, at);
    last = end;
    const cp = codeOf(m);
    const next = refs[i + 1];
    if (isHigh(cp) && next !== undefined && next.index === end && isLow(codeOf(next))) {
      out += `&#${(cp - 0xd800) * 0x400 + (codeOf(next) - 0xdc00) + 0x10000};`;
      last = end + next[0].length;
      i++;
      continue;
    }
    out += isXmlChar(cp) ? m[0] : '&#65533;';
  }
  return out + text.slice(last);
}

/**
 * Repairs a stream chunk by chunk. A reference (or pair) cut by a chunk boundary is held
 * back until the next chunk, so it is repaired whole.
 */
export class ReferenceRepairer {
  #carry = '';

  push(chunk: string): string {
    const text = this.#carry + chunk;
    // A reference is at most "&#1114111;" (10 characters): hold back from the first "&" in
    // the last 24, which covers any reference still incomplete at the end.
    const tail = text.indexOf('&', Math.max(0, text.length - 24));
    let keep = tail >= 0 ? tail : text.length;
    // A high surrogate just before the held-back part waits for its low half.
    const before = TRAILING_REF.exec(text.slice(0, keep));
    if (before && isHigh(codeOf(before))) keep = before.index;
    this.#carry = text.slice(keep);
    return repairCharacterReferences(text.slice(0, keep));
  }

  end(): string {
    const rest = repairCharacterReferences(this.#carry);
    this.#carry = '';
    return rest;
  }
}

/** Escapes text for an XML attribute; characters XML 1.0 cannot carry become U+FFFD. */
export function xmlAttribute(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&apos;';
        break;
      // Attribute-value normalisation would turn raw line breaks and tabs into spaces.
      case '\n':
        out += '&#10;';
        break;
      case '\r':
        out += '&#13;';
        break;
      case '\t':
        out += '&#9;';
        break;
      default:
        out += isXmlChar(cp) ? ch : '\uFFFD';
    }
  }
  return out;
}
