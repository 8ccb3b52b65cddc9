/**
 * Segment planning: which alphabet and national tables a text needs and where it splits into
 * parts. Cheap enough for a live counter (no PDUs are built); the encoder uses the same plan.
 */
import type { Alphabet } from './dcs';
import { PduEncodeError } from './errors';
import { partEnd } from './grapheme';
import { countSeptets, gsm7Codec, type Gsm7Codec } from './gsm7';
import { nationalLanguageId, nationalTables, type NationalLanguage } from './national/index';

export type TextEncoding = 'gsm7' | 'ucs2';

export interface PlanOptions {
  /** 'auto' (default) picks GSM 7-bit when every character fits, else UCS-2. */
  readonly encoding?: 'auto' | TextEncoding;
  /** National language tables the recipient is allowed to receive (TS 23.038 Annex A). Default none. */
  readonly languages?: readonly NationalLanguage[];
  /** 16-bit concatenation reference (IEI 0x08) instead of 8-bit (IEI 0x00). */
  readonly concat16?: boolean;
  /** Octets of other UDH elements every part carries (e.g. 6 for 16-bit ports), IEI and length included. */
  readonly extraUdhOctets?: number;
  /** Fill `nonGsmChars` (default true; the encoder, which does not need it, turns it off). */
  readonly reportNonGsm?: boolean;
}

export interface SegmentPlan {
  readonly encoding: Alphabet;
  /** National language ids in use (0 = default tables). */
  readonly lockingShift: number;
  readonly singleShift: number;
  readonly parts: number;
  /** Code-unit index where each part starts; part i spans [starts[i], starts[i+1] or text end). */
  readonly starts: readonly number[];
  /** Septets (GSM 7-bit) or UTF-16 code units (UCS-2) in the whole text. */
  readonly units: number;
  /** Capacity of one part in the same units (of a single-part message when parts = 1). */
  readonly perPart: number;
  /** Units still free in the last part. */
  readonly remaining: number;
  /** Distinct characters outside the GSM default alphabet and extension table, in order of appearance. */
  readonly nonGsmChars: readonly string[];
}

/** The user data of one SMS is 140 octets (TS 23.040 §9.2.3.16). */
export const MAX_UD_OCTETS = 140;
/** 8-bit concatenation element: IEI, length, ref, total, part (§9.2.3.24.1). */
const CONCAT8_OCTETS = 5;
/** 16-bit concatenation element (§9.2.3.24.8). */
const CONCAT16_OCTETS = 6;
/** A national language shift element: IEI, length, language (§9.2.3.24.15/16). */
const SHIFT_OCTETS = 3;

function udhOctets(elementOctets: number): number {
  return elementOctets === 0 ? 0 : 1 + elementOctets;
}

/** Septets of text that fit beside a UDH of `udh` octets (the header is padded to a septet boundary). */
function gsmCapacity(udh: number): number {
  return Math.floor((MAX_UD_OCTETS * 8) / 7) - Math.ceil((udh * 8) / 7);
}

function ucs2Capacity(udh: number): number {
  return Math.floor((MAX_UD_OCTETS - udh) / 2);
}

interface Candidate {
  readonly codec: Gsm7Codec;
  readonly septets: number;
  readonly shiftOctets: number;
}

function gsmStarts(text: string, codec: Gsm7Codec, capacity: number): number[] {
  const starts = [0];
  const lookup = codec.lookup;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = lookup[text.charCodeAt(i)]! < 128 ? 1 : 2;
    // An escape pair is never split across parts (TS 23.038 §6.2.1.1).
    if (used + cost > capacity) {
      starts.push(i);
      used = 0;
    }
    used += cost;
  }
  return starts;
}

/** Longest symbol SMSDesk keeps whole across a part boundary (a ZWJ family is 11 units). */
const MAX_SYMBOL_BACKOFF = 16;

function ucs2Split(text: string, capacity: number, backoff: number): number[] {
  const starts = [0];
  let start = 0;
  for (;;) {
    const end = partEnd(text, start, capacity, backoff);
    if (end >= text.length) return starts;
    starts.push(end);
    start = end;
  }
}

/**
 * Never end a part inside a surrogate pair. Keep emoji sequences and flags whole too, unless
 * that would cost an extra part (fewest parts wins: every part is paid for).
 */
function ucs2Starts(text: string, capacity: number): number[] {
  const whole = ucs2Split(text, capacity, Math.min(MAX_SYMBOL_BACKOFF, capacity >> 2));
  const pairsOnly = ucs2Split(text, capacity, 0);
  return whole.length <= pairsOnly.length ? whole : pairsOnly;
}

function layout(total: number, single: number, multi: number): { parts: number; perPart: number } {
  if (total <= single) return { parts: 1, perPart: single };
  return { parts: Math.ceil(total / multi), perPart: multi };
}

