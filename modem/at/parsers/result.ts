/**
 * Parsers return a result or a typed error, never throw: a reply from a modem is input
 * from the outside world and may be anything.
 */
import { AtParseError } from '../errors';

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AtParseError };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const fail = <T = never>(what: string, input: string): ParseResult<T> => ({ ok: false, error: new AtParseError(what, input) });

/** Runs a parser body and turns any slip (a bug on odd input) into a parse error. */
export function guard<T>(what: string, input: string, body: () => ParseResult<T>): ParseResult<T> {
  try {
    return body();
  } catch {
    return fail(what, input);
  }
}
