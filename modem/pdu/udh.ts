/** User data header, TS 23.040 §9.2.3.24. */
import { assertNever, PduDecodeError } from './errors';

export type UdhElement =
  | { readonly type: 'concat'; readonly ref: number; readonly refBits: 8 | 16; readonly total: number; readonly part: number }
  | { readonly type: 'ports'; readonly destination: number; readonly source: number; readonly bits: 8 | 16 }
  | { readonly type: 'single-shift'; readonly language: number }
  | { readonly type: 'locking-shift'; readonly language: number }
  | { readonly type: 'other'; readonly iei: number; readonly data: Uint8Array };

export const IEI_CONCAT_8 = 0x00;
export const IEI_PORTS_8 = 0x04;
export const IEI_PORTS_16 = 0x05;
export const IEI_CONCAT_16 = 0x08;
export const IEI_SINGLE_SHIFT = 0x24;
export const IEI_LOCKING_SHIFT = 0x25;

function interpret(iei: number, data: Uint8Array): UdhElement {
  const n = data.length;
  switch (iei) {
    case IEI_CONCAT_8:
    case IEI_CONCAT_16: {
      const wide = iei === IEI_CONCAT_16;
      if (n !== (wide ? 4 : 3)) break;
      const ref = wide ? (data[0]! << 8) | data[1]! : data[0]!;
      const total = data[wide ? 2 : 1]!;
      const part = data[wide ? 3 : 2]!;
      // §9.2.3.24.1: a zero total, zero part or part beyond total means "ignore this element".
      if (total === 0 || part === 0 || part > total) break;
      return { type: 'concat', ref, refBits: wide ? 16 : 8, total, part };
    }
    case IEI_PORTS_8:
      if (n !== 2) break;
      return { type: 'ports', destination: data[0]!, source: data[1]!, bits: 8 };
    case IEI_PORTS_16:
      if (n !== 4) break;
      return { type: 'ports', destination: (data[0]! << 8) | data[1]!, source: (data[2]! << 8) | data[3]!, bits: 16 };
    case IEI_SINGLE_SHIFT:
      if (n !== 1) break;
      return { type: 'single-shift', language: data[0]! };
    case IEI_LOCKING_SHIFT:
      if (n !== 1) break;
      return { type: 'locking-shift', language: data[0]! };
    default:
      break;
  }
  return { type: 'other', iei, data };
}

/**
 * Decodes the UDH whose UDHL octet is at `offset`; `end` is the end of the user data.
 * Returns the elements and the offset after the header. Unknown and malformed elements are kept
 * as 'other' (§9.2.3.24: a receiver ignores elements it does not understand).
 */
export function decodeUdh(bytes: Uint8Array, offset: number, end: number): { elements: UdhElement[]; next: number } {
  if (offset >= end) throw new PduDecodeError('truncated', 'UDH length is missing', offset);
  const udhl = bytes[offset]!;
  const stop = offset + 1 + udhl;
  if (stop > end) throw new PduDecodeError('bad-length', `UDH length ${udhl} exceeds the user data`, offset);
  const elements: UdhElement[] = [];
  let p = offset + 1;
  while (p < stop) {
    if (p + 2 > stop) throw new PduDecodeError('bad-length', 'UDH element header crosses the end of the UDH', p);
    const iei = bytes[p]!;
    const len = bytes[p + 1]!;
    if (p + 2 + len > stop) throw new PduDecodeError('bad-length', `UDH element 0x${iei.toString(16)} is longer than the UDH`, p + 1);
    elements.push(interpret(iei, bytes.subarray(p + 2, p + 2 + len)));
    p += 2 + len;
  }
  return { elements, next: stop };
}

/** Encodes elements into a UDH including its UDHL octet. */
export function encodeUdh(elements: readonly UdhElement[]): number[] {
  const body: number[] = [];
  for (const e of elements) {
    switch (e.type) {
      case 'concat':
        if (e.refBits === 16) body.push(IEI_CONCAT_16, 4, (e.ref >> 8) & 0xff, e.ref & 0xff, e.total, e.part);
        else body.push(IEI_CONCAT_8, 3, e.ref & 0xff, e.total, e.part);
        break;
      case 'ports':
        if (e.bits === 8) body.push(IEI_PORTS_8, 2, e.destination & 0xff, e.source & 0xff);
        else body.push(IEI_PORTS_16, 4, e.destination >> 8, e.destination & 0xff, e.source >> 8, e.source & 0xff);
        break;
      case 'single-shift':
        body.push(IEI_SINGLE_SHIFT, 1, e.language);
        break;
      case 'locking-shift':
        body.push(IEI_LOCKING_SHIFT, 1, e.language);
        break;
      case 'other':
        body.push(e.iei, e.data.length, ...e.data);
        break;
      default:
        return assertNever(e);
    }
  }
  return body.length === 0 ? [] : [body.length, ...body];
}
