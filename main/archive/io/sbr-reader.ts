/**
 * The start tags of an SMS Backup & Restore file, with where each one ends, as saxes reports
 * them, about five times faster on the shape such files have.
 *
 * saxes reads the prolog and the root's start tag. From there a scanner for the narrow shape of
 * the records takes over: elements with ASCII names, quoted attributes, the five predefined
 * entities and character references, whitespace between tags. The first thing outside that
 * shape (a comment, CDATA, text, a character saxes would refuse, a broken tag, the end of the
 * root) hands the rest of the file back to a new saxes parser, put into the same state first
 * (the open elements written as `<name>`), with its positions moved to the file's. So saxes
 * decides everything that is not plainly well-formed, and reports it where it is, in its own
 * words: the results are saxes's, which `sbr-reader.test.ts` checks on random damaged files.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** A start tag's attributes, readable during the `tag` call only (the reader reuses it). */
export interface TagAttributes {
  get(name: string): string | undefined;
  /** Every attribute in the order written (a duplicate name keeps its last value, as in saxes). */
  entries(): [string, string][];
}

export interface SbrXmlHandler {
  /** Every start tag, the root's first. During the call, the reader's `line` and `column` are where the tag ends. */
  tag(name: string, attributes: TagAttributes): void;
  /** saxes found the XML damaged: its message, which starts with "line:column: ". Reading goes on. */
  error(message: string): void;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const LT = 0x3c;
const AMP = 0x26;
const GT = 0x3e;

/** The scanner needs more text for this tag. */
const INCOMPLETE = -1;
/** Outside the scanner's shape: saxes takes over here. */
const UNSURE = -2;

/** The prolog is short; one this long is not an SB&R file, and saxes reads it as it is. */
const MAX_PROLOG = 1 << 20;

const ENTITIES = Object.assign(Object.create(null) as Record<string, string>, { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });
const DECIMAL_REF = /^#[0-9]{1,7}$/;
// saxes takes "#x" in lower case only ("&#X41;" is malformed there).
const HEX_REF = /^#x[0-9a-fA-F]{1,6}$/;

const isSpace = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;
const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

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

/** Characters (code points) in text[from, to), as saxes counts columns: a surrogate pair is one. */
function codePoints(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

type Mode = 'prolog' | 'fast' | 'saxes';

export class SbrXmlReader {
  readonly #handler: SbrXmlHandler;
  #mode: Mode = 'prolog';
  #saxes: SaxesParser | undefined;
  /** saxes positions → file positions (zero while saxes reads the file from its start). */
  #lineOffset = 0;
  #columnAt = 0;
  #prefixLength = 0;
  /** The synthetic start tags saxes is given are not the file's: their events are not passed on. */
  #replaying = false;
  #depth = 0;
  #rootName = '';
  #errors = 0;
  // The scanner: text not consumed yet, the open elements, and where the current line began.
  #text = '';
  #stack: string[] = [];
  #line = 1;
  /** Index in #text where the current line's uncounted part starts, and the columns before it. */
  #lineFrom = 0;
  #columnBase = 0;
  /** Index in #text just after the tag being reported. */
  #at = 0;
  readonly #attributes = new ScannedAttributes();
  /** Line breaks inside the tag being read, and the index after the last one. */
  #tagLines = 0;
  #tagBreak = -1;

  constructor(handler: SbrXmlHandler) {
    this.#handler = handler;
  }

  /** 1-based line where the tag or error being reported ends. */
  get line(): number {
    if (this.#mode === 'fast') return this.#line;
    const p = this.#saxes as SaxesParser;
    return p.line + this.#lineOffset;
  }

  /** Characters before that point on its line, as saxes counts them. */
  get column(): number {
    if (this.#mode === 'fast') return this.#columnBase + codePoints(this.#text, this.#lineFrom, this.#at);
    const p = this.#saxes as SaxesParser;
    return p.line === 1 ? this.#columnAt + p.column - this.#prefixLength : p.column;
  }

  write(chunk: string): void {
    switch (this.#mode) {
      case 'saxes':
        (this.#saxes as SaxesParser).write(chunk);
        return;
      case 'prolog':
        this.#text += chunk;
        this.#prolog(false);
        return;
      case 'fast':
        this.#text += chunk;
        this.#scan();
        return;
    }
  }

  close(): void {
    if (this.#mode === 'prolog') this.#prolog(true);
    // Whatever is left (an unfinished tag, an unclosed root) is saxes's to judge.
    if (this.#mode === 'fast') this.#handOver(0);
    (this.#saxes as SaxesParser).close();
  }

  #parser(): SaxesParser {
    const parser = new SaxesParser({ position: true, xmlns: false });
    parser.on('error', (err) => {
      this.#errors++;
      if (this.#replaying) return;
      this.#handler.error(`${this.line}:${this.column}: ${err.message.replace(/^\d+:\d+: /, '')}`);
    });
    parser.on('opentag', (tag: SaxesTagPlain) => {
      if (++this.#depth === 1) this.#rootName = tag.name;
      if (!this.#replaying) {
        const attributes = tag.attributes;
        this.#handler.tag(tag.name, { get: (name) => attributes[name], entries: () => Object.entries(attributes) });
      }
    });
    parser.on('closetag', () => {
      this.#depth--;
    });
    return parser;
  }

  /**
   * Waits for the prolog and the root's start tag, lets saxes read them, then scans the rest
   * itself if saxes found nothing wrong, the root stayed open and the XML is 1.0.
   */
  #prolog(final: boolean): void {
    const text = this.#text;
    const end = rootTagEnd(text);
    if (end === INCOMPLETE && !final && text.length < MAX_PROLOG) return;
    const parser = (this.#saxes = this.#parser());
    this.#mode = 'saxes';
    this.#text = '';
    if (end < 0) {
      parser.write(text);
      return;
    }
    parser.write(text.slice(0, end));
    const version = parser.xmlDecl.version;
    if (this.#errors > 0 || this.#depth !== 1 || (version !== undefined && version !== '1.0')) {
      parser.write(text.slice(end));
      return;
    }
    this.#mode = 'fast';
    this.#stack = [this.#rootName];
    // saxes's line and column are now just after the root's start tag.
    this.#line = parser.line;
    this.#columnBase = parser.column;
    this.#lineFrom = 0;
    this.#text = text.slice(end);
    this.#scan();
  }

  /** Scans whole tags and the whitespace between them; keeps an unfinished tag for the next chunk. */
  #scan(): void {
    const text = this.#text;
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      let c = text.charCodeAt(pos);
      while (c !== LT) {
        if (c === SPACE || c === TAB) pos++;
        else if (c === LF) this.#newline(++pos);
        else if (c === CR) {
          // CR LF is one line break; a CR at the end waits for what follows it.
          if (pos + 1 >= n) break;
          pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
          this.#newline(pos);
        } else return this.#handOver(pos);
        if (pos >= n) break;
        c = text.charCodeAt(pos);
      }
      if (c !== LT) break;
      const end = this.#tag(text, pos);
      if (end === INCOMPLETE) break;
      if (end === UNSURE) return this.#handOver(pos);
      pos = end;
      // The root ended: what may follow (whitespace, comments) and what may not is saxes's.
      if (this.#stack.length === 0) return this.#handOver(pos);
    }
    this.#columnBase += codePoints(text, this.#lineFrom, pos);
    this.#lineFrom = 0;
    this.#text = text.slice(pos);
  }

  #newline(at: number): void {
    this.#line++;
    this.#lineFrom = at;
    this.#columnBase = 0;
  }

  /**
   * One tag from `lt` (its "<"): the index after it, INCOMPLETE, or UNSURE. Line breaks inside
   * the tag count only once it is whole, so an unfinished one can be read again from its start.
   */
  #tag(text: string, lt: number): number {
    const n = text.length;
    this.#tagLines = 0;
    this.#tagBreak = -1;
    let p = lt + 1;
    if (p >= n) return INCOMPLETE;
    if (text.charCodeAt(p) === SLASH) {
      const from = p + 1;
      p = nameEnd(text, from);
      if (p >= n) return INCOMPLETE;
      const closing = text.slice(from, p);
      p = this.#spaces(text, p);
      if (p >= n) return INCOMPLETE;
      if (closing === '' || text.charCodeAt(p) !== GT || closing !== this.#stack[this.#stack.length - 1]) return UNSURE;
      this.#commit();
      this.#stack.pop();
      return p + 1;
    }
    p = nameEnd(text, lt + 1);
    if (p >= n) return INCOMPLETE;
    if (p === lt + 1) return UNSURE;
    const element = elementName(text, lt + 1, p);
    const attributes = this.#attributes;
    attributes.start(text);
    let selfClosing = false;
    for (;;) {
      const before = p;
      p = this.#spaces(text, p);
      if (p >= n) return INCOMPLETE;
      let c = text.charCodeAt(p);
      if (c === GT) {
        p++;
        break;
      }
      if (c === SLASH) {
        if (p + 1 >= n) return INCOMPLETE;
        if (text.charCodeAt(p + 1) !== GT) return UNSURE;
        p += 2;
        selfClosing = true;
        break;
      }
      // An attribute, after at least one space.
      if (p === before) return UNSURE;
      const keyFrom = p;
      p = nameEnd(text, p);
      if (p >= n) return INCOMPLETE;
      if (p === keyFrom) return UNSURE;
      const keyTo = p;
      p = this.#spaces(text, p);
      if (p >= n) return INCOMPLETE;
      if (text.charCodeAt(p) !== EQUALS) return UNSURE;
      p = this.#spaces(text, p + 1);
      if (p >= n) return INCOMPLETE;
      c = text.charCodeAt(p);
      if (c !== DQUOTE && c !== SQUOTE) return UNSURE;
      // To the closing quote, looking out for what needs more than a slice: entities, the
      // whitespace saxes turns into spaces, and what saxes refuses (control characters,
      // U+FFFE/U+FFFF, lone surrogates). Plain values are cut out only if someone asks.
      let close = p + 1;
      let plain = true;
      for (; close < n; close++) {
        const v = text.charCodeAt(close);
        if (v === c) break;
        if (v >= SPACE && v !== AMP && v !== LT && v < 0xd800) continue;
        if (v >= 0xd800 && v <= 0xdbff) {
          const low = text.charCodeAt(close + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            close++;
            continue;
          }
        } else if (v > 0xdfff && v < 0xfffe) continue;
        plain = false;
      }
      if (close >= n) return INCOMPLETE;
      let decoded: string | undefined;
      if (!plain) {
        const value = decodeValue(text.slice(p + 1, close));
        if (value === null) return UNSURE;
        decoded = value.value;
        if (value.lines > 0) {
          this.#tagLines += value.lines;
          this.#tagBreak = p + 1 + value.lastBreak;
        }
      }
      if (!attributes.add(keyFrom, keyTo, p + 1, close, decoded)) return UNSURE; // saxes: "duplicate attribute"
      p = close + 1;
    }
    this.#commit();
    if (!selfClosing) this.#stack.push(element);
    this.#at = p;
    this.#handler.tag(element, attributes);
    return p;
  }

  /** Skips spaces and line breaks in a tag, counting the breaks; the text's length when it ends in a CR. */
  #spaces(text: string, p: number): number {
    const n = text.length;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === SPACE || c === TAB) p++;
      else if (c === LF) {
        this.#tagLines++;
        this.#tagBreak = ++p;
      } else if (c === CR) {
        // A CR at the end may be the first half of CR LF: the tag is read again with more text.
        if (p + 1 >= n) return n;
        p += text.charCodeAt(p + 1) === LF ? 2 : 1;
        this.#tagLines++;
        this.#tagBreak = p;
      } else break;
    }
    return p;
  }

  /** The tag is whole: its line breaks count. */
  #commit(): void {
    if (this.#tagLines === 0) return;
    this.#line += this.#tagLines;
    this.#lineFrom = this.#tagBreak;
    this.#columnBase = 0;
  }

  /**
   * saxes reads the rest of the file from `pos` on, in the state the scanner was in: the open
   * elements are written to it first (their events are not passed on), and its positions are
   * moved so they are the file's.
   */
  #handOver(pos: number): void {
    const text = this.#text;
    const line = this.#line;
    const column = this.#columnBase + codePoints(text, this.#lineFrom, pos);
    const prefix = this.#stack.length > 0 ? this.#stack.map((name) => `<${name}>`).join('') : '<root/>';
    const parser = (this.#saxes = this.#parser());
    this.#mode = 'saxes';
    this.#text = '';
    this.#stack = [];
    this.#replaying = true;
    parser.write(prefix);
    this.#replaying = false;
    this.#lineOffset = line - 1;
    this.#columnAt = column;
    // As saxes counts it: a name may hold a lone surrogate, which saxes counts together with the next character.
    this.#prefixLength = parser.column;
    parser.write(text.slice(pos));
  }
}

/**
 * The attributes of the tag being scanned, as places in the text: a record's fifteen names are
 * not cut out of the text (nor hashed into an object) just to be looked up by a few of them.
 */
class ScannedAttributes implements TagAttributes {
  #text = '';
  #count = 0;
  /** A bit per (length, first, last character) of the names so far: most tags need no comparison. */
  #seen = 0;
  readonly #keyFrom: number[] = [];
  readonly #keyTo: number[] = [];
  readonly #valueFrom: number[] = [];
  readonly #valueTo: number[] = [];
  /** The value with its entities resolved; undefined where it is the text as it stands. */
  readonly #decoded: (string | undefined)[] = [];

  start(text: string): void {
    this.#text = text;
    this.#count = 0;
    this.#seen = 0;
  }

  /** False when the tag has this name already. */
  add(from: number, to: number, valueFrom: number, valueTo: number, decoded: string | undefined): boolean {
    const text = this.#text;
    const length = to - from;
    const bit = 1 << ((length * 7 + text.charCodeAt(from) * 3 + text.charCodeAt(to - 1)) & 31);
    if ((this.#seen & bit) !== 0) {
      for (let k = 0; k < this.#count; k++) {
        const f = this.#keyFrom[k] as number;
        if ((this.#keyTo[k] as number) - f !== length) continue;
        let i = 0;
        while (i < length && text.charCodeAt(f + i) === text.charCodeAt(from + i)) i++;
        if (i === length) return false;
      }
    }
    this.#seen |= bit;
    const k = this.#count++;
    this.#keyFrom[k] = from;
    this.#keyTo[k] = to;
    this.#valueFrom[k] = valueFrom;
    this.#valueTo[k] = valueTo;
    this.#decoded[k] = decoded;
    return true;
  }

  #value(k: number): string {
    return this.#decoded[k] ?? this.#text.slice(this.#valueFrom[k], this.#valueTo[k]);
  }

  get(name: string): string | undefined {
    for (let k = 0; k < this.#count; k++) {
      const f = this.#keyFrom[k] as number;
      if ((this.#keyTo[k] as number) - f === name.length && this.#text.startsWith(name, f)) return this.#value(k);
    }
    return undefined;
  }

  entries(): [string, string][] {
    return Array.from({ length: this.#count }, (_, k) => [this.#text.slice(this.#keyFrom[k], this.#keyTo[k]), this.#value(k)]);
  }
}

/** The names SB&R files use, so the scanner does not make a new string for each of them. */
const ELEMENTS = ['sms', 'mms', 'part', 'parts', 'addr', 'addrs', 'smses'];

function elementName(text: string, from: number, to: number): string {
  for (const name of ELEMENTS) if (name.length === to - from && text.startsWith(name, from)) return name;
  return text.slice(from, to);
}

/** The index after the (ASCII) name that starts at `p`; `p` itself when none does. */
function nameEnd(text: string, p: number): number {
  const n = text.length;
  if (p >= n || !isNameStart(text.charCodeAt(p))) return p;
  p++;
  while (p < n && isNameChar(text.charCodeAt(p))) p++;
  return p;
}

/**
 * The index just after the root's start tag, INCOMPLETE while it may still come, or UNSURE when
 * the prolog is not the plain kind (a DOCTYPE may declare entities) or the root closes itself.
 */
function rootTagEnd(text: string): number {
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  for (;;) {
    while (p < n && isSpace(text.charCodeAt(p))) p++;
    if (p >= n) return INCOMPLETE;
    if (text.charCodeAt(p) !== LT) return UNSURE;
    if (text.startsWith('<?', p)) {
      const end = text.indexOf('?>', p + 2);
      if (end < 0) return INCOMPLETE;
      p = end + 2;
      continue;
    }
    if (text.startsWith('<!--', p)) {
      const end = text.indexOf('-->', p + 4);
      if (end < 0) return INCOMPLETE;
      p = end + 3;
      continue;
    }
    if (p + 1 >= n) return INCOMPLETE;
    if (!isNameStart(text.charCodeAt(p + 1))) return UNSURE;
    let quote = 0;
    for (let i = p + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DQUOTE || c === SQUOTE) quote = c;
      else if (c === LT) return UNSURE;
      else if (c === GT) return text.charCodeAt(i - 1) === SLASH ? UNSURE : i + 1;
    }
    return INCOMPLETE;
  }
}

/**
 * An attribute value as saxes gives it: entities and character references resolved, tab and
 * line breaks (CR LF as one) turned into spaces. Null for anything saxes would complain about.
 */
function decodeValue(raw: string): { value: string; lines: number; lastBreak: number } | null {
  let value = '';
  let from = 0;
  let lines = 0;
  let lastBreak = -1;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= SPACE && c !== 0x26 && c !== LT && (c < 0xd800 || c > 0xdfff) && c !== 0xfffe && c !== 0xffff) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return null;
    }
    value += raw.slice(from, i);
    switch (c) {
      case TAB:
        value += ' ';
        from = i + 1;
        break;
      case LF:
        value += ' ';
        lines++;
        lastBreak = from = i + 1;
        break;
      case CR:
        value += ' ';
        if (raw.charCodeAt(i + 1) === LF) i++;
        lines++;
        lastBreak = from = i + 1;
        break;
      case 0x26: {
        const semi = raw.indexOf(';', i + 1);
        if (semi < 0 || semi - i > 10) return null;
        const entity = raw.slice(i + 1, semi);
        let text = ENTITIES[entity];
        if (text === undefined) {
          const cp = DECIMAL_REF.test(entity) ? parseInt(entity.slice(1), 10) : HEX_REF.test(entity) ? parseInt(entity.slice(2), 16) : NaN;
          if (!isXmlChar(cp)) return null;
          text = String.fromCodePoint(cp);
        }
        value += text;
        i = semi;
        from = semi + 1;
        break;
      }
      default:
        return null; // "<", control characters, U+FFFE, U+FFFF, a lone low surrogate
    }
  }
  return { value: value + raw.slice(from), lines, lastBreak };
}
