/** +COPS? (TS 27.007 §7.3): "+COPS: <mode>[,<format>,<oper>[,<AcT>]]". */
import { after, int, splitFields, unquote } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

export interface OperatorInfo {
  /** 0 automatic, 1 manual, 2 deregistered, 3 format only, 4 manual/automatic. */
  readonly mode: number;
  /** 0 long name, 1 short name, 2 numeric MCC+MNC. */
  readonly format?: number;
  /** Name or numeric code; absent when not registered. */
  readonly operator?: string;
  readonly act?: number;
}

export function parseCopsRead(line: string): ParseResult<OperatorInfo> {
  return guard('+COPS', line, () => {
    const body = after(line, '+COPS');
    if (body === undefined || body.startsWith('(')) return fail('+COPS', line); // a =? list is not a read reply
    const [m, f, o, a] = splitFields(body);
    const mode = int(m);
    if (mode === undefined) return fail('+COPS', line);
    const format = int(f);
    const operator = o !== undefined && o !== '' ? unquote(o) : undefined;
    const act = int(a);
    return ok({
      mode,
      ...(format !== undefined ? { format } : {}),
      ...(operator !== undefined ? { operator } : {}),
      ...(act !== undefined ? { act } : {}),
    });
  });
}
