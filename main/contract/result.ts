/**
 * Results that cross the renderer ↔ core boundary.
 *
 * Errors travel as plain data (`code` + `message`) because Electron's structured
 * clone and JSON both drop class identity; the renderer switches on `code`.
 */

export type ErrorCode =
  /** The call's arguments did not match its schema. */
  | 'bad-request'
  /** No such call in the contract. */
  | 'unknown-call'
  /** The caller is not allowed to make this call (untrusted sender, no session). */
  | 'forbidden'
  /** The thing asked for does not exist. */
  | 'not-found'
  /** The core is shutting down or not ready. */
  | 'unavailable'
  /** A bug: the message says what failed; details are in the core's log. */
  | 'internal';

export interface ContractError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'bad-request',
  'unknown-call',
  'forbidden',
  'not-found',
  'unavailable',
  'internal',
]);

/** True when `x` has the shape of a Result; used where a result arrives over a wire. */
export function isResult(x: unknown): x is Result<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ok?: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && ERROR_CODES.has(e.code) && typeof e.message === 'string';
}
