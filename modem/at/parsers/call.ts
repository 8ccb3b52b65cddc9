/** +CLIP (TS 27.007 §7.6): "+CLIP: <number>,<type>[,<subaddr>,<satype>[,<alpha>[,<CLI validity>]]]". */
import { after, int, splitFields, unquote } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

export interface CallerId {
  /** Empty when withheld (see `validity`). */
  readonly number: string;
  readonly type?: number;
  readonly alpha?: string;
  /** 0 valid, 1 withheld by the caller, 2 not available (network). */
  readonly validity?: number;
}

export function parseClip(line: string): ParseResult<CallerId> {
  return guard('+CLIP', line, () => {
    const body = after(line, '+CLIP');
    if (body === undefined) return fail('+CLIP', line);
    const f = splitFields(body);
    const number = unquote(f[0]);
    if (!/^\+?[0-9*#ABCDabcd]*$/.test(number)) return fail('+CLIP', line);
    const type = int(f[1]);
    const alpha = unquote(f[4]);
    const validity = int(f[5]);
    return ok({
      number,
      ...(type !== undefined ? { type } : {}),
      ...(alpha ? { alpha } : {}),
      ...(validity !== undefined ? { validity } : {}),
    });
  });
}
