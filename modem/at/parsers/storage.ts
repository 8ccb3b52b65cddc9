/**
 * Message storage and indication settings: +CPMS (TS 27.005 §3.2.2) and +CNMI=?
 * (§3.4.1).
 */
import { after, int, rangeList, splitFields, stringList, unparen, unquote } from './fields';
import { fail, guard, ok, type ParseResult } from './result';

export interface StorageUse {
  /** "SM", "ME", "MT", "SR", ...; absent in the reply to AT+CPMS=<mem>. */
  readonly storage?: string;
  readonly used: number;
  readonly total: number;
}

/** The reply to AT+CPMS?: "+CPMS: "SM",0,50,"SM",0,50,"SM",0,50" (one to three triples). */
export function parseCpmsRead(line: string): ParseResult<StorageUse[]> {
  return guard('+CPMS?', line, () => {
    const body = after(line, '+CPMS');
    if (body === undefined) return fail('+CPMS?', line);
    const f = splitFields(body);
    if (f.length < 3 || f.length % 3 !== 0) return fail('+CPMS?', line);
    const out: StorageUse[] = [];
    for (let i = 0; i < f.length; i += 3) {
      const storage = unquote(f[i]);
      const used = int(f[i + 1]);
      const total = int(f[i + 2]);
      if (storage === '' || used === undefined || total === undefined) return fail('+CPMS?', line);
      out.push({ storage, used, total });
    }
    return ok(out);
  });
}

/** The reply to AT+CPMS=<mem1>[,<mem2>[,<mem3>]]: "+CPMS: 0,50,0,50,0,50" (one to three pairs). */
export function parseCpmsSet(line: string): ParseResult<StorageUse[]> {
  return guard('+CPMS=', line, () => {
    const body = after(line, '+CPMS');
    if (body === undefined) return fail('+CPMS=', line);
    const f = splitFields(body).map(int);
    if (f.length < 2 || f.length % 2 !== 0 || f.some((v) => v === undefined)) return fail('+CPMS=', line);
    const out: StorageUse[] = [];
    for (let i = 0; i < f.length; i += 2) out.push({ used: f[i] as number, total: f[i + 1] as number });
    return ok(out);
  });
}

export interface StorageOptions {
  /** Storages for reading and deleting (mem1). */
  readonly read: readonly string[];
  /** Storages for writing and sending (mem2). */
  readonly write: readonly string[];
  /** Storages for received messages (mem3). */
  readonly receive: readonly string[];
}

/**
 * The reply to AT+CPMS=?: "+CPMS: ("ME","MT","SM","SR"),(...),(...)". Also reads the
 * Wavecom form wrapped in one more pair of parentheses, single values without
 * parentheses, and the empty lists of phones that store nothing.
 */
export function parseCpmsTest(line: string): ParseResult<StorageOptions> {
  return guard('+CPMS=?', line, () => {
    const body = after(line, '+CPMS');
    if (body === undefined) return fail('+CPMS=?', line);
    let groups = splitFields(body);
    if (groups.length === 1) {
      const inner = unparen(groups[0] ?? '');
      if (inner !== undefined && inner.trim().startsWith('(')) groups = splitFields(inner);
    }
    if (groups.length < 1 || groups.length > 3) return fail('+CPMS=?', line);
    const lists = groups.map(stringList);
    const read = lists[0] ?? [];
    const write = lists[1] ?? read;
    const receive = lists[2] ?? write;
    return ok({ read, write, receive });
  });
}

export interface CnmiOptions {
  readonly mode: readonly number[];
  readonly mt: readonly number[];
  readonly bm: readonly number[];
  readonly ds: readonly number[];
  readonly bfr: readonly number[];
}

/** The reply to AT+CNMI=?: "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)". Missing groups are empty. */
export function parseCnmiTest(line: string): ParseResult<CnmiOptions> {
  return guard('+CNMI=?', line, () => {
    const body = after(line, '+CNMI');
    if (body === undefined) return fail('+CNMI=?', line);
    const groups = splitFields(body).map(rangeList);
    if (groups.length > 5 || groups.some((g) => g === undefined)) return fail('+CNMI=?', line);
    const g = groups as number[][];
    return ok({ mode: g[0] ?? [], mt: g[1] ?? [], bm: g[2] ?? [], ds: g[3] ?? [], bfr: g[4] ?? [] });
  });
}
