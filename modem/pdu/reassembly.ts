/**
 * Pure reassembly of concatenated messages (TS 23.040 §9.2.3.24.1/.8): group by originator,
 * reference and total (and the receiving modem), tolerate duplicates and any order.
 */
import type { Alphabet } from './dcs';
import { gsm7Codec, septetsToText } from './gsm7';
import type { SmsDeliver, SmsSubmit } from './types';
import { ucs2ToText } from './ucs2';

export type MessagePart = SmsDeliver | SmsSubmit;

/**
 * Key of the group a part belongs to, or null for a single-part message. 8- and 16-bit
 * references are distinct spaces, so the width is part of the key.
 */
export function concatKey(part: MessagePart, receiver = ''): string | null {
  const c = part.userData.concat;
  if (!c) return null;
  return `${receiver}\u0000${part.address.text}\u0000${c.refBits}:${c.ref}\u0000${c.total}`;
}

/** Groups items by `concatKey`; single-part messages are left out. */
export function groupParts<T>(
  items: readonly T[],
  partOf: (item: T) => MessagePart,
  receiver: (item: T) => string = () => '',
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = concatKey(partOf(item), receiver(item));
    if (key === null) continue;
    const g = groups.get(key);
    if (g) g.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export type AssemblyResult =
  | {
      readonly status: 'complete';
      readonly total: number;
      /** Null when the parts are 8-bit data or compressed. */
      readonly text: string | null;
      /** Joined payloads (septets for GSM 7-bit runs, octets otherwise) for 8-bit data. */
      readonly data: Uint8Array;
      readonly encoding: Alphabet;
      /** Parts seen more than once (the first copy is used). */
      readonly duplicates: number;
    }
  | {
      readonly status: 'incomplete';
      readonly total: number;
      /** 1-based part numbers not yet received, ascending. */
      readonly missing: readonly number[];
      readonly present: readonly number[];
      readonly duplicates: number;
    };

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/**
 * Assembles the parts of one group (as `groupParts` makes them; a lone single-part message
 * assembles to itself). Consecutive parts with the same alphabet and tables are joined before
 * decoding, so an escape pair or surrogate pair that another sender split across parts is
 * restored.
 */
export function assemble(parts: readonly MessagePart[]): AssemblyResult {
  const first = parts[0];
  if (!first) return { status: 'incomplete', total: 0, missing: [], present: [], duplicates: 0 };
  const total = first.userData.concat?.total ?? 1;
  const slots = new Array<MessagePart | undefined>(total).fill(undefined);
  let duplicates = 0;
  for (const p of parts) {
    const n = p.userData.concat?.part ?? 1;
    if (n < 1 || n > total) continue;
    if (slots[n - 1]) duplicates++;
    else slots[n - 1] = p;
  }
  const missing: number[] = [];
  const present: number[] = [];
  slots.forEach((s, i) => (s ? present : missing).push(i + 1));
  if (missing.length > 0) return { status: 'incomplete', total, missing, present, duplicates };

  let text: string | null = '';
  const data: Uint8Array[] = [];
  let run: Uint8Array[] = [];
  let runKey = '';
  let runPart: MessagePart | null = null;
  const flush = (): void => {
    if (!runPart || text === null) return;
    const ud = runPart.userData;
    const joined = concatBytes(run);
    if (ud.text === null) text = null;
    else if (ud.encoding === 'gsm7') text += septetsToText(joined, gsm7Codec(ud.lockingShift, ud.singleShift));
    else text += ucs2ToText(joined);
  };
  for (const s of slots) {
    const ud = s!.userData;
    const key = `${ud.encoding}/${ud.lockingShift}/${ud.singleShift}/${ud.unsupported ?? ''}`;
    if (key !== runKey) {
      flush();
      run = [];
      runKey = key;
      runPart = s!;
    }
    run.push(ud.payload);
    data.push(ud.payload);
  }
  flush();
  return {
    status: 'complete',
    total,
    text,
    data: concatBytes(data),
    encoding: slots[0]!.userData.encoding,
    duplicates,
  };
}