function nonGsm(text: string): string[] {
  const lookup = gsm7Codec().lookup;
  const seen = new Set<string>();
  for (const ch of text) {
    if (ch.length > 1 || lookup[ch.charCodeAt(0)]! < 0) seen.add(ch);
  }
  return [...seen];
}

/** Plans how `text` is split. Throws PduEncodeError('bad-text') only when 'gsm7' is forced and cannot hold it. */
export function planText(text: string, options: PlanOptions = {}): SegmentPlan {
  const extra = options.extraUdhOctets ?? 0;
  const concat = options.concat16 ? CONCAT16_OCTETS : CONCAT8_OCTETS;
  const forced = options.encoding ?? 'auto';
  const report = options.reportNonGsm ?? true;

  if (forced !== 'ucs2') {
    const candidates: Candidate[] = [];
    const defaultCodec = gsm7Codec();
    const plain = countSeptets(text, defaultCodec);
    if (plain >= 0) candidates.push({ codec: defaultCodec, septets: plain, shiftOctets: 0 });
    for (const name of options.languages ?? []) {
      const id = nationalLanguageId(name);
      const t = nationalTables(id);
      if (!t) continue;
      const pairs: [number, number][] = [];
      if (t.single) pairs.push([0, id]);
      if (t.locking) pairs.push([id, 0]);
      if (t.locking && t.single) pairs.push([id, id]);
      for (const [l, s] of pairs) {
        const codec = gsm7Codec(l, s);
        const n = countSeptets(text, codec);
        if (n >= 0) candidates.push({ codec, septets: n, shiftOctets: (l ? SHIFT_OCTETS : 0) + (s ? SHIFT_OCTETS : 0) });
      }
    }
    let best: { c: Candidate; parts: number; perPart: number } | null = null;
    for (const c of candidates) {
      const fixed = extra + c.shiftOctets;
      const l = layout(c.septets, gsmCapacity(udhOctets(fixed)), gsmCapacity(udhOctets(fixed + concat)));
      // Fewest parts wins; on a tie the earlier (cheaper header, default tables first) stays.
      if (!best || l.parts < best.parts) best = { c, ...l };
    }
    const ucs2Units = text.length;
    const ucs2Parts = layout(ucs2Units, ucs2Capacity(udhOctets(extra)), ucs2Capacity(udhOctets(extra + concat))).parts;
    // National tables are used only when they save parts over UCS-2: handsets render UCS-2 everywhere.
    const useGsm = best && (best.c.shiftOctets === 0 || forced === 'gsm7' || best.parts < ucs2Parts);
    if (best && useGsm) {
      const starts = best.parts === 1 ? [0] : gsmStarts(text, best.c.codec, best.perPart);
      const lastStart = starts[starts.length - 1]!;
      const lastUnits = countSeptets(text.slice(lastStart), best.c.codec);
      return {
        encoding: 'gsm7',
        lockingShift: best.c.codec.locking,
        singleShift: best.c.codec.single,
        parts: starts.length,
        starts,
        units: best.c.septets,
        perPart: best.perPart,
        remaining: best.perPart - lastUnits,
        nonGsmChars: best.c.shiftOctets === 0 || !report ? [] : nonGsm(text),
      };
    }
    if (forced === 'gsm7') {
      throw new PduEncodeError('bad-text', `Text has characters outside the GSM 7-bit alphabet: ${nonGsm(text).join(' ')}`);
    }
  }
  const single = ucs2Capacity(udhOctets(extra));
  const multi = ucs2Capacity(udhOctets(extra + concat));
  const l = layout(text.length, single, multi);
  const starts = l.parts === 1 ? [0] : ucs2Starts(text, l.perPart);
  const lastStart = starts[starts.length - 1]!;
  return {
    encoding: 'ucs2',
    lockingShift: 0,
    singleShift: 0,
    parts: starts.length,
    starts,
    units: text.length,
    perPart: l.perPart,
    remaining: l.perPart - (text.length - lastStart),
    nonGsmChars: report ? nonGsm(text) : [],
  };
}

/** Plans 8-bit binary data: parts of at most 140 octets minus the UDH. */
export function planData(length: number, options: Pick<PlanOptions, 'concat16' | 'extraUdhOctets'> = {}): SegmentPlan {
  const extra = options.extraUdhOctets ?? 0;
  const concat = options.concat16 ? CONCAT16_OCTETS : CONCAT8_OCTETS;
  const l = layout(length, MAX_UD_OCTETS - udhOctets(extra), MAX_UD_OCTETS - udhOctets(extra + concat));
  const starts: number[] = [];
  for (let i = 0; i < l.parts; i++) starts.push(i * l.perPart);
  return {
    encoding: '8bit',
    lockingShift: 0,
    singleShift: 0,
    parts: l.parts,
    starts,
    units: length,
    perPart: l.perPart,
    remaining: l.perPart * l.parts - length,
    nonGsmChars: [],
  };
}
